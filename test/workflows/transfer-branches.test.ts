// Issue 15's missing branches of the transfer, on the real server, each run's history replayed and
// kept for the replay test: the payment order once a rejection takes effect (民诉法解释 art. 514); the
// claims period fixed with the acceptance and tracked from the announcement (企业破产法 art. 45).
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptanceBody } from '../../api/schemas/transfer';
import {
  acceptUpdate, docketUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordReturnUpdate, recordScreeningUpdate, recordServiceUpdate,
  recordCreditorNoticeUpdate, rejectUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import type { TransferStatus } from '../../workflows/transfer/state';
import {
  act, actors, chinaToday, courts, enforcementCase, newCreditCode, profile, proposal, readModel, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory, replayLiveHistories } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const today = chinaToday();
const everyone = (s: TransferStatus) => s.parties.map((p) => p.partyId);
const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-${scenario}`);

async function underReview(code: string, p = profile(400)) {
  const a = enforcementCase(courts.enforcement, ['r1'], [
    { itemId: 'r-car', kind: 'movable', description: '货车', status: 'held', perishable: false, seizedAt: '2025-02-01T10:00:00+08:00' },
  ]);
  const b = enforcementCase(courts.second, ['r2'], [
    { itemId: 'r-stock', kind: 'movable', description: '库存钢材', status: 'held', perishable: false, seizedAt: '2025-01-05T10:00:00+08:00' },
  ]);
  const handle = await trigger(h, triggerFor(code, [a, b]), p);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  await act(handle, recordConsentUpdate, { actor: actors.party('r1'), partyId: 'r1', consents: true, documentRef: 'doc:r1' });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移9号' });
  await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone(await status(handle)), servedOn: today });
  await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申90号' });
  await waitForStage(handle, 'under_review');
  return { handle, cases: [a, b] };
}

describe('a rejection that takes effect produces the payment order', () => {
  it('no appeal in 10 days: the ruling takes effect, enforcement resumes and the order follows the seizures', async () => {
    const code = newCreditCode();
    const { handle, cases: [a, b] } = await underReview(code, profile(200));
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申90号之一', reasons: '被执行人资产足以清偿' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(await status(handle)), servedOn: today });
    await vi.waitFor(async () => expect((await status(handle)).around?.distribution).toBeDefined(), { timeout: 15_000, interval: 100 });
    const s = await status(handle);
    expect(s.ruling?.effectiveAt).toBeDefined();
    const order = s.around!.distribution!.rows.filter((r) => r.caseNumber).map((r) => r.caseNumber);
    // The second court seized first (January), so its case is paid first.
    expect(order).toEqual([b!.caseNumber, a!.caseNumber]);
    expect(s.history.find((x) => x.action === 'attachmentDistribution')!.reason).toMatch(/不予受理且已生效/);
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['r-car', 'r-stock'], materialReturned: true });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    const { rows } = await h.db.pool.query('select count(*)::int as n from attachment_distribution_rows r join attachment_distributions d using (distribution_key) where d.credit_code = $1', [code]);
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
    const actions = (await readModel(h.db.pool, code)).audit.map((x) => x.action);
    expect(actions.indexOf('rulingEffective')).toBeLessThan(actions.indexOf('attachmentDistribution'));
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await keepHistory(handle, 'rejection-payment-order');
  });
});

describe('the claims period (企业破产法 art. 45)', () => {
  it('is refused at the door outside 30 days to 3 months', () => {
    for (const claimsPeriod of [{ amount: 29, unit: 'days' }, { amount: 90, unit: 'days' }, { amount: 1, unit: 'months' }, { amount: 4, unit: 'months' }]) {
      expect(acceptanceBody.safeParse({ rulingNumber: 'x', claimsPeriod }).success, JSON.stringify(claimsPeriod)).toBe(false);
    }
    expect(acceptanceBody.safeParse({ rulingNumber: 'x', claimsPeriod: { amount: 3, unit: 'months' } }).success).toBe(true);
  });

  it('is recorded with the acceptance, runs from the announcement and its end is recorded', async () => {
    const code = newCreditCode();
    const { handle } = await underReview(code, profile(200));
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申90号之二', claimsPeriod: { amount: 30, unit: 'days' } });
    let s = await status(handle);
    expect(s.claimsPeriod).toMatchObject({ amount: 30, unit: 'days', fixedAt: expect.any(String) });
    expect(s.history.find((x) => x.action === 'acceptTransfer')!.details).toMatchObject({ claimsPeriod: { amount: 30, unit: 'days' } });
    expect(s.deadlines.map((d) => d.name)).not.toContain('claimsDeclaration');
    await act(handle, recordCreditorNoticeUpdate, { actor: actors.judge, notifiedOn: today, announcementRef: '全国企业破产重整案件信息网公告2025-90' });
    s = await status(handle);
    const claims = s.deadlines.find((d) => d.name === 'claimsDeclaration')!;
    expect(claims).toMatchObject({ key: s.claimsPeriod!.deadlineKey, label: '债权申报期限（企业破产法第四十五条）', court: courts.receiving });
    expect(s.claimsPeriod!.announcedOn).toBe(today);
    await vi.waitFor(async () => expect((await status(handle)).claimsPeriod?.endedAt).toBeDefined(), { timeout: 20_000, interval: 200 });
    s = await status(handle);
    expect(s.history.map((x) => x.action)).toEqual(expect.arrayContaining(['openClaimsPeriod', 'claimsPeriodEnded']));
    expect(s.deadlines.map((d) => d.name)).not.toContain('claimsDeclaration');
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await handle.terminate('test done');
    await keepHistory(handle, 'claims-period');
  });
});
