// How console forms act: they call the HTTP API of the same app in-process with the signed-in
// person's bearer token, so every action passes the API's zod validation, the permission table and
// the workflow's Update validator exactly as an API client's would.
import type { FieldProblem } from '../http/errors';

export interface ApiHandle {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; error: string; message: string; fields: FieldProblem[] };

export async function callApi<T = unknown>(
  api: ApiHandle, token: string, method: string, path: string, body?: unknown,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await api.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { message: text };
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const problem = (parsed ?? {}) as { error?: string; message?: string; fields?: FieldProblem[] };
  return {
    ok: false,
    status: response.status,
    error: problem.error ?? `HTTP ${response.status}`,
    message: problem.message ?? `HTTP ${response.status}`,
    fields: problem.fields ?? [],
  };
}

/** Chinese lead for an API refusal, by HTTP status; the API's own reason follows it. */
export function refusalLead(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您无权进行此操作';
  if (status === 404) return '未找到该程序';
  if (status === 409) return '当前阶段不允许此操作';
  if (status === 422) return '填写内容有误，请按提示修改';
  return '操作未完成';
}
