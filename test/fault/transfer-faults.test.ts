// Crashes lose nothing: a transfer driven through the HTTP API survives a SIGKILLed worker, a
// restarted Temporal server and a PostgreSQL outage, and what it writes (audit trail, notices,
// read model) is exactly what an undisturbed run of the same transfer writes. A request repeated
// with the same Idempotency-Key after a client timeout is acted on once.
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { startDevServer, type DevServer } from '../../infra/temporal/dev-server';
import { compressed } from '../../workflows/clock/statute-profile';
import { creditCodeFor, lifecycleActors, lifecycleSteps, registrationStep, sendStep, type LifecycleActor } from '../fixtures/transfer-lifecycle';
import { freePort } from '../setup/services';
import { freshDatabase, type TestDatabase } from '../support/database';
import { startPgProxy } from '../support/pg-proxy';
import { spawnWorker, type WorkerProcess } from '../support/spawn-worker';
import { testClient, testConfig, uniqueTaskQueue } from '../support/temporal';

const dir = mkdtempSync(join(tmpdir(), 'courtrelay-fault-'));
// A day lasts a minute: no deadline fires while a test drives the transfer, so an undisturbed run
// and a disturbed one must write exactly the same rows.
const profileFile = join(dir, 'profile.json');
writeFileSync(profileFile, JSON.stringify({ ...compressed, name: 'fault', clock: { mode: 'compressed', msPerDay: 60_000 } }));

