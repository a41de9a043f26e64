// Scale-out (issues 18, 19): two worker processes and two API processes (the production entry,
// api/server.ts) against one Temporal server and one PostgreSQL. Transfers are driven through
// both APIs in turn while one worker is SIGKILLed and started again: every transfer is accepted,
// each wrote exactly what an undisturbed transfer writes (nothing lost, nothing twice), and both
// workers did the work (the identities in the histories). The bench runs the larger version.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/http/auth';
import { compressed } from '../../workflows/clock/statute-profile';
import { creditCodeFor, lifecycleActors, lifecycleSteps, registrationStep, sendStep, type LifecycleActor } from '../fixtures/transfer-lifecycle';
import { spawnApi, type ApiProcess } from '../support/api-process';
import { freshDatabase, type TestDatabase } from '../support/database';
import { spawnWorker, type WorkerProcess } from '../support/spawn-worker';
import { testClient, testConfig, uniqueTaskQueue } from '../support/temporal';

const dir = mkdtempSync(join(tmpdir(), 'courtrelay-scale-'));
// A day lasts a minute: no deadline fires while the transfers are driven, so every transfer must
// write the same rows as the undisturbed one.
const profileFile = join(dir, 'profile.json');
writeFileSync(profileFile, JSON.stringify({ ...compressed, name: 'scale-out', clock: { mode: 'compressed', msPerDay: 60_000 } }));
const taskQueue = uniqueTaskQueue('scale');
const transfers = 6;

let db: TestDatabase;
let tokens: Record<LifecycleActor, string>;
const apis: ApiProcess[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  const secret = testConfig().JWT_SECRET;
  tokens = Object.fromEntries(await Promise.all(Object.entries(lifecycleActors).map(async ([k, a]) => [k, await mintToken(secret, a)]))) as typeof tokens;
  const env = { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, STATUTE_PROFILE_FILE: profileFile, JWT_SECRET: secret };
  apis.push(...await Promise.all([spawnApi(env), spawnApi(env)]));
  workers.push(...await Promise.all([spawnWorker({ taskQueue, databaseUrl: db.url }), spawnWorker({ taskQueue, databaseUrl: db.url })]));
}, 120_000);

afterAll(async () => {
  await Promise.all([...apis, ...workers].map((p) => p.kill()));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a transfer wrote, in a form two transfers can be compared by. */
async function written(pool: pg.Pool, code: string) {
  const list = async (sql: string) => (await pool.query<{ v: string }>(sql, [code])).rows.map((r) => r.v);
  return {
    stage: (await list('select stage as v from transfers where credit_code = $1'))[0],
    audit: await list("select action as v from audit_trail where process_id = 'transfer-' || $1 order by action"),
    notices: await list('select kind as v from transfer_notices where credit_code = $1 order by kind'),
    deadlines: await list("select name || ':' || status as v from deadlines where process_id = 'transfer-' || $1 order by name"),
    consents: (await list('select party_id as v from transfer_consents where credit_code = $1')).length,
  };
}

/** Drives one transfer from its case import to the served acceptance, each step through the next API in turn. */
async function drive(code: string, apiOffset: number): Promise<void> {
  const steps = [registrationStep(code), ...lifecycleSteps(code)];
  for (const [i, step] of steps.entries()) {
    const api = apis[(apiOffset + i) % apis.length]!;
    const result = await sendStep(api.url, tokens, step, { 'idempotency-key': `scale-${code}-${i}` });
    expect(result.status, `${code} ${step.kind}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
  }
}

describe('two workers and two API processes on one Temporal server and one PostgreSQL', () => {
  it('a worker SIGKILLed under load loses and repeats nothing; both workers work', async () => {
    const reference = creditCodeFor(900);
    await drive(reference, 0);
    await expect.poll(async () => (await written(db.pool, reference)).stage, { timeout: 60_000, interval: 200 }).toBe('accepted');
    const expected = await written(db.pool, reference);
    expect(expected.audit.length).toBeGreaterThan(10);

    const codes = Array.from({ length: transfers }, (_, i) => creditCodeFor(901 + i));
    const started = Date.now();
    const load = Promise.all(codes.map((code, i) => drive(code, i)));
    // Once some acts are in, one worker dies without shutting down and a new one takes its place.
    await expect.poll(async () => (await db.pool.query<{ n: number }>(
      "select count(*)::int as n from audit_trail where process_id = any($1)", [codes.map((c) => `transfer-${c}`)])).rows[0]!.n,
    { timeout: 60_000, interval: 100 }).toBeGreaterThan(transfers * 3);
    await workers[0]!.kill('SIGKILL');
    workers[0] = await spawnWorker({ taskQueue, databaseUrl: db.url });
    await load;
    for (const code of codes) {
      await expect.poll(async () => (await written(db.pool, code)).stage, { timeout: 60_000, interval: 200 }).toBe('accepted');
      expect(await written(db.pool, code), code).toEqual(expected);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`scale-out: ${transfers} transfers through 2 APIs and 2 workers (one killed) in ${seconds.toFixed(1)} s`);

    // Workflow tasks were completed by more than one worker process (each identity is pid@host).
    const client = await testClient();
    try {
      const identities = new Set<string>();
      for (const code of codes) {
        const history = await client.workflow.getHandle(`transfer-${code}`).fetchHistory();
        for (const event of history.events ?? []) {
          const identity = event.workflowTaskCompletedEventAttributes?.identity;
          if (identity) identities.add(identity);
        }
      }
      expect(identities.size).toBeGreaterThanOrEqual(2);
    } finally {
      await client.connection.close();
    }
  });
});
