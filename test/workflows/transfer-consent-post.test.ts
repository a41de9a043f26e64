// Issue 13: a consent reply carries its own dates (dated, posted), and one posted within the reply
// period is not late (民事诉讼法 art. 85: 期间不包括在途时间). When the period ends with no consent, the
// transfer waits the profile's postal margin before deciding that nobody consented; a reply dated or
// posted in time that arrives meanwhile counts, one dated later is refused. The run does not hand
// over to a new run while it waits (the wait lives in its coroutine). Compressed clock, real server.
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it, vi } from 'vitest';
import type { StatuteProfile } from '../../workflows/clock/statute-profile';
import { cstDateOf } from '../../workflows/clock/cst';
import { proposeUpdate, recordConsentUpdate, recordScreeningUpdate } from '../../workflows/transfer/messages';
import type { TransferInput } from '../../api/schemas/transfer';
import { act, actors, courts, enforcementCase, newCreditCode, profile, proposal, screening, status, triggerFor, waitForStage } from '../fixtures/transfer';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { recordHistory } from '../support/replay';

const h = useWorkerHarness({ taskQueue: uniqueTaskQueue('consent-post') });

/** Replies due after 30 days (3 s); the post is waited for `marginDays` (100 ms a day). */
const withMargin = (marginDays: number): StatuteProfile => ({
  ...profile(100, { consentReply: { amount: 30, unit: 'days', article: 'test' } }),
  postalMargin: { amount: marginDays, unit: 'days', basis: 'court-practice', article: 'test' },
});

async function toConsent(p: StatuteProfile, extra: Partial<TransferInput> = {}): Promise<WorkflowHandle> {
  const code = newCreditCode();
  const body = triggerFor(code, [enforcementCase(courts.enforcement, ['P1'])]);
  const input: TransferInput = { ...body, homeCourt: courts.enforcement, triggeredBy: actors.officer, profile: p, ...extra };
  const handle = await h.client.workflow.start('transferWorkflow', { taskQueue: h.taskQueue, workflowId: `transfer-${code}`, args: [input] });
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  return handle;
}

const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));
const actions = async (handle: WorkflowHandle) => (await status(handle)).history.map((a) => a.action);

describe('a consent reply still in the post (民事诉讼法 art. 85)', () => {
  it('arriving after the period with the date it bears within it, it counts; one dated in the future is refused', async () => {
    // 1,000 days (100 s) of margin: the test acts long before it ends, however slow the machine.
    const handle = await toConsent(withMargin(1000), { historyEventLimit: 1 });
    const waiting = await vi.waitFor(async () => {
      const s = await status(handle);
      if (!s.consentPost) throw new Error('not waiting for the post yet');
      return s;
    }, { timeout: 30_000, interval: 100 });
    expect(waiting.stage).toBe('consent');
    expect(waiting.history.at(-1)).toMatchObject({ action: 'awaitPostedReplies' });
    const dueDay = cstDateOf(Date.parse(waiting.consentPost!.dueAt));
    const tomorrow = cstDateOf(Date.now() + 86_400_000);
    expect(await refusal(act(handle, recordConsentUpdate, {
      actor: actors.party('P1'), partyId: 'P1', consents: true, documentRef: 'doc:consent-P1', repliedOn: tomorrow,
    }))).toMatch(/^repliedOn/);
    await act(handle, recordConsentUpdate, {
      actor: actors.party('P1'), partyId: 'P1', consents: true, documentRef: 'doc:consent-P1', repliedOn: dueDay, postedOn: dueDay,
    });
    // The wait ends with the consent: the period is closed and the officer proposes the transfer.
    await vi.waitFor(async () => expect((await actions(handle)).at(-1)).toBe('consentPeriodEnded'), { timeout: 30_000, interval: 100 });
    const s = await status(handle);
    expect(s.stage).toBe('consent');
    expect(s.consentPost).toBeUndefined();
    expect(s.consents.find((c) => c.partyId === 'P1')).toMatchObject({ reply: 'consented', repliedOn: dueDay, postedOn: dueDay });
    expect(s.history.find((a) => a.action === 'consentGiven')?.details).toMatchObject({ repliedOn: dueDay, inThePost: expect.stringContaining('民事诉讼法第八十五条') });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await waitForStage(handle, 'panel_review');
    // With a history limit of one event the run would hand over at every quiet point: it did not
    // while it waited, or the consent above would have found no one waiting to take it.
    await handle.terminate('test done');
  });

  it('with nothing in the post by the end of the margin, nobody consented', async () => {
    const handle = await toConsent(withMargin(20));
    await waitForStage(handle, 'no_consent', 60_000).catch(() => undefined);
    await expect(handle.result()).rejects.toThrow();
    const s = await status(handle);
    expect(s.stage).toBe('no_consent');
    const order = s.history.map((a) => a.action);
    expect(order.indexOf('awaitPostedReplies')).toBeGreaterThan(-1);
    expect(order.indexOf('consentPeriodEnded')).toBeGreaterThan(order.indexOf('awaitPostedReplies'));
    await recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, 'transfer-consent-post-none');
  });
});
