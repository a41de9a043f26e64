// What every route module shares in the OpenAPI document: the error answer (written by
// api/http/errors.ts), its refusals, and a sub-app whose failed validation is the API's 422.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { validationError } from './errors';
import { useChineseZodMessages } from './zod-locale';

// Every route validates through these sub-apps: field messages are Chinese from the first request.
useChineseZodMessages();

export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).openapi('Error');

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const refusalMeanings = {
  401: 'No or bad bearer token',
  403: 'The permission table does not allow this actor (role, court, party)',
  404: 'No such process or item',
  409: 'Refused in the current stage (the reason says why)',
  422: 'Invalid input, naming each field, or documents missing',
} as const;
type RefusalStatus = keyof typeof refusalMeanings;

/** The refusals a route can give, documented alike everywhere. */
export function refusals<S extends RefusalStatus>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((status) => [status, jsonContent(errorBody, refusalMeanings[status])])) as
    Record<S, ReturnType<typeof jsonContent<typeof errorBody>>>;
}

/** A route module's sub-app: request validation fails as a 422 naming each field. */
export function routesApp<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}
