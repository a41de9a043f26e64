// Service faults on the production-shaped cluster (issue 19): the suite's Temporal cluster runs
// frontend, history, matching and worker as four processes on PostgreSQL, and each test here
// disturbs one of them in the middle of a transfer driven through the HTTP API — history SIGKILLed
// while an Update is being handled, matching SIGKILLed while Updates are queued, the frontend
// SIGKILLed while the API calls it, and the cluster's PostgreSQL databases cutting their
// connections and refusing new ones. Each time the transfer finishes and what it wrote (audit
// trail, notices, read model, deadlines) equals an undisturbed run: nothing lost, nothing twice.
//
// Only on the cluster (COURTRELAY_TEST_TEMPORAL=cluster, `npm run test:cluster`): the dev server of
// `npm test` is one process with SQLite, so none of these faults exists there (a whole dev server
// restarting is test/fault/transfer-faults.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  clusterServiceNames, runningPid, startService, stopService, waitServing,
  type ClusterOptions, type ClusterServiceName,
} from '../../infra/temporal/cluster';
import { creditCodeFor, lifecycleSteps, sendStep } from '../fixtures/transfer-lifecycle';
import { freshDatabase, type TestDatabase } from '../support/database';
import { spawnWorker, type WorkerProcess } from '../support/spawn-worker';
import {
  drive, finishesAsUndisturbed, keyOf, lifecycleTokens, startApi, stepsInAll, waitForStage, writeFaultProfile, written,
  type Engine, type LifecycleTokens, type Written,
} from '../support/transfer-run';

const cluster = inject('temporalCluster');

