// The seizure register (issue 14) on a real Temporal server and PostgreSQL, compressed profile
// (100 ms a day): a freeze converted to enforcement keeps its watch — reminded, escalated before
// expiry, renewed from its old end by the enforcement court — and so does one whose debtor is
// under a transfer's review; the expiry sweep's list and digests include both.
import { describe, expect, it } from 'vitest';
import { createSweepActivities } from '../../activities/preservation/sweep';
import { seizuresForDebtor } from '../../activities/preservation/index';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import {
  closeUpdate, fileEnforcementUpdate, recordMeasureUpdate, renewMeasureUpdate, ruleUpdate, statusQuery,
} from '../../workflows/preservation/messages';
import { digestNotice, reminderDigests } from '../../workflows/preservation/sweep-digests';
import {
  panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordScreeningUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { recordHistory } from '../support/replay';
import { application, clerk, eventually, judge, officer, startPreservation, stateAfter } from '../fixtures/preservation';
import {
  act, actors, courts, enforcementCase, newCreditCode, profile as transferProfile, proposal, screening, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';

const taskQueue = uniqueTaskQueue('seizures');
const h = useWorkerHarness({ taskQueue });

/**
 * A bank freeze of `days` compressed days (100 ms each), reminded `reminderDays` before expiry, renewed
 * by 5 days before. Terms are long enough for the acts around them on a busy machine, where each
 * write is an activity's round trip: 30 days (3 s) was overtaken.
 */
function withFreezeOf(days: number, reminderDays: [number, number] = [20, 10]): StatuteProfile {
  return {
    ...compressed,
    measureLifetime: { ...compressed.measureLifetime, bank_deposit: { ...compressed.measureLifetime.bank_deposit, amount: days } },
    measureReminders: reminderDays.map((amount) => ({ amount, unit: 'days' as const, article: 'compressed for tests' })),
  };
}

async function escalations(processId: string) {
  const { rows } = await h.db.pool.query<{ kind: string; deadline_key: string; court: string }>(
    'select kind, deadline_key, court from escalations where process_id = $1 order by created_at, escalation_key', [processId]);
  return rows;
}

async function registerRow(seizureKey: string) {
  const { rows } = await h.db.pool.query(
    `select status, holder, holder_court, transfer_id, term, renewals, case_number, debtor_credit_code, expires_at, renew_by
       from seizure_register where seizure_key = $1`, [seizureKey]);
  return rows[0] as Record<string, unknown> | undefined;
}

async function convertedFreeze(p: StatuteProfile, creditCode: string, caseNo: string) {
  const { handle, preservationId } = await startPreservation(h.client, taskQueue,
    application({ kind: 'in_suit', caseNumber: `(2026)京0105民初${caseNo}号`, security: undefined,
      respondent: { partyId: `debtor-${creditCode.slice(-6)}`, name: '乙公司', creditCode } }), clerk, p);
  await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
  await handle.executeUpdate(recordMeasureUpdate, {
    args: [{ actor: officer, measureId: 'freeze', kind: 'bank_deposit', asset: '基本存款账户', location: '某银行朝阳支行', rank: 1 }],
  });
  const converted = await stateAfter(handle, handle.executeUpdate(fileEnforcementUpdate, { args: [{ actor: officer, enforcementCaseNumber: `(2026)京0105执${caseNo}号` }] }));
  return { handle, preservationId, converted, seizureKey: `${preservationId}:freeze` };
}

describe('seizure register: converted and transferred seizures are watched (issue 14)', () => {
  it('a freeze converted to enforcement is reminded and escalated before expiry; renewing moves the expiry from the old end', async () => {
    const creditCode = newCreditCode();
    const { handle, preservationId, converted, seizureKey } = await convertedFreeze(withFreezeOf(100, [60, 50]), creditCode, '301');
    expect(converted.measures[0]).toMatchObject({ status: 'converted', term: 1 });
    const firstExpiry = Date.parse(converted.measures[0]!.expiresAt);
    // The term's deadline stays open after conversion.
    expect(converted.deadlines.find((d) => d.name === 'measure:freeze')).toMatchObject({ completed: false });
    const row = await eventually(() => registerRow(seizureKey));
    expect(row).toMatchObject({ status: 'live', holder: 'enforcement', holder_court: converted.court, case_number: '(2026)京0105执301号', debtor_credit_code: creditCode, term: 1 });
    expect((row.expires_at as Date).getTime()).toBe(firstExpiry);

    // Both reminders (60 and 50 days before) reach the converted seizure's term.
    const term1 = `${preservationId}:measure:freeze:term1`;
    await eventually(async () => ((await escalations(preservationId)).filter((e) => e.deadline_key === term1 && e.kind === 'reminder').length === 2 ? true : undefined), 15_000);
    // The enforcement court renews on the creditor's application: the new term runs from the old end.
    const renewed = await stateAfter(handle, handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'freeze', note: '申请执行人申请续行' }] }));
    expect(renewed.measures[0]).toMatchObject({ status: 'converted', term: 2 });
    expect(Date.parse(renewed.measures[0]!.expiresAt) - firstExpiry).toBe(10_000);
    await eventually(async () => {
      const r = await registerRow(seizureKey);
      return r?.term === 2 ? r : undefined;
    }).then((r) => {
      expect(r).toMatchObject({ renewals: 1, status: 'live' });
      expect((r.expires_at as Date).getTime()).toBe(firstExpiry + 10_000);
    });

    // Left unrenewed, the second term escalates at the renewal lead and lapses at its end.
    const lapsed = await eventually(async () => {
      const s = await handle.query(statusQuery);
      return s.measures[0]!.status === 'lapsed' ? s : undefined;
    }, 30_000);
    expect(lapsed.measures[0]).toMatchObject({ term: 2, lapseImminentEscalated: true });
    // The process shows the lapse before its writes land (each is an activity): wait for the rows.
    const term2 = await eventually(async () => {
      const kinds = (await escalations(preservationId)).filter((e) => e.deadline_key.endsWith(':measure:freeze:term2')).map((e) => e.kind);
      return kinds.length >= 4 ? kinds : undefined;
    });
    expect(term2).toEqual(['reminder', 'reminder', 'lapse-imminent', 'lapsed']);
    expect(await eventually(async () => ((await registerRow(seizureKey))?.status === 'lapsed' ? true : undefined))).toBe(true);
    expect((await seizuresForDebtor(h.db.pool, creditCode)).length).toBe(0);

    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'enforcement_concluded', reason: '执行完毕' }] });
    await handle.result();
    await recordHistory('RECORD_PRESERVATION_HISTORIES', handle.workflowId, 'preservation-converted-renewed-lapsed');
  });

  it('after the debtor is transferred, the converted freeze is still reminded and escalated, listed and digested under its enforcement court', async () => {
    const creditCode = newCreditCode();
    // 300 days (30 s): time to bring the transfer to its decision while the term runs.
    const { handle, preservationId, converted, seizureKey } = await convertedFreeze(withFreezeOf(300), creditCode, '302');
    const body = triggerFor(creditCode, [enforcementCase(courts.enforcement, ['creditor-1'])]);
    const transfer = await trigger({ client: h.client, taskQueue, db: h.db }, body, transferProfile(400));
    await waitForStage(transfer, 'screening');
    await act(transfer, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await act(transfer, recordConsentUpdate, { actor: actors.party('creditor-1'), partyId: 'creditor-1', consents: true, documentRef: 'doc:consent' });
    await act(transfer, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(transfer, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    await act(transfer, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移302号' });
    await waitForStage(transfer, 'decided');

    const row = await eventually(async () => {
      const r = await registerRow(seizureKey);
      return r?.holder === 'transfer' ? r : undefined;
    });
    expect(row).toMatchObject({ status: 'live', transfer_id: `transfer-${creditCode}`, holder_court: converted.court });
    // The transfer finds the preservation's seizure by the debtor's code.
    expect((await seizuresForDebtor(h.db.pool, creditCode.toLowerCase())).map((s) => [s.measureId, s.holder, s.caseNumber]))
      .toEqual([['freeze', 'transfer', '(2026)京0105执302号']]);

    // The sweep's list and digests, as the daily schedule computes them, carry it with its holder.
    const sweep = createSweepActivities({ pool: h.db.pool });
    const expiring = await sweep.collectExpiringMeasures({ asOf: new Date().toISOString(), withinMs: 60_000 });
    const mine = expiring.filter((m) => m.preservationId === preservationId);
    expect(mine).toMatchObject([{ measureId: 'freeze', holder: 'transfer', court: converted.court, transferId: `transfer-${creditCode}` }]);
    const digests = reminderDigests(mine, Date.now());
    expect(digests.map((d) => d.recipient).sort()).toEqual([`officer:${officer.userId}`, `supervisor:${converted.court}`]);
    expect(digestNotice('2026-12-01', digests[0]!).body).toContain('执转破审查中，由执行法院续行');

    // Its watch goes on: reminders, then the lapse-imminent escalation at the renewal lead.
    const key = `${preservationId}:measure:freeze:term1`;
    const kinds = await eventually(async () => {
      const seen = (await escalations(preservationId)).filter((e) => e.deadline_key === key).map((e) => e.kind);
      return seen.includes('lapse-imminent') ? seen : undefined;
    }, 45_000);
    expect(kinds.slice(0, 3)).toEqual(['reminder', 'reminder', 'lapse-imminent']);
    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'enforcement_concluded', reason: '移送破产，终结本案执行' }] });
    // Closed before its end, the seizure ends with the enforcement case (register: released); closed
    // after it (a loaded machine), it had lapsed. It is never left live.
    const result = await handle.result();
    const ended = result.measures[0]!.status === 'lapsed' ? 'lapsed' : 'released';
    if (ended === 'released') expect(result.measures[0]).toMatchObject({ status: 'converted', releaseReason: '移送破产，终结本案执行' });
    expect(await eventually(async () => ((await registerRow(seizureKey))?.status === ended ? true : undefined))).toBe(true);
    await transfer.terminate('test over');
  });
});
