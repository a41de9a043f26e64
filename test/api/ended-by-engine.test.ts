// Processes Temporal stops without their workflow finishing (issue 12, an outside break): an
// operator's `temporal workflow terminate` (or the server's history limit), a cancel. Before, nothing
// told anyone: the status read answered as if in force, /healthz said ok, the board showed nothing.
// On the real dev server: /healthz counts them (without naming them, and without going degraded),
// the supervisor's board names them for its own court only, status reads and pages say the engine
// stopped them, and a process an operator brings back (reset) leaves the count and the board.
import { serializeSigned } from 'hono/utils/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { sessionCookie } from '../../api/console/session';
import type { Actor } from '../../workflows/shared/actor';
import { application, clerk, court, eventually, otherCourt } from '../fixtures/preservation';
import { actors, enforcementCase, newCreditCode, registerCases, triggerFor } from '../fixtures/transfer';
import { apiCaller, type ApiCall } from '../support/api-client';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';

const config = testConfig();
let h: WorkerHarness;
let app: ReturnType<typeof createApp>;
let call: ApiCall;

const otherClerk: Actor = { userId: 'clerk-9', role: 'filing_clerk', court: otherCourt };
const otherSupervisor: Actor = { userId: 'supervisor-9', role: 'supervisor', court: otherCourt };
const ownSupervisor: Actor = { userId: 'supervisor-zhou', role: 'supervisor', court };

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  app = createApp({ config, client: h.client, pool: h.db.pool });
  call = apiCaller(app, config);
});
afterAll(() => h?.stop());