let db: TestDatabase;
let tokens: Record<LifecycleActor, string>;
beforeAll(async () => {
  db = await freshDatabase();
  const secret = testConfig().JWT_SECRET;
  tokens = Object.fromEntries(await Promise.all(Object.entries(lifecycleActors).map(async ([k, a]) => [k, await mintToken(secret, a)]))) as typeof tokens;
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Engine {
  apiUrl: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/** The API in this process on a real port; the worker is the test's to start and kill. */
async function startApi(temporalAddress?: string, taskQueue = uniqueTaskQueue('fault')): Promise<Engine> {
  const config = testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, STATUTE_PROFILE_FILE: profileFile });
  const client = await testClient(temporalAddress);
  const app = createApp({ config, client, pool: db.pool });
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
 * Sends each step as a careful client does: with an Idempotency-Key, so that after a 503 (the
 * API's Temporal deadline passed while a killed worker's task timed out) the repeat reaches the
 * same Update and nothing is recorded twice (sendStep).
 */
const keyOf = (code: string, step: number) => ({ 'idempotency-key': `fault-${code}-${step}` });

async function drive(engine: Engine, code: string, from: number, to: number): Promise<void> {
  if (from === 0) expect((await sendStep(engine.apiUrl, tokens, registrationStep(code))).status).toBe(200);
  for (const [i, step] of lifecycleSteps(code).slice(from, to).entries()) {
    const result = await sendStep(engine.apiUrl, tokens, step, keyOf(code, from + i));
    expect(result.status, `${step.kind}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
  }
}

const stepsInAll = lifecycleSteps(creditCodeFor(0)).length;

/** Everything the transfer wrote, in a form two runs can be compared by. */
async function written(pool: pg.Pool, code: string) {
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

async function waitForStage(code: string, stage: string): Promise<void> {
  await expect.poll(async () => (await written(db.pool, code)).stage, { timeout: 60_000, interval: 200 }).toBe(stage);
}

let reference: Awaited<ReturnType<typeof written>>;

/** Drives the rest of the lifecycle, then: accepted, and exactly what the undisturbed run wrote. */
async function finishesAsUndisturbed(engine: Engine, code: string, fromStep: number): Promise<void> {
  await drive(engine, code, fromStep, stepsInAll);
  await waitForStage(code, 'accepted');
  expect(await written(db.pool, code)).toEqual(reference);
}

describe('an undisturbed transfer', () => {
  it('runs from trigger to the served acceptance ruling (the reference for the others)', async () => {
    const engine = await startApi();
    const worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
    try {
      const code = creditCodeFor(1);
      await drive(engine, code, 0, stepsInAll);
      await waitForStage(code, 'accepted');
      reference = await written(db.pool, code);
      expect(reference.auditActions.length).toBeGreaterThan(stepsInAll);
      expect(reference.notices.length).toBeGreaterThan(0);
    } finally {
      await worker.kill();
      await engine.stop();
    }
  });
});

describe('faults', () => {
  it('a worker killed with SIGKILL mid-transfer: a new worker finishes it, nothing written twice', async () => {
    const engine = await startApi();
    let worker: WorkerProcess = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
    try {
      const code = creditCodeFor(2);
      await drive(engine, code, 0, 6);
      expect(lifecycleSteps(code)[5]!.kind).toBe('update: signature');
      // Right after the president's signature is answered (its deadlines set, its notices queued),
      // the worker dies without shutting down; its cached workflows and open tasks go with it.
      await worker.kill('SIGKILL');
      worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
      await finishesAsUndisturbed(engine, code, 6);
    } finally {
      await worker.kill();
      await engine.stop();
    }
  });

  it('a worker killed while an Update is being handled: the Update completes on the next worker', async () => {
    const engine = await startApi();
    let worker: WorkerProcess = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
    try {
      const code = creditCodeFor(3);
      await drive(engine, code, 0, 5);
      const signature = lifecycleSteps(code)[5]!;
      const pending = sendStep(engine.apiUrl, tokens, signature, keyOf(code, 5));
      await new Promise((r) => setTimeout(r, 150));
      await worker.kill('SIGKILL');
      worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
      expect((await pending).status).toBe(200);
      await finishesAsUndisturbed(engine, code, 6);
    } finally {
      await worker.kill();
      await engine.stop();
    }
  });

  it('the Temporal server stopped and restarted mid-process: the transfer resumes', async () => {
    const serverDir = join(dir, 'server');
    mkdirSync(serverDir, { recursive: true });
    const port = await freePort();
    const options = { dbFile: join(serverDir, 'temporal.sqlite'), port, uiPort: port, namespace: 'default', headless: true, logFile: openSync(join(serverDir, 'log'), 'a') };
    let server: DevServer = await startDevServer(options);
    let engine = await startApi(server.address);
    const worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url, temporalAddress: server.address });
    try {
      const code = creditCodeFor(4);
      await drive(engine, code, 0, 6);
      await engine.stop();
      await server.stop();
      server = await startDevServer(options);
      // The worker process reconnects by itself; the API starts a client of its own again.
      engine = await startApi(server.address, engine.taskQueue);
      await finishesAsUndisturbed(engine, code, 6);
    } finally {
      await worker.kill();
      await engine.stop();
      await server.stop();
    }
  });

  it('PostgreSQL refusing connections for several seconds: activities retry and nothing is lost', async () => {
    const engine = await startApi();
    const target = new URL(db.url);
    const proxy = await startPgProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: viaProxy.toString() });
    try {
      const code = creditCodeFor(5);
      await drive(engine, code, 0, 5);
      await proxy.down();
      const signature = sendStep(engine.apiUrl, tokens, lifecycleSteps(code)[5]!);
      await new Promise((r) => setTimeout(r, 5000));
      await proxy.up();
      expect((await signature).status).toBe(200);
      await finishesAsUndisturbed(engine, code, 6);
    } finally {
      await worker.kill();
      await proxy.close();
      await engine.stop();
    }
  });

  it('a request repeated with the same Idempotency-Key after a client timeout is acted on once', async () => {
    const engine = await startApi();
    const worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
    try {
      const code = creditCodeFor(6);
      await drive(engine, code, 0, 2);
      const consent = lifecycleSteps(code)[2]!;
      const headers = { 'idempotency-key': `consent-${code}` };
      // The client gives up before the answer comes; the server carries on.
      const abandoned = fetch(engine.apiUrl + consent.path, {
        method: 'POST', signal: AbortSignal.timeout(5),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.creditor}`, ...headers },
        body: JSON.stringify(consent.body),
      }).catch((err: Error) => err);
      expect(await abandoned).toBeInstanceOf(Error);
      let retry = await sendStep(engine.apiUrl, tokens, consent, headers);
      for (let i = 0; retry.status === 409 && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
        retry = await sendStep(engine.apiUrl, tokens, consent, headers);
      }
      expect(retry.status).toBe(200);
      const consents = await db.pool.query('select action from audit_trail where process_id = $1 and action = $2', [`transfer-${code}`, 'consentGiven']);
      expect(consents.rowCount).toBe(1);
    } finally {
      await worker.kill();
      await engine.stop();
    }
  });
});
