// Crashes lose nothing: a transfer driven through the HTTP API survives a SIGKILLed worker, a
// restarted Temporal server and a PostgreSQL outage, and what it writes (audit trail, notices,
// read model) is exactly what an undisturbed run of the same transfer writes. A request repeated
// with the same Idempotency-Key after a client timeout is acted on once.
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../infra/temporal/dev-server';
import { creditCodeFor, lifecycleSteps, sendStep } from '../fixtures/transfer-lifecycle';
import { freePort } from '../setup/services';
import { freshDatabase, type TestDatabase } from '../support/database';
import { startPgProxy } from '../support/pg-proxy';
import { spawnWorker, type WorkerProcess } from '../support/spawn-worker';
import {
  drive as driveSteps, finishesAsUndisturbed as finishes, keyOf, lifecycleTokens, startApi as startApiOn, stepsInAll,
  waitForStage as waitForStageIn, writeFaultProfile, written, type Engine, type LifecycleTokens, type Written,
} from '../support/transfer-run';

const dir = mkdtempSync(join(tmpdir(), 'courtrelay-fault-'));
const profileFile = writeFaultProfile(dir);

let db: TestDatabase;
let tokens: LifecycleTokens;
beforeAll(async () => {
  db = await freshDatabase();
  tokens = await lifecycleTokens();
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const startApi = (temporalAddress?: string, taskQueue?: string) => startApiOn({ pool: db.pool, profileFile, temporalAddress, taskQueue });
const drive = (engine: Engine, code: string, from: number, to: number) => driveSteps(engine.apiUrl, tokens, code, from, to);
const waitForStage = (code: string, stage: string) => waitForStageIn(db.pool, code, stage);

let reference: Written;

/** Drives the rest of the lifecycle, then: accepted, and exactly what the undisturbed run wrote. */
const finishesAsUndisturbed = (engine: Engine, code: string, fromStep: number) => finishes(engine, db.pool, tokens, code, fromStep, reference);

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
