// Activities fail visibly (issue 12), on the real server and database: a write PostgreSQL refuses
// with a data exception (class 22) fails the act at once with the database's reason instead of
// retrying for ever, and the process shows as failing on the supervisor's board; a write failing
// with an error a retry may fix is retried, shows once it has failed three times, and leaves the
// board when the retry succeeds. The errors are forced by a trigger on the read model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { apiCaller, type ApiCall } from '../support/api-client';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, eventually } from '../fixtures/preservation';

const config = testConfig();
let h: WorkerHarness;
let app: ReturnType<typeof createApp>;
let call: ApiCall;

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  app = createApp({ config, client: h.client, pool: h.db.pool });
  call = apiCaller(app, config);
  // A ruling whose reason names an SQLSTATE makes the read-model write fail with that error.
  await h.db.pool.query(`
    create function force_failure() returns trigger language plpgsql as $$
    begin
      if new.ruling_reason like 'FORCE-%' then
        raise exception 'forced by the test' using errcode = substring(new.ruling_reason from 7 for 5);
      end if;
      return new;
    end $$;
    create trigger force_failure before insert or update on preservations for each row execute function force_failure();`);
});
afterAll(() => h?.stop());

async function appliedPreservation(): Promise<string> {
  const res = await call(clerk, 'POST', '/preservations', application());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.preservationId as string;
  await eventually(async () => ((await h.db.pool.query('select 1 from preservations where preservation_id = $1', [id])).rowCount ? true : undefined), 30_000);
  return id;
}

/** The process's open failure (a resolved one is kept, with resolved_at: migration 272). */
async function failureOf(id: string) {
  const { rows } = await h.db.pool.query(
    'select activity_type, attempt, retryable, error_type, message from process_failures where workflow_id = $1 and resolved_at is null', [id]);
  return rows[0] as { activity_type: string; attempt: number; retryable: boolean; error_type: string; message: string } | undefined;
}

/** The board as the demo supervisor of the court the fixtures apply in (BPC-110105) sees it. */
async function board(): Promise<string> {
  const signedIn = await app.request('/console/signin', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'userId=supervisor-zhou',
  });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const res = await app.request('/console/board', { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('a write the database refuses', () => {
  it('fails the act within a minute with the reason, records the process and shows it on the board', async () => {
    const id = await appliedPreservation();
    const started = Date.now();
    const res = await call(clerk, 'POST', `/preservations/${id}/ruling`, { decision: 'granted', reason: 'FORCE-22003 numeric overflow' });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toBe('DataRejected');
    expect(res.body.message).toMatch(/数据库拒绝写入.*22003/);

    const failure = await eventually(() => failureOf(id), 10_000);
    expect(failure).toMatchObject({ retryable: false, error_type: 'DataRejected' });
    expect(failure.attempt).toBe(1);
    expect((await call(clerk, 'GET', `/preservations/${id}`)).status).toBe(200);
    // /healthz (no token) counts it without naming it.
    const health = (await (await app.request('/healthz')).json()) as { processes: { failing: number; failingForGood: number; detail: string } };
    expect(health.processes.failingForGood).toBeGreaterThanOrEqual(1);
    expect(health.processes.detail).toContain('监督看板');
    expect(JSON.stringify(health)).not.toContain(id);
    // The board is for the supervisor of the process's court, and shows the process.
    const page = await board();
    expect(page).toContain('运行受阻的程序');
    expect(page).toContain(`data-process="${id}"`);
  });
});

describe('a write that fails until the cause goes away', () => {
  it('is retried, shows from the third attempt, and leaves the board when it succeeds', async () => {
    const id = await appliedPreservation();
    const reason = 'FORCE-P0001 until the trigger goes';
    const ruling = call(clerk, 'POST', `/preservations/${id}/ruling`, { decision: 'granted', reason });
    const failure = await eventually(() => failureOf(id), 60_000);
    expect(failure.retryable).toBe(true);
    expect(failure.attempt).toBeGreaterThanOrEqual(3);
    expect(failure.message).toContain('forced by the test');

    await h.db.pool.query('drop trigger force_failure on preservations');
    const answered = await ruling;
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.stage).toBe('in_force');
    await eventually(async () => ((await failureOf(id)) === undefined ? true : undefined), 10_000);
    expect(await board()).not.toContain(`data-process="${id}"`);
    // Resolved, not deleted: the failure and who resolved it stay for an inquiry.
    expect((await h.db.pool.query('select resolved_by from process_failures where workflow_id = $1', [id])).rows)
      .toEqual([{ resolved_by: expect.any(String) as string }]);
  });
});
