// Ranks by the system (issue 14; 查封扣押冻结规定 art. 26) on a real Temporal server and
// PostgreSQL, compressed profile (100 ms a day): seizures of one asset are ranked in the registry's
// order whatever rank is typed; a queued seizure has no term; releasing the first moves the next up,
// its term starts that day (measureTerm), its officer is told and its workflow watches the new expiry.
import { describe, expect, it } from 'vitest';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { measureTerm } from '../../workflows/clock/measure-term';
import { cstIso } from '../../workflows/clock/cst';
import { recordMeasureUpdate, releaseMeasureUpdate, renewMeasureUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { recordHistory } from '../support/replay';
import { application, clerk, eventually, judge, officer, startPreservation, stateAfter } from '../fixtures/preservation';
import { newCreditCode } from '../fixtures/transfer';

const taskQueue = uniqueTaskQueue('ranks');
const h = useWorkerHarness({ taskQueue });

/**
 * A bank freeze of 600 compressed days (60 s), so the first seizure cannot lapse while a busy machine
 * takes the next two (a lapse would promote the second by itself); the one reminder falls 580 days
 * before expiry (2 s after a seizure moves up), so the test still sees the new term watched.
 */
const profile: StatuteProfile = {
  ...compressed, measureLifetime: { ...compressed.measureLifetime, bank_deposit: { ...compressed.measureLifetime.bank_deposit, amount: 600 } },
  measureReminders: [{ amount: 580, unit: 'days', article: 'compressed for tests' }],
};

async function freezeBy(creditCode: string, caseNo: string, asset: string, typedRank: number) {
  const { handle, preservationId } = await startPreservation(h.client, taskQueue,
    application({ kind: 'in_suit', caseNumber: `(2026)京0105民初${caseNo}号`, security: undefined,
      applicant: { partyId: `creditor-${caseNo}`, name: `申请人${caseNo}` },
      respondent: { partyId: `debtor-${creditCode.slice(-6)}`, name: '乙公司', creditCode } }), clerk, profile);
  await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
  const state = await stateAfter(handle, handle.executeUpdate(recordMeasureUpdate, {
    args: [{ actor: officer, measureId: 'freeze', kind: 'bank_deposit', asset, location: '某银行朝阳支行', rank: typedRank }],
  }));
  return { handle, preservationId, measure: state.measures[0]!, seizureKey: `${preservationId}:freeze` };
}

async function ranksOn(creditCode: string) {
  const { rows } = await h.db.pool.query<{ seizure_key: string; rank: number; queued: boolean; effective_at: Date | null; expires_at: Date | null }>(
    `select seizure_key, rank, queued_since is not null as queued, effective_at, expires_at from seizure_register
      where debtor_credit_code = $1 and status = 'live' order by rank`, [creditCode]);
  return rows;
}

describe('seizure ranks by the system (issue 14, 查封扣押冻结规定 art. 26)', () => {
  it('queues later seizures whatever rank is typed; releasing rank 1 promotes rank 2, whose term starts that day, told and watched', async () => {
    const creditCode = newCreditCode();
    const first = await freezeBy(creditCode, '401', '基本存款账户 1100 0001', 3);
    expect(first.measure).toMatchObject({ rank: 1, status: 'live' });
    expect(first.measure.queued).toBeUndefined();
    // Typed "1" twice more: the register ranks them 2 and 3, queued, with no term running.
    const second = await freezeBy(creditCode, '402', '基本存款账户１１０００００１', 1);
    const third = await freezeBy(creditCode, '403', '基本存款账户 11000001', 1);
    expect(second.measure).toMatchObject({ rank: 2, queued: true, expiresAt: '', renewBy: '' });
    expect(third.measure).toMatchObject({ rank: 3, queued: true, expiresAt: '' });
    expect((await ranksOn(creditCode)).map((r) => [r.seizure_key, r.rank, r.queued, r.expires_at === null]))
      .toEqual([[first.seizureKey, 1, false, false], [second.seizureKey, 2, true, true], [third.seizureKey, 3, true, true]]);
    // A queued seizure has no term to renew.
    await expect(second.handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'freeze' }] }))
      .rejects.toThrow();
    // A second rank 1 on the asset is impossible in the database too.
    await expect(h.db.pool.query('update seizures set rank = 1 where seizure_key = $1', [second.seizureKey])).rejects.toThrow(/seizures_one_rank_per_asset/);

    // Rank 1 is released by ruling: rank 2 moves up and takes effect now; rank 3 becomes 2.
    const releasedAtMs = Date.now();
    await first.handle.executeUpdate(releaseMeasureUpdate, {
      args: [{ actor: officer, measureId: 'freeze', reason: '申请人申请解除', ruling: { number: '(2026)京0105民初401号之二', ruledOn: cstIso(releasedAtMs).slice(0, 10) } }],
    });
    const promoted = await eventually(async () => {
      const s = await second.handle.query(statusQuery);
      return s.measures[0]!.queued === false ? s.measures[0]! : undefined;
    });
    const effectiveMs = Date.parse(promoted.effectiveAt!);
    expect(effectiveMs).toBeGreaterThanOrEqual(releasedAtMs - 1_000);
    expect(effectiveMs).toBeLessThanOrEqual(Date.now());
    // Its term is counted from the day it moved up, on the registry's date (measureTerm), not from when it was queued.
    const term = measureTerm(profile, 'bank_deposit', effectiveMs, []);
    expect(promoted).toMatchObject({ rank: 1, term: 1, status: 'live', expiresAt: cstIso(term.expiresAtMs), renewBy: cstIso(term.renewByAtMs) });
    expect(Date.parse(promoted.expiresAt)).toBeGreaterThan(Date.parse(second.measure.takenAt) + 60_000);
    await eventually(async () => ((await third.handle.query(statusQuery)).measures[0]!.rank === 2 ? true : undefined));

    // The register: ranks 1..n without gaps; the promoted row carries its effective date and expiry.
    const ranks = await eventually(async () => {
      const rows = await ranksOn(creditCode);
      return rows[0]?.expires_at ? rows : undefined;
    });
    expect(ranks.map((r) => [r.seizure_key, r.rank, r.queued])).toEqual([[second.seizureKey, 1, false], [third.seizureKey, 2, true]]);
    expect(ranks[0]!.effective_at!.getTime()).toBe(effectiveMs);
    expect(ranks[0]!.expires_at!.getTime()).toBe(term.expiresAtMs);

    // Its holder's officer is told.
    const { rows: notices } = await h.db.pool.query<{ recipient: string; recipient_kind: string; body: string; process_id: string }>(
      `select recipient, recipient_kind, body, process_id from process_notices where kind = 'seizure_promoted' and process_id = $1`, [second.preservationId]);
    expect(notices).toEqual([expect.objectContaining({ recipient: officer.userId, recipient_kind: 'staff', process_id: second.preservationId })]);
    expect(notices[0]!.body).toContain('递升为第一顺位');
    // The day it took effect is China's, as its expiry is counted (a promotion between 00:00 and 08:00 read the UTC day before).
    expect(notices[0]!.body).toContain(`自${cstIso(effectiveMs).slice(0, 10)}起生效`);

    // Its workflow watches the new expiry: the reminder before it (580 days ahead), on the new term's deadline.
    const key = `${second.preservationId}:measure:freeze:term1`;
    const reminder = await eventually(async () => {
      const { rows } = await h.db.pool.query<{ kind: string; created_at: Date }>(
        `select kind, created_at from escalations where deadline_key = $1 and kind = 'reminder' order by created_at`, [key]);
      return rows[0];
    }, 15_000);
    expect(reminder.created_at.getTime()).toBeLessThan(term.expiresAtMs);
    expect(reminder.created_at.getTime()).toBeGreaterThanOrEqual(term.reminders[0]!.atMs - 50);

    // Releasing the new first promotes the last: one seizure, rank 1.
    await second.handle.executeUpdate(releaseMeasureUpdate, {
      args: [{ actor: officer, measureId: 'freeze', reason: '和解', ruling: { number: '(2026)京0105民初402号之二', ruledOn: cstIso(Date.now()).slice(0, 10) } }],
    });
    const last = await eventually(async () => {
      const m = (await third.handle.query(statusQuery)).measures[0]!;
      return m.queued === false ? m : undefined;
    });
    expect(last).toMatchObject({ rank: 1, status: 'live' });
    expect((await ranksOn(creditCode)).map((r) => [r.seizure_key, r.rank, r.queued])).toEqual([[third.seizureKey, 1, false]]);

    for (const p of [first, second, third]) await p.handle.terminate('test over');
    // Queued, promoted by Signal, watched, released (and its Signal to the next): the new path's history.
    await recordHistory('RECORD_PRESERVATION_HISTORIES', second.handle.workflowId, 'preservation-seizure-queued-promoted-released');
  });
});
