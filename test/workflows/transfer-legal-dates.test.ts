// Issue 13 on the real server under the statutory clock: every period runs from the legal date
// given with the act (served, received, ruled), not from the moment it was recorded; time that does
// not count is left out in whole days; an appeal is decided by its filing or posting date.
// Recorded on 2026-11-30 or later: every date below is in the past and within the test profile's
// 120-day back-dating window.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { addDays, cstDateOf } from '../../workflows/clock/cst';
import { statutory, type StatuteProfile } from '../../workflows/clock/statute-profile';
import {
  acceptUpdate, docketUpdate, panelReviewUpdate, proposeUpdate, recordAppealUpdate, recordConsentUpdate, recordCreditorNoticeUpdate, recordHandOverUpdate, recordScreeningUpdate,
  recordServiceUpdate, recordSupervisionOrderUpdate, rejectUpdate, requestMaterialUpdate, requestSupervisionUpdate, signUpdate, supplyMaterialUpdate,
} from '../../workflows/transfer/messages';
import type { Actor } from '../../workflows/shared/actor';
import type { TransferStatus } from '../../workflows/transfer/state';
import {
  act, actors, courts, enforcementCase, newCreditCode, proposal, readModel, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => {
  h = await startTransferHarness();
  await loadShippedCalendars(h.db.pool);
});
afterAll(async () => { await h?.stop(); });

const higherCourt = 'HPC-110000';
const higherJudge: Actor = { userId: 'hjudge-13', role: 'bankruptcy_judge', court: higherCourt };

