// Calling the app as one person in API tests: a token minted for the actor, JSON in and out; and the
// set-up most transfer API tests share (a worker on a fresh database, the app on its task queue).
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import type { Config } from '../../infra/config';
import type { Actor } from '../../workflows/shared/actor';
import { readModel } from '../fixtures/transfer';
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
  /** A refused call: 4xx with a reason, and neither the read model nor the audit trail moved. */
  refused(code: string, actor: Actor, path: string, body: unknown, status: number, reason: RegExp): Promise<void>;
}

/** A transfer worker on a fresh database and the app on its task queue; `overrides` go to the config. */
export async function startTransferApi(overrides: Record<string, string> = {}): Promise<TransferApi> {
  const h = await startTransferHarness();
  const config = testConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue, ...overrides });
  const app = createApp({ config, client: h.client, pool: h.db.pool });
  const call = apiCaller(app, config);
  return {
    ...h, config, app, call,
    async refused(code, actor, path, body, status, reason) {
      const before = await readModel(h.db.pool, code);
      const res = await call(actor, 'POST', `/transfers/${code}${path}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.message).toMatch(reason);
      expect(await readModel(h.db.pool, code)).toEqual(before);
    },
  };
}

/**
 * The transfer API for one test file: started before its tests (after `overrides()` is read),
 * stopped after them. The returned object is filled in when the tests run.
 */
export function useTransferApi(overrides: () => Record<string, string> = () => ({})): TransferApi {
  const api = {} as TransferApi;
  beforeAll(async () => { Object.assign(api, await startTransferApi(overrides())); });
  afterAll(async () => { await api.stop?.(); });
  return api;
}

/**
 * Two steps transfer API tests take again and again: `stage` polls GET /transfers/{code} as the
 * officer until the transfer reaches `expected` (200 polls, 50 ms apart) and answers its body;
 * `ok` posts an act and expects 200, answering the body.
 */
export function transferSteps(call: ApiCall, officer: Actor) {
  return {
    async stage(code: string, expected: string): Promise<Record<string, any>> {
      for (let i = 0; i < 200; i++) {
        const res = await call(officer, 'GET', `/transfers/${code}`);
        if (res.status === 200 && res.body.stage === expected) return res.body;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`transfer ${code} never reached ${expected}`);
    },
    async ok(actor: Actor, code: string, path: string, body: unknown): Promise<Record<string, any>> {
      const res = await call(actor, 'POST', `/transfers/${code}${path}`, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    },
  };
}
