// The supervisor's expiring list and the daily digest over the seizure register (issue 14), through
// the API on real Temporal and PostgreSQL: a freeze converted to enforcement, and one whose debtor's
// transfer has been decided, are listed by GET /measures/expiring under the court holding them, and
// the day's sweep digests them for that court's supervisor, each with its holder.
//
// A day lasts 10 s here and a freeze 19 days (190 s): inside the 20-day window from the moment it
// is taken, far from lapsing while a busy machine runs the test. No sleep.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { statuteProfileFor } from '../../infra/statute-profile';
import type { ExpirySweepResult } from '../../workflows/preservation/sweep';
import { panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordScreeningUpdate, signUpdate } from '../../workflows/transfer/messages';
import { apiCaller, type ApiCall } from '../support/api-client';
import type { TestDatabase } from '../support/database';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, court, eventually, judge, officer, supervisor } from '../fixtures/preservation';
import {
  act, actors, courts, enforcementCase, newCreditCode, profile as transferProfile, proposal, screening, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';

const days = (amount: number) => ({ amount, unit: 'days', article: 'expiring list test' });
const profileFile = join(mkdtempSync(join(tmpdir(), 'courtrelay-expiring-')), 'profile.json');
writeFileSync(profileFile, JSON.stringify({
  name: 'expiring-test', clock: { mode: 'compressed', msPerDay: 10_000 },
  measureLifetime: { bank_deposit: days(19) }, renewalLead: days(7), measureReminders: [days(20), days(10)],
}));
const config = testConfig({ STATUTE_PROFILE_FILE: profileFile });
let h: WorkerHarness;
let db: TestDatabase;
let client: Client;
let call: ApiCall;

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  ({ db, client } = h);
  call = apiCaller(createApp({ config, client, pool: db.pool }), config);
});
afterAll(() => h?.stop());

/** An in-suit freeze on the debtor, converted to enforcement through the API. */
async function convertedFreeze(creditCode: string, caseNo: string): Promise<string> {
  const created = await call(clerk, 'POST', '/preservations', application({
    kind: 'in_suit', caseNumber: `(2026)京0105民初${caseNo}号`, security: undefined,
    respondent: { partyId: `debtor-${creditCode.slice(-6)}`, name: '乙公司', creditCode },
  }));
  const base = `/preservations/${created.body.preservationId}`;
  expect((await call(judge, 'POST', `${base}/ruling`, { decision: 'granted', reason: '准许' })).status).toBe(200);
  expect((await call(officer, 'POST', `${base}/measures`, { measureId: 'freeze', kind: 'bank_deposit', asset: `账户${caseNo}`, location: '某银行', rank: 1 })).status).toBe(200);
  const converted = await call(officer, 'POST', `${base}/enforcement-filed`, { enforcementCaseNumber: `(2026)京0105执${caseNo}号` });
  expect(converted.body.measures[0]).toMatchObject({ status: 'converted' });
  return created.body.preservationId;
}

const expiringFor = async (ids: string[]) => ((await call(supervisor, 'GET', `/measures/expiring?withinDays=20&court=${court}`)).body.measures as Record<string, unknown>[])
  .filter((m) => ids.includes(String(m.preservationId)));

describe('GET /measures/expiring and the daily digest include converted and transferred seizures (issue 14)', () => {
  it('lists both under the holding court with their holder, and the sweep digests them for its supervisor', async () => {
    const convertedOnly = await convertedFreeze(newCreditCode(), '401');
    const transferredCode = newCreditCode();
    const transferred = await convertedFreeze(transferredCode, '402');

    const transfer = await trigger({ client, taskQueue: config.TEMPORAL_TASK_QUEUE, db }, triggerFor(transferredCode, [enforcementCase(courts.enforcement, ['creditor-1'])]), transferProfile(400));
    await waitForStage(transfer, 'screening');
    await act(transfer, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await act(transfer, recordConsentUpdate, { actor: actors.party('creditor-1'), partyId: 'creditor-1', consents: true, documentRef: 'doc:consent' });
    await act(transfer, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(transfer, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    await act(transfer, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移402号' });
    await waitForStage(transfer, 'decided');

    const listed = await eventually(async () => {
      const found = await expiringFor([convertedOnly, transferred]);
      return found.length === 2 && found.some((m) => m.holder === 'transfer') ? found : undefined;
    });
    const byId = new Map(listed.map((m) => [m.preservationId, m]));
    expect(byId.get(convertedOnly)).toMatchObject({ measureId: 'freeze', holder: 'enforcement', court, caseNumber: '(2026)京0105执401号', transferId: null });
    expect(byId.get(transferred)).toMatchObject({ measureId: 'freeze', holder: 'transfer', court, transferId: `transfer-${transferredCode}` });
    // Another court's supervisor does not see them; the list is the holding court's.
    expect((await call({ ...supervisor, court: courts.third }, 'GET', '/measures/expiring?withinDays=20')).body.measures
      .filter((m: { preservationId: string }) => [convertedOnly, transferred].includes(m.preservationId))).toEqual([]);

    const sweep = await client.workflow.execute('preservationExpirySweep', {
      taskQueue: config.TEMPORAL_TASK_QUEUE, workflowId: `expiry-sweep-test-${transferredCode}`,
      args: [{ profile: statuteProfileFor(config), sweepDate: '2026-12-01' }],
    }) as ExpirySweepResult;
    expect(sweep.digestsWritten).toBeGreaterThanOrEqual(1);
    const { rows } = await db.pool.query<{ items: { preservationId: string; holder: string }[] }>(
      "select items from reminder_digests where sweep_date = '2026-12-01' and recipient = $1", [`supervisor:${court}`]);
    const digested = rows[0]!.items.filter((i) => [convertedOnly, transferred].includes(i.preservationId));
    expect(digested.map((i) => [i.preservationId, i.holder]).sort()).toEqual([[convertedOnly, 'enforcement'], [transferred, 'transfer']].sort());
    const notice = await db.pool.query<{ body: string }>(
      "select body from process_notices where kind = 'expiry_digest' and recipient = $1 and notice_key like 'expiry-sweep:2026-12-01:%'", [`supervisor:${court}`]);
    expect(notice.rows[0]!.body).toContain('已转执行');
    expect(notice.rows[0]!.body).toContain('执转破审查中，由执行法院续行');
    await transfer.terminate('test over');
  });
});
