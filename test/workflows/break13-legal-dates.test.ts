// Outside break probes for issue 13 (legal dates), real Temporal and PostgreSQL, statutory clock.
// Each test states what the law/README expects; a failing test is a find. Recorded on 2026-12-02.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { statutory, type StatuteProfile } from '../../workflows/clock/statute-profile';
import {
  docketUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordScreeningUpdate,
  recordServiceUpdate, rejectUpdate, requestMaterialUpdate, signUpdate, supplyMaterialUpdate,
} from '../../workflows/transfer/messages';
import type { TransferStatus } from '../../workflows/transfer/state';
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
  backdatingWindow: { amount: 120, unit: 'days', basis: 'court-practice', article: 'test' },
};
const everyone = (s: TransferStatus) => s.parties.map((p) => p.partyId);
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));

async function toScreened() {
  const code = newCreditCode();
  const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, ['L1'])]), law);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  return { code, handle };
}

describe('break13: legal dates before the act they follow', () => {
  it('B1: a consent reply dated (repliedOn) 2026-10-01, two months before the transfer asked for consent, is refused', async () => {
    const { handle } = await toScreened();
    const answer = await refusal(act(handle, recordConsentUpdate, {
      actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1', repliedOn: '2026-10-01', postedOn: '2026-10-01',
    }));
    expect(answer).toMatch(/repliedOn|postedOn/);
  });

  it('B2: a transfer decision ruled (ruledOn) 2026-10-01, before the consent reply it rests on (repliedOn 2026-12-01), is refused', async () => {
    const { handle } = await toScreened();
    await act(handle, recordConsentUpdate, { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1', repliedOn: '2026-12-01' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    const answer = await refusal(act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移B2号', ruledOn: '2026-10-01' }));
    expect(answer).toMatch(/ruledOn/);
  });

  it('B3: served 11-05 and recorded 12-02, the window ended 11-16: the postal margin (7 days) ran out 11-23, so the rejection is effective (from 11-17), not held until 7 days after the recording', async () => {
    const { handle } = await toScreened();
    await act(handle, recordConsentUpdate, { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移B3号', ruledOn: '2026-10-28' });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2026)京01破申B3号', receivedOn: '2026-10-30' });
    const parties = everyone(await waitForStage(handle, 'under_review'));
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2026)京01破申B3号之一', reasons: '资产足以清偿', ruledOn: '2026-11-04' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: parties, servedOn: '2026-11-05' });
    let appeal: unknown;
    await vi.waitFor(async () => {
      const s = await status(handle);
      appeal = s.around?.appeal;
      expect(s.around?.appeal?.awaitingPostUntil ?? s.ruling?.effectiveAt).toEqual(expect.any(String));
    }, { timeout: 20_000, interval: 500 });
    const s = await status(handle);
    // Expected: the margin counted from the window's end (11-16 24:00 + 7 days), so no wait is left and the
    // ruling took effect on the day after the window; returnMaterial due 7 days after that.
    expect({ awaitingPostUntil: s.around?.appeal?.awaitingPostUntil, effectiveOn: s.ruling?.effectiveOn }, JSON.stringify(appeal))
      .toEqual({ awaitingPostUntil: undefined, effectiveOn: '2026-11-17' });
  });

  it('B4: material filed 11-18 with a postmark (postedOn) of 11-25, after it arrived, is refused naming postedOn (as the objection and the appeal refuse it)', async () => {
    const { handle } = await toScreened();
    await act(handle, recordConsentUpdate, { actor: actors.party('L1'), partyId: 'L1', consents: true, documentRef: 'doc:consent-L1' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2026)京0105执移B4号', ruledOn: '2026-10-30' });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2026)京01破申B4号', receivedOn: '2026-11-02' });
    await waitForStage(handle, 'under_review');
    await act(handle, requestMaterialUpdate, { actor: actors.judge, items: ['债务清单原件'], reason: '影响破产原因认定', requestedOn: '2026-11-12' });
    const answer = await refusal(act(handle, supplyMaterialUpdate, { actor: actors.officer, requestId: 'R1', documents: ['doc:x'], filedOn: '2026-11-18', postedOn: '2026-11-25' }));
    expect(answer).toMatch(/postedOn/);
  });
});
