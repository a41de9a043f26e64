// The API's operations as its OpenAPI document lists them, for the tests that walk every endpoint
// (permissions-routes, hostile-input-fuzz): so a new endpoint is tested the day it is mounted.
import type { Action } from '../../workflows/shared/permissions';

export interface Operation {
  key: string;
  method: string;
  /** The documented path, e.g. /transfers/{transferId}/accept. */
  path: string;
  pathParams: string[];
  /** The path with every parameter filled with a well-formed id of no existing process. */
  samplePath: string;
  action?: Action;
  secured: boolean;
  hasBody: boolean;
  processScoped: boolean;
  queryParams: string[];
  requestSchema?: unknown;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];

interface DocOperation {
  security?: Array<Record<string, string[]>>;
  'x-courtrelay-action'?: Action;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

export function samplePathParam(name: string): string {
  if (/preservation/i.test(name)) return 'preservation-P7NOSUCH0001';
  if (/transfer/i.test(name)) return 'transfer-91110105MA01NOSUCH';
  return 'p7-no-such-id-0001';
}

export async function documentedOperations(app: { request(path: string): Response | Promise<Response> }): Promise<Operation[]> {
  const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, DocOperation>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((m) => {
      const op = item[m]!;
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!);
      const json = op.requestBody?.content?.['application/json'];
      return {
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
        pathParams,
        samplePath: path.replace(/\{([^}]+)\}/g, (_, name: string) => samplePathParam(name)),
        action: op['x-courtrelay-action'],
        secured: (op.security ?? []).length > 0,
        hasBody: json !== undefined,
        processScoped: pathParams.length > 0,
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        requestSchema: json?.schema,
      };
    }));
}
