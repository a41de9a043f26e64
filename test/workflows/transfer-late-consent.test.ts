// Every applicant asked, whenever they arrive (issue 15; GO art. 4): a case joined while the panel
// reviews opens its own consent request with its own reply deadline, the applicant's reply counts
// while the transfer is undecided, and the request closes when the decision is signed. On the real
// server; the run's history replays and is kept for the replay test (patched 'late-consent').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordScreeningUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import { act, actors, courts, enforcementCase, newCreditCode, profile, proposal, readModel, screening, status, trigger, triggerFor } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory, replayLiveHistories } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { cause?: { message?: string } }).cause?.message ?? String(err);
  }
  throw new Error('expected a refusal');
}

describe('a case joined during panel review', () => {
  it('its applicant is asked with a deadline of its own, and the reply counts until the decision', async () => {
    const code = newCreditCode();
    // 2 s a day: the 15-day reply period is 30 s, time enough to act on a loaded machine.
    const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, ['a1'])]), profile(2000));
    await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await act(handle, recordConsentUpdate, { actor: actors.party('a1'), partyId: 'a1', consents: true, documentRef: 'doc:a1' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    expect((await status(handle)).stage).toBe('panel_review');

    const late = enforcementCase(courts.second, ['b1']);
    await act(handle, addCaseUpdate, { actor: actors.officer2, case: late });
    const asked = await status(handle);
    expect(asked.stage).toBe('panel_review');
    expect(asked.consents.find((c) => c.partyId === 'b1')).toMatchObject({ kind: 'applicant', reply: 'pending' });
    expect(asked.lateConsents).toEqual([expect.objectContaining({ caseNumber: late.caseNumber, partyIds: ['b1'], open: true })]);
    const own = asked.deadlines.find((d) => d.name === 'lateConsentReply')!;
    expect(own.key).toBe(asked.lateConsents![0]!.deadlineKey);
    expect(own.dueAt).toBe(asked.lateConsents![0]!.replyBy);
    expect(asked.history.slice(-2).map((a) => a.action)).toEqual(['requestConsent', 'issueDocuments']);
    expect(asked.history.at(-2)).toMatchObject({ details: { partyIds: ['b1'], caseNumber: late.caseNumber } });

    // Only the late-asked applicant may reply during the review.
    expect(await refusal(act(handle, recordConsentUpdate, { actor: actors.party('a1'), partyId: 'a1', consents: false }))).toMatch(/追加征询/);
    await act(handle, recordConsentUpdate, { actor: actors.party('b1'), partyId: 'b1', consents: true, documentRef: 'doc:b1' });
    expect((await status(handle)).consents.find((c) => c.partyId === 'b1')).toMatchObject({ reply: 'consented', documentRef: 'doc:b1' });

    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移77号' });
    const decided = await status(handle);
    expect(decided.stage).toBe('decided');
    expect(decided.lateConsents![0]!.open).toBe(false);
    expect(decided.deadlines.map((d) => d.name)).not.toContain('lateConsentReply');
    // The consent counts: it is part of the package's written consents (GO art. 10, item 2).
    expect(decided.material.find((m) => m.kind === 'package_2')!.documentRefs).toEqual(['doc:a1', 'doc:b1']);
    expect(await refusal(act(handle, recordConsentUpdate, { actor: actors.party('b1'), partyId: 'b1', consents: false }))).toMatch(/阶段/);

    await expect.poll(async () => (await readModel(h.db.pool, code)).notices.filter((n) => n.kind === 'consent_request' && n.recipient === 'b1').length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await readModel(h.db.pool, code)).deadlines.find((d) => d.name === 'lateConsentReply')?.status, { timeout: 20_000 }).toBe('met');
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await handle.terminate('test done');
    await recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, 'transfer-late-consent-panel-review');
  });
});
