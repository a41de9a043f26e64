// Legal dates cannot precede the act they follow (issue 13), real Temporal and PostgreSQL, statutory
// clock: a consent reply is not dated or posted before the request was sent, a transfer decision is
// not ruled before the consent reply it rests on, supplied material is not posted after it arrived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { addDays, cstDateOf } from '../../workflows/clock/cst';
import { statutory, type StatuteProfile } from '../../workflows/clock/statute-profile';
import {
  docketUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordScreeningUpdate,
  requestMaterialUpdate, signUpdate, supplyMaterialUpdate,
} from '../../workflows/transfer/messages';
import { act, actors, courts, enforcementCase, newCreditCode, proposal, screening, status, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

let h: TransferHarness;
beforeAll(async () => {
  h = await startTransferHarness();
  await loadShippedCalendars(h.db.pool);
});
afterAll(async () => { await h?.stop(); });

const law: StatuteProfile = {
  ...statutory, name: 'statutory-backdating-120',
  backdatingWindow: { amount: 120, unit: 'days', basis: 'court-practice', article: 'test: acts logged weeks later' },
};
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));

/** Triggered and screened: the consent request goes out now, so its askedAt is today. */
async function toScreened() {
  const handle = await trigger(h, triggerFor(newCreditCode(), [enforcementCase(courts.enforcement, ['L1'])]), law);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  return handle;
}

describe('legal dates in the order of the acts they follow (transfer)', () => {
  it('a consent reply dated or posted before the request was sent is refused naming the field; one dated today is taken', async () => {
    const handle = await toScreened();
    const reply = { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1' };
    expect(await refusal(act(handle, recordConsentUpdate, { ...reply, repliedOn: '2026-10-01', postedOn: '2026-10-01' })))
      .toMatch(/^repliedOn：2026-10-01早于askedAt（征询意见发出时间）/);
    expect(await refusal(act(handle, recordConsentUpdate, { ...reply, postedOn: '2026-10-01' })))
      .toMatch(/^postedOn：2026-10-01早于askedAt（征询意见发出时间）/);
    const today = cstDateOf(Date.now());
    await act(handle, recordConsentUpdate, { ...reply, repliedOn: today });
    expect((await status(handle)).consents.find((c) => c.partyId === 'L1')).toMatchObject({ reply: 'consented', repliedOn: today });
  });

  it('a transfer decision ruled before the consent reply it rests on (its repliedOn) is refused naming ruledOn', async () => {
    const handle = await toScreened();
    const today = cstDateOf(Date.now());
    await act(handle, recordConsentUpdate, { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1', repliedOn: today });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    const sign = { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移LDO号' };
    expect(await refusal(act(handle, signUpdate, { ...sign, ruledOn: addDays(today, -1) })))
      .toMatch(new RegExp(`^ruledOn：${addDays(today, -1)}早于repliedOn（征询意见答复日期）（${today}）`));
    await act(handle, signUpdate, { ...sign, ruledOn: today });
    expect((await status(handle)).decision).toMatchObject({ ruledOn: today });
  });

  it('material whose postmark (postedOn) is after it was filed is refused naming postedOn, as an objection is', async () => {
    const handle = await toScreened();
    await act(handle, recordConsentUpdate, { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移LDO号之二', ruledOn: '2026-10-30' });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2026)京01破申LDO号', receivedOn: '2026-11-02' });
    await waitForStage(handle, 'under_review');
    await act(handle, requestMaterialUpdate, { actor: actors.judge, items: ['债务清单原件'], reason: '影响破产原因认定', requestedOn: '2026-11-12' });
    const supply = { actor: actors.officer, requestId: 'R1', documents: ['doc:x'], filedOn: '2026-11-18' };
    expect(await refusal(act(handle, supplyMaterialUpdate, { ...supply, postedOn: '2026-11-25' })))
      .toMatch(/^postedOn（补充材料交邮日期）：交邮日期（2026-11-25）晚于补充材料提交日期（2026-11-18） \(posted after it arrived\)/);
    await act(handle, supplyMaterialUpdate, { ...supply, postedOn: '2026-11-16' });
    expect((await status(handle)).materialRequests.find((r) => r.requestId === 'R1')).toMatchObject({ postedOn: '2026-11-16' });
  });
});
