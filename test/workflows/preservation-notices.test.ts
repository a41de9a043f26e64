// Preservation reminders reach people through the one notice outbox and dispatcher, on a real
// Temporal server and PostgreSQL with a local signed-webhook receiver (compressed profile: a bank
// freeze runs 3 s, reminders 2 s and 1 s before expiry, the sweep's window 2 s): the expiry sweep's
// digest to each supervisor and officer once per sweep date, a bank freeze's renewal reminders to
// the applicant once each, a re-send after a lost record dropped by the receiver; and under the
// statutory profile the process reads the holiday calendars once for acts of the same day.
// RECORD_PRESERVATION_HISTORIES=1 saves the runs' histories for the replay test.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index';
import type { CalendarYearsInput } from '../../activities/calendar';
import { ensureNoticeDispatcher } from '../../activities/notices/dispatcher-start';
import { createNoticeActivities } from '../../activities/notices/outbox';
import { enqueueProcessNotice } from '../../activities/notices/process-notices';
import { webhookChannel } from '../../activities/notices/webhook';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { cstDateOf } from '../../workflows/clock/cst';
import { compressed, statutory, type StatuteProfile } from '../../workflows/clock/statute-profile';
import type { NoticeDispatcherInput } from '../../workflows/notices/dispatcher';
import { closeUpdate, recordMeasureUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import type { ExpirySweepInput, ExpirySweepResult } from '../../workflows/preservation/sweep';
import type { Actor } from '../../workflows/shared/actor';
import { insertNotice, insertTransferRow, noticeRow, waitFor } from '../fixtures/notices';
import { application, clerk, court, judge, officer, sleep, startPreservation, stateAfter } from '../fixtures/preservation';
import { freshDatabase, type TestDatabase } from '../support/database';
import { startWorkerHarness, uniqueTaskQueue, type WorkerHarness } from '../support/temporal';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { recordHistory } from '../support/replay';

const secret = 'test-webhook-secret-preservation-0123';
const taskQueue = uniqueTaskQueue('preservation-notices');
const dispatcherInput: NoticeDispatcherInput = {
  pollIntervalMs: 200, heartbeatTimeoutMs: 10_000, roundsPerRun: 200,
  settings: { batchSize: 20, leaseMs: 5_000, backoff: { initialMs: 200, maxMs: 2_000 }, maxAttempts: 10 },
};
const secondOfficer: Actor = { userId: 'officer-2', role: 'enforcement_officer', court };

let h: WorkerHarness;
let db: TestDatabase;
let client: Client;
let receiver: WebhookReceiver;
let dispatcherId: string;
const calendarReads: CalendarYearsInput[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret });
  h = await startWorkerHarness({
    taskQueue,
    activities: ({ pool }) => {
      const activities = createActivities({ pool });
      return {
        ...activities,
        ...createNoticeActivities({ pool, channel: webhookChannel({ url: receiver.url, secret }) }),
        calendarYears: async (input: CalendarYearsInput) => {
          calendarReads.push(input);
          return activities.calendarYears(input);
        },
      };
    },
  });
  ({ db, client } = h);
  dispatcherId = await ensureNoticeDispatcher(client, { TEMPORAL_TASK_QUEUE: taskQueue }, dispatcherInput);
});

afterAll(async () => {
  if (dispatcherId) await client.workflow.getHandle(dispatcherId).terminate('test over').catch(() => {});
  await h?.stop();
  await receiver?.close();
});

const saveHistory = (workflowId: string, scenario: string) => recordHistory('RECORD_PRESERVATION_HISTORIES', workflowId, `preservation-${scenario}`);

const delivered = (kind: string) => receiver.delivered.filter((d) => d.body.kind === kind);
const requestsFor = (key: string) => receiver.requests.filter((r) => r.key === key);

async function grantedWithBankFreeze(
  by: Actor, caseNumber: string, profile: StatuteProfile = compressed,
): Promise<{ handle: WorkflowHandle; preservationId: string; expiresAt: string }> {
  const started = await startPreservation(client, taskQueue, application({ kind: 'in_suit', caseNumber, security: undefined }), clerk, profile);
  await started.handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '诉讼中保全，准许' }] });
  await started.handle.executeUpdate(recordMeasureUpdate, {
    // An account of its own per case: the fixture's one debtor's same account frozen twice would be queued (art. 26).
    args: [{ actor: by, measureId: 'freeze', kind: 'bank_deposit', asset: `账户 6222…（${caseNumber}）`, location: '工商银行朝阳支行', rank: 1 }],
  });
  const { measures } = await started.handle.query(statusQuery);
  return { ...started, expiresAt: measures[0]!.expiresAt };
}

