// Calling the app as one person in API tests: a token minted for the actor, JSON in and out; and the
// set-up most transfer API tests share (a worker on a fresh database, the app on its task queue).
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import type { Config } from '../../infra/config';
import type { Actor } from '../../workflows/shared/actor';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { testConfig } from './temporal';

export interface ApiRequester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

// Tests read whatever the response holds; the assertions say what it must be.
export interface ApiAnswer { status: number; body: Record<string, any> }

/** One request as `actor` (no token when undefined), the body sent as JSON, the answer parsed as JSON. */
export type ApiCall = (actor: Actor | undefined, method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

export function apiCaller(app: ApiRequester, config: Pick<Config, 'JWT_SECRET'>): ApiCall {
  return async (actor, method, path, body) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (actor) headers.authorization = `Bearer ${await mintToken(config.JWT_SECRET, actor)}`;
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() as ApiAnswer['body'] };
  };
}

export interface TransferApi extends TransferHarness {
  config: Config;
  app: ReturnType<typeof createApp>;
  call: ApiCall;
}

/** A transfer worker on a fresh database and the app on its task queue; `overrides` go to the config. */
export async function startTransferApi(overrides: Record<string, string> = {}): Promise<TransferApi> {
  const h = await startTransferHarness();
  const config = testConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue, ...overrides });
  const app = createApp({ config, client: h.client, pool: h.db.pool });
  return { ...h, config, app, call: apiCaller(app, config) };
}