const law: StatuteProfile = {
  ...statutory, name: 'statutory-backdating-120',
  backdatingWindow: { amount: 120, unit: 'days', basis: 'court-practice', article: 'test: a package logged months later' },
};
const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-${scenario}`);
const everyone = (s: TransferStatus) => s.parties.map((p) => p.partyId);
const dueOf = async (handle: WorkflowHandle, name: string) => (await status(handle)).deadlines.find((d) => d.name === name)?.dueAt;

/** Trigger → decision (ruled on `decidedOn`) → docketed with the package received on `receivedOn`. */
async function toReview(decidedOn: string, receivedOn: string, profile: StatuteProfile = law) {
  const code = newCreditCode();
  const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, ['L1'])]), profile);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  await act(handle, recordConsentUpdate, { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1' });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移13号', ruledOn: decidedOn });
  await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2026)京01破申13号', receivedOn });
  return { code, handle, parties: everyone(await waitForStage(handle, 'under_review')) };
}

const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));

describe('periods from legal dates (statutory clock, real Temporal)', () => {
  it('the 30-day review runs from receipt on 2026-09-02 (National Day holidays: due 10-08); the appeal window from service on 11-20 ends 11-30, recorded later', async () => {
    const { code, handle, parties } = await toReview('2026-08-28', '2026-09-02');
    expect(await dueOf(handle, 'acceptanceRuling')).toBe('2026-10-08T23:59:59.999+08:00');
    // A ruling cannot be served before it was made; a date past the back-dating window is refused, naming the field.
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申13号之一', reasons: '不符合受理条件', ruledOn: '2026-11-18' });
    expect(await refusal(act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-17' })))
      .toMatch(/^servedOn：2026-11-17早于ruledOn（裁定作出日期）（2026-11-18）/);
    expect(await refusal(act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: 'x', ruledOn: '2026-01-02' })))
      .not.toBe('accepted');
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-20' });
    // Each period closes by the date the act was done (patched 'done-by-legal-date'): the ruling of 11-18
    // came after the review's 10-08 (late), its service on 11-20 within its days (met, though recorded 12-01).
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(
        `select name, status from deadlines where process_id = $1 and name in ('acceptanceRuling', 'rulingService') order by name`, [`transfer-${code}`]);
      expect(rows).toEqual([{ name: 'acceptanceRuling', status: 'overdue' }, { name: 'rulingService', status: 'met' }]);
    }, { timeout: 10_000 });
    const s = await status(handle);
    expect(s.around?.appeal?.windowDueAt).toBe('2026-11-30T23:59:59.999+08:00');
    expect(s.ruling).toMatchObject({ ruledOn: '2026-11-18', servedOn: '2026-11-20', ruledAt: expect.any(String) });
    expect(s.receivedOn).toBe('2026-09-02');
    // The decision bears the day the president decided (08-28), not the day it was recorded; the suspension notices cite it.
    const { rows: docs } = await h.db.pool.query<{ kind: string; content: string }>(
      `select kind, content from documents where process_id = $1 and kind in ('transfer_decision', 'suspension_notice')`, [`transfer-${code}`]);
    expect(docs.find((d) => d.kind === 'transfer_decision')?.content.trimEnd()).toMatch(/二〇二六年八月二十八日$/);
    expect(docs.find((d) => d.kind === 'suspension_notice')?.content).toContain('本院已于二〇二六年八月二十八日作出');
    // Audited beside the recording time: the legal date in the details, the recording instant as occurred_at.
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(
        `select details->>'servedOn' as served, occurred_at from audit_trail where process_id = $1 and action = 'serveRuling'`, [`transfer-${code}`]);
      expect(rows).toEqual([{ served: '2026-11-20', occurred_at: expect.any(Date) }]);
      expect((rows[0] as { occurred_at: Date }).occurred_at.getTime()).toBeGreaterThan(Date.parse('2026-11-30T00:00:00+08:00'));
    }, { timeout: 10_000 });
    await keepHistory(handle, 'legal-dates-receipt-appeal-window');
  });

  it('supplementation is left out in whole days: received 11-02, requested 11-12 10:00, supplied 11-18 10:05 → due 12-08 and the supply met by its date; the known-creditor notice from the ruling; the hand-over runs from the acceptance ruling\'s service and is met by the day it was done', async () => {
    const { code, handle, parties } = await toReview('2026-10-30', '2026-11-02');
    expect(await dueOf(handle, 'acceptanceRuling')).toBe('2026-12-02T23:59:59.999+08:00');
    await act(handle, requestMaterialUpdate, { actor: actors.judge, items: ['债务清单原件'], reason: '影响破产原因认定', requestedOn: '2026-11-12T10:00+08:00' });
    await act(handle, supplyMaterialUpdate, { actor: actors.officer, requestId: 'R1', documents: ['doc:debts-original'], filedOn: '2026-11-18T10:05+08:00' });
    expect(await dueOf(handle, 'acceptanceRuling')).toBe('2026-12-08T23:59:59.999+08:00');
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申13号之二', ruledOn: '2026-11-19' });
    // The known creditors' notice: 25 days from the ruling of 11-19 (企业破产法 art. 14), not from its recording.
    expect(await dueOf(handle, 'knownCreditorNotice')).toBe('2026-12-14T23:59:59.999+08:00');
    // Notified before the ruling it announces is refused, naming both dates.
    expect(await refusal(act(handle, recordCreditorNoticeUpdate, { actor: actors.judge, notifiedOn: '2026-11-18', announcementRef: '公告2026-13' })))
      .toMatch(/^notifiedOn：2026-11-18早于ruledOn（裁定受理日期）（2026-11-19）/);
    await act(handle, recordCreditorNoticeUpdate, { actor: actors.judge, notifiedOn: '2026-11-25', announcementRef: '公告2026-13' });
    // The material filed 11-18 was within the 10 days from the request (GO art. 11): met, though recorded after them.
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(
        `select name, status from deadlines where process_id = $1 and name in ('supplementation', 'acceptanceRuling', 'knownCreditorNotice') order by name`, [`transfer-${code}`]);
      expect(rows).toEqual([{ name: 'acceptanceRuling', status: 'met' }, { name: 'knownCreditorNotice', status: 'met' }, { name: 'supplementation', status: 'met' }]);
    }, { timeout: 10_000 });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-20' });
    // 7 days from service on 11-20 (GO art. 15): 11-27, whenever the service was recorded.
    expect(await dueOf(handle, 'handOver')).toBe('2026-11-27T23:59:59.999+08:00');
    // Handed over on 11-26 and recorded days after the 7 days ended: met by the day it was done, not
    // by its recording; a hand-over dated before the ruling's service is refused, naming the field.
    const property = (await status(handle)).property.map((p) => ({ itemId: p.itemId, to: 'bankruptcy_court' as const }));
    expect(await refusal(act(handle, recordHandOverUpdate, { actor: actors.officer, items: property, seizures: [], enforcementCosts: [], handedOverOn: '2026-11-19' })))
      .toMatch(/^handedOverOn：2026-11-19早于servedOn/);
    await act(handle, recordHandOverUpdate, { actor: actors.officer, items: property, seizures: [], enforcementCosts: [], handedOverOn: '2026-11-26' });
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(`select status from deadlines where process_id = $1 and name = 'handOver'`, [`transfer-${code}`]);
      expect(rows).toEqual([{ status: 'met' }]);
    }, { timeout: 10_000 });
    expect((await status(handle)).handOver).toMatchObject({ handedOverOn: '2026-11-26' });
    await keepHistory(handle, 'legal-dates-supplementation-hand-over');
  });

  it('a timely appeal recorded after the window\'s nominal end is accepted while the postal margin runs; the rejection waits', async () => {
    const { handle, parties } = await toReview('2026-10-28', '2026-10-30');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申13号之三', reasons: '资产足以清偿', ruledOn: '2026-11-04' });
    // Served 11-05: 10 days end on Sunday 11-15, so on Monday 11-16; recorded today, the window has already passed.
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-05' });
    await vi.waitFor(async () => expect((await status(handle)).around?.appeal?.awaitingPostUntil).toEqual(expect.any(String)), { timeout: 10_000 });
    expect((await status(handle)).around?.appeal).toMatchObject({ windowDueAt: '2026-11-16T23:59:59.999+08:00' });
    await act(handle, recordAppealUpdate, { actor: actors.judge, step: 'filed', appellantPartyId: 'L1', filedOn: '2026-11-13' });
    const s = await status(handle);
    expect(s.stage).toBe('rejected');
    expect(s.ruling?.effectiveAt).toBeUndefined();
    expect(s.around?.appeal).toMatchObject({ filed: { filedOn: '2026-11-13' } });
    expect(s.around?.appeal?.lapsedAt).toBeUndefined();
    await keepHistory(handle, 'legal-dates-late-recorded-appeal');
  });

  it('an appeal posted on the last day is in time; one filed after the window is refused with the dates named', async () => {
    const { handle, parties } = await toReview('2026-10-28', '2026-10-30');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申13号之四', reasons: '资产足以清偿', ruledOn: '2026-11-04' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-05' });
    expect(await refusal(act(handle, recordAppealUpdate, { actor: actors.judge, step: 'filed', appellantPartyId: 'L1', filedOn: '2026-11-18' })))
      .toMatch(/上诉状于2026-11-18提交，已超过期限（2026-11-16届满）/);
    await act(handle, recordAppealUpdate, { actor: actors.judge, step: 'filed', appellantPartyId: 'L1', filedOn: '2026-11-19', postedOn: '2026-11-16' });
    const s = await status(handle);
    expect(s.around?.appeal?.filed).toMatchObject({ filedOn: '2026-11-19', postedOn: '2026-11-16' });
    const rm = await readModel(h.db.pool, s.creditCode);
    await vi.waitFor(async () => expect((await readModel(h.db.pool, s.creditCode)).audit.find((a) => a.action === 'appealFiled')?.reason)
      .toMatch(/于2026-11-16交邮.*不算过期（民事诉讼法第八十五条）/), { timeout: 10_000 });
    expect(rm.transfer[0]).toMatchObject({ stage: 'rejected' });
    // The higher court decides an appeal after it was filed: a decision dated before the filing is refused.
    expect(await refusal(act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'upheld', rulingNumber: '(2026)京民终13号', decidedOn: '2026-11-18', reasons: '维持原裁定',
    }))).toMatch(/^decidedOn：2026-11-18早于filedOn（上诉提起日期）（2026-11-19）/);
    // Upheld on 11-25: the rejection took effect that day, and the 7 days to return run from it (GO art. 18), not from the recording.
    await act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'upheld', rulingNumber: '(2026)京民终13号', decidedOn: '2026-11-25', reasons: '维持原裁定',
    });
    expect((await status(handle)).ruling).toMatchObject({ effectiveOn: '2026-11-25' });
    expect(await dueOf(handle, 'returnMaterial')).toBe('2026-12-02T23:59:59.999+08:00');
  });

  it('an overturned rejection keeps its own service date; the higher court\'s ruling is served on its own date, and the 7-day hand-over runs from that service', async () => {
    const { handle, parties } = await toReview('2026-10-28', '2026-10-30');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申13号之五', reasons: '资产足以清偿', ruledOn: '2026-11-20' });
    // Served 11-24: the window runs to 12-04, still open today.
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-24' });
    await act(handle, recordAppealUpdate, { actor: actors.judge, step: 'filed', appellantPartyId: 'L1', filedOn: '2026-11-26' });
    const decided = {
      actor: actors.judge, step: 'decided' as const, outcome: 'overturned' as const, rulingNumber: '(2026)京民终13号之二', decidedOn: '2026-11-27', reasons: '撤销原裁定，指令受理',
    };
    // Served before the higher court ruled is refused, naming both fields.
    expect(await refusal(act(handle, recordAppealUpdate, { ...decided, servedOn: '2026-11-26' })))
      .toMatch(/^servedOn：2026-11-26早于decidedOn（二审裁定作出日期）（2026-11-27）/);
    // Decided 11-27, served on the enforcement court 11-30, recorded today.
    await act(handle, recordAppealUpdate, { ...decided, servedOn: '2026-11-30' });
    const s = await status(handle);
    expect(s.stage).toBe('accepted');
    expect(s.around?.appeal?.originalRuling).toMatchObject({ kind: 'rejected', ruledOn: '2026-11-20', servedOn: '2026-11-24' });
    expect(s.around?.appeal?.decided).toMatchObject({ outcome: 'overturned', decidedOn: '2026-11-27', servedOn: '2026-11-30' });
    expect(s.ruling).toMatchObject({ kind: 'accepted', rulingNumber: '(2026)京民终13号之二', ruledOn: '2026-11-27', servedOn: '2026-11-30' });
    // 7 days from service on 11-30 (GO art. 15): Monday 12-07 — not 12-04 from the decision, nor from today's recording.
    expect(await dueOf(handle, 'handOver')).toBe('2026-12-07T23:59:59.999+08:00');
    // What reads the acceptance's service reads the higher court's: a hand-over before 11-30 is refused.
    const property = s.property.map((p) => ({ itemId: p.itemId, to: 'bankruptcy_court' as const }));
    expect(await refusal(act(handle, recordHandOverUpdate, { actor: actors.officer, items: property, seizures: [], enforcementCosts: [], handedOverOn: '2026-11-28' })))
      .toMatch(/^handedOverOn：2026-11-28早于servedOn（受理裁定送达日期）（2026-11-30）/);
    await act(handle, recordHandOverUpdate, { actor: actors.officer, items: property, seizures: [], enforcementCosts: [], handedOverOn: '2026-12-01' });
    expect((await status(handle)).handOver).toMatchObject({ handedOverOn: '2026-12-01' });
    await keepHistory(handle, 'legal-dates-appeal-overturned-served');
  });

  it('the higher court\'s 10 days to order run from the day it received the letter, and its order meets them by its own date, however late either is recorded', async () => {
    const { code, handle } = await toReview('2026-08-28', '2026-09-02');
    // The 30 days from 09-02 ended 10-08: the review is overdue and the enforcement court may ask the higher court.
    const request = { actor: actors.officer, grounds: 'review_overdue' as const, reason: '逾期未裁定' };
    expect(await refusal(act(handle, requestSupervisionUpdate, { ...request, receivedOn: '2026-08-27' })))
      .toMatch(/^receivedOn：2026-08-27早于ruledOn（移送决定作出日期）（2026-08-28）/);
    // Received 11-20: 10 days to 11-30 (GO art. 13), not from today's recording.
    await act(handle, requestSupervisionUpdate, { ...request, receivedOn: '2026-11-20' });
    expect(await dueOf(handle, 'supervisionOrder')).toBe('2026-11-30T23:59:59.999+08:00');
    expect((await status(handle)).around?.supervisions[0]).toMatchObject({ receivedOn: '2026-11-20', higherCourt });
    const order = { actor: higherJudge, order: 'rule' as const, orderNumber: '(2026)京破监13号' };
    expect(await refusal(act(handle, recordSupervisionOrderUpdate, { ...order, ruledOn: '2026-11-19' })))
      .toMatch(/^ruledOn：2026-11-19早于receivedOn（上一级法院收到监督函日期）（2026-11-20）/);
    // Ordered 11-27, recorded after the 10 days ended: met by its date.
    await act(handle, recordSupervisionOrderUpdate, { ...order, ruledOn: '2026-11-27' });
    expect((await status(handle)).around?.supervisions[0]?.order).toMatchObject({ ruledOn: '2026-11-27', orderNumber: '(2026)京破监13号' });
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(`select status from deadlines where process_id = $1 and name = 'supervisionOrder'`, [`transfer-${code}`]);
      expect(rows).toEqual([{ status: 'met' }]);
    }, { timeout: 10_000 });
    await keepHistory(handle, 'legal-dates-supervision-by-date');
  });
  // Outside break: served long ago and recorded weeks later, the ruling took effect with no effective
  // day, and the 7 days to return ran from when the wait for the post ended (patched
  // 'appeal-lapse-from-window-end'). The wait itself still runs from now (clerks may yet record an
  // appeal lodged in time); here it is 3.6 s so the test need not wait 7 days.
  it('a rejection served long ago and recorded weeks later is effective from the day after its window; the return runs from that day', async () => {
    const today = cstDateOf(Date.now());
    const shortPost: StatuteProfile = { ...law, postalMargin: { amount: 0.001, unit: 'hours', basis: 'court-practice', article: 'test: 3.6 s' } };
    const { handle, parties } = await toReview(addDays(today, -45), addDays(today, -43), shortPost);
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申13号之五', reasons: '不符合受理条件', ruledOn: addDays(today, -35) });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: addDays(today, -34) });
    const s = await vi.waitFor(async () => {
      const now = await status(handle);
      expect(now.ruling?.effectiveAt).toEqual(expect.any(String));
      return now;
    }, { timeout: 30_000, interval: 200 });
    const effectiveOn = cstDateOf(Date.parse(s.around!.appeal!.windowDueAt!) + 1);
    expect(effectiveOn < today).toBe(true);
    expect(s.ruling).toMatchObject({ effectiveOn });
    expect(s.history.map((a) => a.action)).toEqual(expect.arrayContaining(['appealWindowPassed', 'rulingEffective']));
    // The material's 7 days to return (GO art. 18) run from the day it took effect, not from today.
    const returnBy = await dueOf(handle, 'returnMaterial');
    expect(returnBy! >= `${addDays(effectiveOn, 7)}T23:59:59.999+08:00`).toBe(true);
    expect(returnBy! < `${today}T00:00`).toBe(true);
    await keepHistory(handle, 'legal-dates-appeal-lapse-from-window-end');
  });
});