async function sweep(sweepDate: string, profile: StatuteProfile = compressed): Promise<ExpirySweepResult> {
  const input: ExpirySweepInput = { profile, sweepDate };
  return client.workflow.execute('preservationExpirySweep', {
    taskQueue, workflowId: `expiry-sweep-${taskQueue}-${Date.now()}`, args: [input],
  }) as Promise<ExpirySweepResult>;
}

async function processNotice(key: string) {
  const { rows } = await db.pool.query('select status, attempts, channel from process_notices where notice_key = $1', [key]);
  return rows[0] as { status: string; attempts: number; channel: string } | undefined;
}

describe('preservation notices through the outbox', () => {
  it('the expiry sweep delivers each recipient\'s digest once; a re-run of the date delivers nothing new', async () => {
    // 500 ms a day: both freezes (30 days, 15 s) are still live when the sweep runs once both are
    // inside the 20-day window (10 s before expiry), however slowly the machine started them.
    const msPerDay = 500;
    const slower: StatuteProfile = { ...compressed, clock: { mode: 'compressed', msPerDay } };
    const a = await grantedWithBankFreeze(officer, '(2026)京0105民初11号', slower);
    const b = await grantedWithBankFreeze(secondOfficer, '(2026)京0105民初12号', slower);
    await sleep(Math.max(0, Date.parse(b.expiresAt) - 20 * msPerDay + 300 - Date.now()));
    const sweepDate = cstDateOf(Date.now());

    const first = await sweep(sweepDate, slower);
    expect(first).toMatchObject({ sweepDate, measures: 2, digestsWritten: 3 });
    await waitFor(async () => delivered('expiry_digest').length, (n) => n === 3, 10_000);
    const digests = delivered('expiry_digest');
    expect(digests.map((d) => d.body.recipient).sort()).toEqual(['officer:officer-1', 'officer:officer-2', `supervisor:${court}`]);
    const supervisorDigest = digests.find((d) => d.body.recipient === `supervisor:${court}`)!;
    expect(supervisorDigest.key).toBe(`expiry-sweep:${sweepDate}:supervisor:${court}`);
    expect(supervisorDigest.body).toMatchObject({
      eventId: supervisorDigest.key, recipientKind: 'staff', creditCode: null, processId: `expiry-sweep-${sweepDate}`,
      body: expect.stringContaining(`${court}执行指挥中心`),
      details: { sweepDate, recipientRole: 'supervisor', items: [
        expect.objectContaining({ preservationId: a.preservationId, measureId: 'freeze' }),
        expect.objectContaining({ preservationId: b.preservationId, measureId: 'freeze' }),
      ] },
    });
    expect(String(supervisorDigest.body.body)).toContain('(2026)京0105民初11号');
    const officerDigest = digests.find((d) => d.body.recipient === 'officer:officer-2')!;
    expect(officerDigest.body.details).toMatchObject({ items: [expect.objectContaining({ preservationId: b.preservationId })] });
    expect((officerDigest.body.details as { items: unknown[] }).items).toHaveLength(1);

    const again = await sweep(sweepDate, slower);
    expect(again).toMatchObject({ sweepDate, digestsWritten: 0 });
    await sleep(1_000);
    expect(delivered('expiry_digest')).toHaveLength(3);
    expect(receiver.requests.filter((r) => r.key.startsWith(`expiry-sweep:${sweepDate}:`))).toHaveLength(3);
    const { rows } = await db.pool.query(`select count(*)::int as n from process_notices where kind = 'expiry_digest'`);
    expect(rows[0].n).toBe(3);

    // A worker that died after sending and before recording leaves the notice claimed: once the
    // lease runs out it is sent again with the same key, and the receiver keeps it once.
    const key = supervisorDigest.key;
    await db.pool.query(`update process_notices set status = 'sending', claimed_until = now() - interval '1 second' where notice_key = $1`, [key]);
    expect(await waitFor(() => processNotice(key), (r) => r?.status === 'delivered', 10_000)).toMatchObject({ attempts: 2, channel: 'webhook' });
    expect(requestsFor(key).map((r) => [r.status, r.duplicate])).toEqual([[200, false], [200, true]]);
    expect(delivered('expiry_digest')).toHaveLength(3);

    for (const { handle } of [a, b]) await handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'settled', reason: '和解并履行' }] });
  });

  it('a bank freeze\'s renewal reminders reach the applicant, once each', async () => {
    const { handle, preservationId } = await grantedWithBankFreeze(officer, '(2026)京0105民初13号');
    const termKey = `${preservationId}:measure:freeze:term1`;
    const keys = [`${termKey}:reminder:2000:applicant`, `${termKey}:reminder:1000:applicant`];
    await waitFor(async () => keys.map((k) => receiver.delivered.filter((d) => d.key === k).length), (n) => n.every((c) => c === 1), 8_000);
    await handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'settled', reason: '和解并履行' }] });
    await handle.result();

    for (const key of keys) {
      expect(requestsFor(key)).toEqual([{ key, status: 200, duplicate: false }]);
      expect(await processNotice(key)).toMatchObject({ status: 'delivered', attempts: 1, channel: 'webhook' });
    }
    const reminder = receiver.delivered.find((d) => d.key === keys[0])!;
    expect(reminder.body).toMatchObject({
      kind: 'measure_renewal_reminder', recipientKind: 'party', recipient: 'party-a', processId: preservationId,
      caseNumber: '(2026)京0105民初13号', creditCode: '91110105MA01ABCD13',
      body: expect.stringMatching(/将于.+到期.+申请续行/u), details: expect.objectContaining({ measureId: 'freeze', term: 1 }),
    });
    const { rows } = await db.pool.query(`select count(*)::int as n from process_notices where process_id = $1`, [preservationId]);
    expect(rows[0].n).toBe(2);
    const escalations = await db.pool.query(`select kind from escalations where process_id = $1 order by created_at`, [preservationId]);
    expect(escalations.rows.map((r) => r.kind).slice(0, 2)).toEqual(['reminder', 'reminder']);
    await saveHistory(preservationId, 'applicant-reminders-bank-freeze');
  });

  it('under the statutory profile, acts of the same day read the holiday calendars once', async () => {
    await loadShippedCalendars(db.pool);
    const before = calendarReads.length;
    const { handle, preservationId } = await startPreservation(client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初14号', security: undefined }), clerk, statutory);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
    for (const [measureId, kind] of [['freeze', 'bank_deposit'], ['house', 'real_estate'], ['car', 'movables']] as const) {
      await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId, kind, asset: measureId, location: '朝阳区', rank: 1 }] });
    }
    const closed = await stateAfter(handle, handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'withdrawn', reason: '撤回申请' }] }));
    await handle.result();
    const year = Number(closed.appliedAt.slice(0, 4));
    // 民诉法解释 art. 485: a bank freeze runs 1 year, movables 2, real estate 3.
    expect(closed.measures.map((m) => Number(m.expiresAt.slice(0, 4)) - year)).toEqual([1, 3, 2]);
    // The ruling deadline read them; three measure terms reused that read (before: one read each).
    expect(calendarReads.slice(before)).toHaveLength(1);
    await saveHistory(preservationId, 'calendar-cache-statutory');
  });

  it('one claim takes from both outboxes, the earliest due first, and records each in its own table', async () => {
    const own = await freshDatabase();
    try {
      const code = await insertTransferRow(own.pool);
      const transferKey = `transfer-${code}:run1:1:decision:c1`;
      await enqueueProcessNotice(own.pool, {
        noticeKey: 'preservation-BPC-110105-X:measure:m:term1:reminder:1:applicant', processKind: 'preservation',
        processId: 'preservation-BPC-110105-X', kind: 'measure_renewal_reminder', recipientKind: 'party', recipient: 'party-a', body: '续行提醒',
      });
      await insertNotice(own.pool, code, transferKey);
      const activities = createNoticeActivities({ pool: own.pool, channel: webhookChannel({ url: receiver.url, secret }) });
      const settings = { ...dispatcherInput.settings, batchSize: 1 };
      expect(await activities.dispatchDueNotices(settings)).toMatchObject({ delivered: 1, nextDueInMs: 0 });
      expect(await own.pool.query(`select status from process_notices`).then((r) => r.rows[0].status)).toBe('delivered');
      expect((await noticeRow(own.pool, transferKey)).status).toBe('pending');
      expect(await activities.dispatchDueNotices(settings)).toMatchObject({ delivered: 1, nextDueInMs: null });
      expect(await noticeRow(own.pool, transferKey)).toMatchObject({ status: 'delivered', attempts: 1, channel: 'webhook' });
      expect(receiver.delivered.find((d) => d.key === transferKey)!.body).toMatchObject({ processId: `transfer-${code}`, creditCode: code });
      const grants = await own.pool.query(`select has_table_privilege('courtrelay_worker', 'process_notices', 'SELECT,INSERT,UPDATE') as outbox,
        has_table_privilege('courtrelay_worker', 'notice_outbox', 'SELECT') as view`);
      expect(grants.rows[0]).toEqual({ outbox: true, view: true });
    } finally {
      await own.close();
    }
  });
});
