// The one place that turns failures into HTTP answers: validation problems name each field, and
// workflow refusals (ApplicationFailure types) map to a status with the workflow's reason.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type {} from './observe';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: string;
  message: string;
  fields?: FieldProblem[];
}

/** ApplicationFailure type → HTTP status. Anything not listed is a 409 (refused in this state). */
export const failureStatus: Record<string, number> = {
  ValidationFailed: 422,
  Forbidden: 403,
  NotFound: 404,
  WrongStage: 409,
  AlreadyExists: 409,
  TransferBarred: 409,
  DocumentsMissing: 422,
  // An act whose effects the database refused (activities/failures.ts): nothing a retry can fix.
  DataRejected: 422,
  InvalidActivityInput: 422,
  TooManyActs: 429,
};

export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

export class ApiError extends HTTPException {
  constructor(status: number, readonly body: ErrorBody, readonly headers: Record<string, string> = {}) {
    super(status as never, { message: body.message });
  }
}

/** Where a request failed validation, as a person reads it: hono's validation targets. */
const targetNames: Record<string, string> = {
  json: '请求内容', query: '查询条件', param: '路径参数', header: '请求头', cookie: 'Cookie', form: '表单',
};

/** 422 naming each field: "<where, Chinese>有误 (invalid <where>): field: message; …". */
export function validationError(error: ZodError, target: string): ApiError {
  const fields = fieldProblems(error);
  return new ApiError(422, {
    error: 'ValidationFailed',
    message: `${targetNames[target] ?? '请求'}有误 (invalid ${target === 'json' ? 'request body' : target}): ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    fields,
  });
}

// Hono's own refusals (a body over the limit, a malformed body its parser met first) are in English.
const hanCharacter = /\p{Script=Han}/u;

/** An HTTPException's message Chinese first: its own when it has Chinese, else a Chinese lead with it in parentheses. */
function chineseFirst(status: number, message: string): string {
  if (hanCharacter.test(message)) return message;
  const lead = status === 413 ? '请求体过大' : status >= 500 ? '服务器未能完成请求' : '请求未能完成';
  return `${lead} (${message || `HTTP ${status}`})`;
}

/** The answer to a failed request; the error type is kept on the context for the request's log line and metrics. */
export function errorResponse(c: Context, err: Error): Response {
  if (err instanceof ApiError) {
    c.set('errorType', err.body.error);
    return c.json(err.body, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const error = status === 413 ? 'PayloadTooLarge' : 'HttpError';
    c.set('errorType', error);
    return c.json({ error, message: chineseFirst(status, err.message) }, status);
  }
  c.set('errorType', 'InternalError');
  const log = c.get('log');
  if (log) log.error({ err, method: c.req.method }, 'unhandled error');
  else console.error(`api: unhandled error on ${c.req.method} ${c.req.path}:`, err);
  return c.json({ error: 'InternalError', message: '服务器内部错误，请稍后再试 (internal error; it has been logged)' }, 500);
}