async function appliedPreservation(by: Actor = clerk): Promise<string> {
  const res = await call(by, 'POST', '/preservations', application({ court: by.court! }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.preservationId as string;
  await eventually(async () => ((await h.db.pool.query('select 1 from preservations where preservation_id = $1', [id])).rowCount ? true : undefined), 30_000);
  return id;
}

async function triggeredTransfer(): Promise<string> {
  const code = newCreditCode();
  const body = triggerFor(code, [enforcementCase(court, ['k1', 'k2'])]);
  await registerCases(h.db.pool, code, body.cases);
  const res = await call(actors.officer, 'POST', '/transfers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await eventually(async () => ((await h.db.pool.query('select 1 from transfers where credit_code = $1', [code])).rowCount ? true : undefined), 30_000);
  return code;
}

type Health = { status: string; processes: { endedByEngine?: number; detail?: string } };
async function health(): Promise<{ code: number; body: Health }> {
  const res = await app.request('/healthz');
  return { code: res.status, body: (await res.json()) as Health };
}

/** A console page as `actor`, signed in with the session cookie the console itself would set. */
async function page(actor: Actor, path: string): Promise<string> {
  const cookie = (await serializeSigned(sessionCookie, await mintToken(config.JWT_SECRET, actor), config.JWT_SECRET)).split(';')[0]!;
  const res = await app.request(path, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.text();
}

describe('processes the engine stopped', () => {
  let mine: string;
  let elsewhere: string;
  let cancelled: string;
  let untouched: string;
  let code: string;
  let before: number;
  let preservationEnglish: string;

  it('are counted by /healthz, which stays ok and names none of them', async () => {
    before = (await eventually(async () => (await health()).body.processes?.endedByEngine))!;
    [mine, elsewhere, cancelled, untouched, code] = [
      await appliedPreservation(), await appliedPreservation(otherClerk), await appliedPreservation(), await appliedPreservation(), await triggeredTransfer(),
    ];
    await h.client.workflow.getHandle(mine).terminate('test: an operator terminates it');
    await h.client.workflow.getHandle(elsewhere).terminate('test: an operator terminates it');
    await h.client.workflow.getHandle(`transfer-${code}`).terminate('test: an operator terminates it');
    await h.client.workflow.getHandle(cancelled).cancel();
    expect((await h.client.workflow.getHandle(untouched).describe()).status.name).toBe('RUNNING');

    // Visibility follows the close a moment later.
    const answer = await eventually(async () => {
      const now = await health();
      return now.body.processes.endedByEngine === before + 4 ? now : undefined;
    }, 30_000);
    expect(answer.code).toBe(200);
    expect(answer.body.status).toBe('ok');
    // The suite shares one server: other files' processes may have been stopped before these four.
    expect(answer.body.processes.detail).toMatch(new RegExp(`^${before + 4}个程序已被流程引擎终止.*监督看板`));
    expect(answer.body.processes.detail).toContain('terminated, failed, timed out or cancelled');
    for (const id of [mine, elsewhere, cancelled, untouched, code]) expect(JSON.stringify(answer.body)).not.toContain(id);
  });

  it('status reads say the engine stopped them, offer no act, and the pages warn in Chinese', async () => {
    const preservation = await call(clerk, 'GET', `/preservations/${mine}`);
    expect(preservation.status, JSON.stringify(preservation.body)).toBe(200);
    expect(preservation.body).toMatchObject({ engineStatus: 'terminated', allowedActions: [] });
    expect(preservation.body.engineWarning).toMatch(/此程序已终止.*并非仍在运行/);
    preservationEnglish = preservation.body.engineWarning;

    const transfer = await call(actors.officer, 'GET', `/transfers/${code}`);
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    expect(transfer.body).toMatchObject({ engineStatus: 'terminated', allowedActions: [] });

    const gone = await call(clerk, 'GET', `/preservations/${cancelled}`);
    expect(gone.body).toMatchObject({ engineStatus: 'cancelled', allowedActions: [] });
    expect(gone.body.engineWarning).toContain('已取消');

    const running = await call(clerk, 'GET', `/preservations/${untouched}`);
    expect(running.body.engineStatus).toBe('running');
    expect(running.body.engineWarning).toBeUndefined();
    expect(running.body.allowedActions.length).toBeGreaterThan(0);

    const preservationPage = await page(clerk, `/console/preservations/${mine}`);
    expect(preservationPage).toContain('id="engine-stopped"');
    expect(preservationPage).toMatch(/程序已停止：.*此程序已终止/);
    expect(preservationPage).not.toContain('this process was terminated');
    const transferPage = await page(actors.officer, `/console/transfers/${code}`);
    expect(transferPage).toContain('id="engine-stopped"');
    expect(await page(clerk, `/console/preservations/${untouched}`)).not.toContain('engine-stopped');
  });

  it('the board names them for the supervisor of their court, and not for another court\'s', async () => {
    const own = await page(ownSupervisor, '/console/board');
    expect(own).toContain('已被流程引擎停止的程序');
    expect(own).toMatch(new RegExp(`data-process="${mine}" data-engine-status="terminated"`));
    expect(own).toMatch(new RegExp(`data-process="transfer-${code}" data-engine-status="terminated"`));
    expect(own).toMatch(new RegExp(`data-process="${cancelled}" data-engine-status="cancelled"`));
    expect(own).toContain('已终止');
    expect(own).toContain('须由承办人人工跟进期限');
    // Staff pages carry no Latin letters (test/e2e/console-english.test.ts): the operator's command is in the API's English only.
    expect(own).not.toContain('temporal workflow reset');
    expect(preservationEnglish).toContain('temporal workflow reset');
    expect(own).not.toContain(`data-process="${elsewhere}"`);
    expect(own).not.toContain(`data-process="${untouched}"`);

    const other = await page(otherSupervisor, '/console/board');
    expect(other).toContain(`data-process="${elsewhere}"`);
    expect(other).not.toContain(`data-process="${mine}"`);
    expect(other).not.toContain(`data-process="transfer-${code}"`);
  });

  it('a process an operator brings back (reset) leaves the count and the board, and reads as running', async () => {
    const handle = h.client.workflow.getHandle(mine);
    const { runId } = await handle.describe();
    const events = (await handle.fetchHistory()).events ?? [];
    const lastTask = [...events].reverse().find((e) => e.workflowTaskCompletedEventAttributes)!;
    await h.client.workflowService.resetWorkflowExecution({
      namespace: 'default', workflowExecution: { workflowId: mine, runId }, reason: 'test: brought back',
      workflowTaskFinishEventId: lastTask.eventId, requestId: `reset-${mine}`,
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await eventually(async () => ((await health()).body.processes.endedByEngine === before + 3 ? true : undefined), 30_000);
    const own = await page(ownSupervisor, '/console/board');
    expect(own).not.toContain(`data-process="${mine}"`);
    expect(own).toContain(`data-process="transfer-${code}"`);
    const status = await call(clerk, 'GET', `/preservations/${mine}`);
    expect(status.body.engineStatus).toBe('running');
    expect(status.body.allowedActions.length).toBeGreaterThan(0);
  });
});
