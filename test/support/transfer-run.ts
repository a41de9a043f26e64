// One transfer driven through the HTTP API, and everything it wrote, for the fault tests: a run
// disturbed by a fault (a worker, a Temporal service, PostgreSQL) must write exactly what an
// undisturbed run of the same lifecycle writes. Shared by test/fault/transfer-faults.test.ts (dev
// server) and test/fault/cluster-service-faults.test.ts (the cluster's services).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type pg from 'pg';
import { expect } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { compressed } from '../../workflows/clock/statute-profile';
import { creditCodeFor, lifecycleActors, lifecycleSteps, registrationStep, sendStep, type LifecycleActor } from '../fixtures/transfer-lifecycle';
import { freePort } from '../setup/services';
import { testClient, testConfig, uniqueTaskQueue } from './temporal';

export type LifecycleTokens = Record<LifecycleActor, string>;

/**
 * Writes a statute profile in which a day lasts a minute: no deadline fires while a test drives the
 * transfer, so an undisturbed run and a disturbed one must write exactly the same rows.
 */
export function writeFaultProfile(dir: string): string {
  const file = join(dir, 'profile.json');
  writeFileSync(file, JSON.stringify({ ...compressed, name: 'fault', clock: { mode: 'compressed', msPerDay: 60_000 } }));
  return file;
}

export async function lifecycleTokens(): Promise<LifecycleTokens> {
  const secret = testConfig().JWT_SECRET;
  return Object.fromEntries(await Promise.all(Object.entries(lifecycleActors).map(async ([k, a]) => [k, await mintToken(secret, a)]))) as LifecycleTokens;
}

export interface Engine {
  apiUrl: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/** The API in this process on a real port; the worker is the test's to start and kill. */
export async function startApi(options: { pool: pg.Pool; profileFile: string; temporalAddress?: string; taskQueue?: string }): Promise<Engine> {
  const taskQueue = options.taskQueue ?? uniqueTaskQueue('fault');
  const config = testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, STATUTE_PROFILE_FILE: options.profileFile });
  const client = await testClient(options.temporalAddress);
  const app = createApp({ config, client, pool: options.pool });
  const port = await freePort();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    taskQueue,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await client.connection.close();
    },
  };
}

/**
 * The Idempotency-Key of a step, as a careful client sends it: after a 503 (the API's Temporal
 * deadline passed while a killed process's task timed out) the repeat reaches the same Update and
 * nothing is recorded twice (sendStep).
 */
export const keyOf = (code: string, step: number) => ({ 'idempotency-key': `fault-${code}-${step}` });

export const stepsInAll = lifecycleSteps(creditCodeFor(0)).length;

/** Sends the lifecycle's steps [from, to) (from 0: the case's registration first); each must succeed. */
export async function drive(apiUrl: string, tokens: LifecycleTokens, code: string, from: number, to: number): Promise<void> {
  if (from === 0) expect((await sendStep(apiUrl, tokens, registrationStep(code))).status).toBe(200);
  for (const [i, step] of lifecycleSteps(code).slice(from, to).entries()) {
    const result = await sendStep(apiUrl, tokens, step, keyOf(code, from + i));
    expect(result.status, `${step.kind}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
  }
}

/** Everything the transfer wrote, in a form two runs can be compared by. */
export async function written(pool: pg.Pool, code: string) {
  const count = async (table: string, column = 'credit_code') =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from ${table} where ${column} = $1`, [code])).rows[0]!.n;
  // Activities the workflow runs side by side append in either order: compare what was written,
  // not the order of the inserts.
  const audit = await pool.query<{ action: string }>('select action from audit_trail where process_id = $1 order by action', [`transfer-${code}`]);
  const notices = await pool.query<{ kind: string }>('select kind from transfer_notices where credit_code = $1 order by kind', [code]);
  const deadlines = await pool.query<{ name: string; status: string }>(
    'select name, status from deadlines where process_id = $1 order by name', [`transfer-${code}`]);
  const stage = await pool.query<{ stage: string }>('select stage from transfers where credit_code = $1', [code]);
  return {
    stage: stage.rows[0]?.stage,
    auditActions: audit.rows.map((r) => r.action),
    notices: notices.rows.map((r) => r.kind),
    deadlines: deadlines.rows,
    rows: {
      cases: await count('transfer_cases'), parties: await count('transfer_parties'), consents: await count('transfer_consents'),
      materialItems: await count('transfer_material_items'), property: await count('transfer_property'),
    },
  };
}

export type Written = Awaited<ReturnType<typeof written>>;

export async function waitForStage(pool: pg.Pool, code: string, stage: string, timeout = 60_000): Promise<void> {
  await expect.poll(async () => (await written(pool, code)).stage, { timeout, interval: 200 }).toBe(stage);
}

/** Drives the rest of the lifecycle, then: accepted, and exactly what the undisturbed run wrote. */
export async function finishesAsUndisturbed(engine: Engine, pool: pg.Pool, tokens: LifecycleTokens, code: string, fromStep: number, reference: Written): Promise<void> {
  await drive(engine.apiUrl, tokens, code, fromStep, stepsInAll);
  await waitForStage(pool, code, 'accepted');
  expect(await written(pool, code)).toEqual(reference);
}