if (!cluster) {
  describe('service faults on a Temporal cluster', () => {
    it.skip('skipped: the suite runs on the dev server, one process — history, matching, frontend and their PostgreSQL exist apart only on a cluster (npm run test:cluster)', () => {});
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * SIGKILLs one service (a crash: no leaving the membership ring, no handing shards over), leaves
 * it down for `downMs`, starts it again and waits until it serves. Returns when each happened.
 */
async function crashAndRestart(options: ClusterOptions, name: ClusterServiceName, downMs: number) {
  const pid = runningPid(options, name);
  expect(pid, `${name} runs before the fault`).toBeDefined();
  await stopService(options, name, 'SIGKILL');
  const killedAt = Date.now();
  await sleep(downMs);
  const restartedAt = Date.now();
  const newPid = startService(options, name);
  expect(newPid).not.toBe(pid);
  await waitServing(options, name, 120_000);
  return { killedAt, restartedAt, servingAt: Date.now() };
}

/** A promise's outcome as it stands, for saying whether an act answered before the fault. */
function tracked<T>(promise: Promise<T>) {
  const state: { settled: boolean; at?: number; value?: T } = { settled: false };
  const done = promise.then((value) => {
    Object.assign(state, { settled: true, at: Date.now(), value });
    return value;
  });
  return { state, done };
}

describe.runIf(cluster)('service faults on the Temporal cluster (frontend, history, matching, worker on PostgreSQL)', () => {
  const options = cluster!;
  // Made in beforeAll: a skipped describe's body still runs when the file is collected.
  let dir: string;
  let profileFile: string;
  let db: TestDatabase;
  let tokens: LifecycleTokens;
  let admin: pg.Client;
  let reference: Written;
  const figures: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'courtrelay-svcfault-'));
    profileFile = writeFaultProfile(dir);
    db = await freshDatabase();
    tokens = await lifecycleTokens();
    admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
  });

  // Whatever a test did, the cluster is whole again for the next file of the suite.
  afterEach(async () => {
    await setConnectionsAllowed(true);
    for (const name of clusterServiceNames) {
      if (!runningPid(options, name)) startService(options, name);
      await waitServing(options, name, 120_000);
    }
  });

  afterAll(async () => {
    if (figures.length) console.log(`service faults on the cluster:\n  ${figures.join('\n  ')}`);
    await admin?.end();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function withEngine(fn: (engine: Engine, worker: () => WorkerProcess) => Promise<void>): Promise<void> {
    const engine = await startApi({ pool: db.pool, profileFile });
    const worker = await spawnWorker({ taskQueue: engine.taskQueue, databaseUrl: db.url });
    try {
      await fn(engine, () => worker);
    } finally {
      await worker.kill();
      await engine.stop();
    }
  }

  async function setConnectionsAllowed(allowed: boolean): Promise<void> {
    for (const name of [options.databaseName, options.visibilityDatabaseName]) {
      await admin.query(`alter database "${name.replace(/"/g, '')}" allow_connections ${allowed}`);
    }
  }

  /** Ends every session Temporal has open on its two databases; returns how many. */
  async function terminateClusterSessions(): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      `select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity
       where datname = any($1) and pid <> pg_backend_pid()`,
      [[options.databaseName, options.visibilityDatabaseName]],
    );
    return rows[0]!.n;
  }

  it('an undisturbed transfer runs from trigger to the served acceptance ruling (the reference)', async () => {
    await withEngine(async (engine) => {
      const code = creditCodeFor(10);
      await drive(engine.apiUrl, tokens, code, 0, stepsInAll);
      await waitForStage(db.pool, code, 'accepted');
      reference = await written(db.pool, code);
      expect(reference.auditActions.length).toBeGreaterThan(stepsInAll);
      expect(reference.notices.length).toBeGreaterThan(0);
    });
  });

  it('history SIGKILLed while the president\'s signature is being handled: the Update answers once, the transfer finishes as undisturbed', async () => {
    await withEngine(async (engine) => {
      const code = creditCodeFor(11);
      await drive(engine.apiUrl, tokens, code, 0, 5);
      const signature = lifecycleSteps(code)[5]!;
      expect(signature.kind).toBe('update: signature');
      const pending = tracked(sendStep(engine.apiUrl, tokens, signature, keyOf(code, 5)));
      // Mid-act: the Update was accepted and its write activity has committed its rows, but the
      // activity's completion and the Update's answer still have to pass through history.
      await expect.poll(async () => (await written(db.pool, code)).auditActions.includes('signDecision'), { timeout: 60_000, interval: 10 }).toBe(true);
      const answeredBeforeKill = pending.state.settled;
      const t = await crashAndRestart(options, 'history', 2000);
      const result = await pending.done;
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      const answered = pending.state.at! - t.restartedAt;
      await finishesAsUndisturbed(engine, db.pool, tokens, code, 6, reference);
      figures.push(`history: down ${seconds(t.restartedAt - t.killedAt)}, serving ${seconds(t.servingAt - t.restartedAt)} after the restart;`
        + ` the signature ${answeredBeforeKill ? 'had answered before the kill' : `answered ${seconds(answered)} after the restart (${result.retries} retries)`}`);
    });
  });

  it('matching SIGKILLed while Updates are queued: every Update answers once, every transfer finishes as undisturbed', async () => {
    await withEngine(async (engine) => {
      const codes = [12, 13, 14].map((n) => creditCodeFor(n));
      for (const code of codes) await drive(engine.apiUrl, tokens, code, 0, 5);
      const pending = codes.map((code) => tracked(sendStep(engine.apiUrl, tokens, lifecycleSteps(code)[5]!, keyOf(code, 5))));
      // The Updates are on their way to workflow tasks (history hands each to matching, the worker
      // polls matching) when matching dies with its queues and pollers.
      await sleep(50);
      const answeredBeforeKill = pending.filter((p) => p.state.settled).length;
      const t = await crashAndRestart(options, 'matching', 3000);
      const results = await Promise.all(pending.map((p) => p.done));
      for (const [i, result] of results.entries()) expect(result.status, `${codes[i]}: ${JSON.stringify(result.body)}`).toBe(200);
      const lastAnswer = Math.max(...pending.map((p) => p.state.at!)) - t.restartedAt;
      for (const code of codes) await finishesAsUndisturbed(engine, db.pool, tokens, code, 6, reference);
      figures.push(`matching: down ${seconds(t.restartedAt - t.killedAt)}, serving ${seconds(t.servingAt - t.restartedAt)} after the restart;`
        + ` ${answeredBeforeKill} of 3 Updates had answered before the kill, the last answered ${seconds(lastAnswer)} after the restart`
        + ` (retries ${results.map((r) => r.retries).join(', ')})`);
    });
  });

  it('the frontend SIGKILLed while the API calls it: 503 with Retry-After, and the retry with the same Idempotency-Key acts once', async () => {
    await withEngine(async (engine) => {
      const code = creditCodeFor(15);
      await drive(engine.apiUrl, tokens, code, 0, 5);
      const signature = lifecycleSteps(code)[5]!;
      const post = async () => {
        const started = Date.now();
        const res = await fetch(engine.apiUrl + signature.path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[signature.actor]}`, ...keyOf(code, 5) },
          body: JSON.stringify(signature.body),
        });
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json().catch(() => null) as { error?: string } | null, ms: Date.now() - started };
      };
      // One call in flight as the frontend dies, then one made while it is down.
      const inFlight = post();
      await sleep(20);
      await stopService(options, 'frontend', 'SIGKILL');
      const killedAt = Date.now();
      const first = await inFlight;
      expect([200, 503], JSON.stringify(first.body)).toContain(first.status);
      if (first.status === 503) expect(first.retryAfter).toMatch(/^\d+$/);
      const whileDown = await post();
      expect(whileDown.status, JSON.stringify(whileDown.body)).toBe(503);
      expect(whileDown.body?.error).toBe('TemporalUnavailable');
      expect(Number(whileDown.retryAfter)).toBeGreaterThan(0);

      const restartedAt = Date.now();
      startService(options, 'frontend');
      await waitServing(options, 'frontend', 120_000);
      const servingAt = Date.now();
      // The careful client: the same key after Retry-After, until it is answered.
      const retry = await sendStep(engine.apiUrl, tokens, signature, keyOf(code, 5));
      expect(retry.status, JSON.stringify(retry.body)).toBe(200);
      const answeredAt = Date.now();
      const signed = await db.pool.query('select 1 from audit_trail where process_id = $1 and action = $2', [`transfer-${code}`, 'signDecision']);
      expect(signed.rowCount).toBe(1);
      await finishesAsUndisturbed(engine, db.pool, tokens, code, 6, reference);
      figures.push(`frontend: the call in flight answered ${first.status} after ${seconds(first.ms)}, the call while down ${whileDown.status}`
        + ` (Retry-After ${whileDown.retryAfter}) after ${seconds(whileDown.ms)}; down ${seconds(restartedAt - killedAt)},`
        + ` serving ${seconds(servingAt - restartedAt)} after the restart, the retry answered ${seconds(answeredAt - servingAt)} later`);
    });
  });

  it('the cluster\'s PostgreSQL databases cut every session while acts run, then refuse connections for 5 s under an act: the transfer finishes as undisturbed', async () => {
    await withEngine(async (engine) => {
      const code = creditCodeFor(16);
      await drive(engine.apiUrl, tokens, code, 0, 5);
      // The signature and the decision's service while every Temporal session on its two databases
      // is ended, again and again (the machine's PostgreSQL keeps running: other helpers' and
      // courtrelay's own databases on it are not the cluster's).
      const cutFrom = Date.now();
      const cut = tracked(drive(engine.apiUrl, tokens, code, 5, 7));
      let terminated = 0;
      while (!cut.state.settled || Date.now() - cutFrom < 2000) {
        terminated += await terminateClusterSessions();
        await sleep(200);
        if (Date.now() - cutFrom > 120_000) break;
      }
      await cut.done;
      expect(terminated).toBeGreaterThan(0);
      const cutMs = cut.state.at! - cutFrom;
      // Then the databases refuse new sessions, with the docketing sent while they do.
      await setConnectionsAllowed(false);
      let restoredAt = 0;
      let answeredWhileRefused = false;
      try {
        terminated += await terminateClusterSessions();
        const docket = tracked(drive(engine.apiUrl, tokens, code, 7, 8));
        await sleep(5000);
        answeredWhileRefused = docket.state.settled;
        await setConnectionsAllowed(true);
        restoredAt = Date.now();
        await docket.done;
        const crashed = clusterServiceNames.filter((name) => !runningPid(options, name));
        await finishesAsUndisturbed(engine, db.pool, tokens, code, 8, reference);
        figures.push(`PostgreSQL: ${terminated} sessions ended while the signature and the decision's service ran (both done in ${seconds(cutMs)});`
          + ` the docketing sent while connections were refused for 5 s ${answeredWhileRefused ? 'answered during the refusal' : `answered ${seconds(docket.state.at! - restoredAt)} after they were allowed again`};`
          + ` services that exited: ${crashed.length ? crashed.join(', ') : 'none'}`);
      } finally {
        await setConnectionsAllowed(true);
      }
    });
  });
});
