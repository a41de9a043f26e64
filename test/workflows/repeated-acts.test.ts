// Issue 12, "repeats pile up": an identical repeat of an act by the same person is acknowledged
// with the earlier answer and records nothing; a person or a process past its act limit is
// refused (TooManyActs) in Chinese. Real Temporal and PostgreSQL, compressed profile.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsentUpdate, recordScreeningUpdate, withdrawConsentUpdate } from '../../workflows/transfer/messages';
import { recordRiskNoticeUpdate, statusQuery } from '../../workflows/preservation/messages';
import type { TransferInput } from '../../api/schemas/transfer';
import {
  act, actors, courts, enforcementCase, newCreditCode, profile, screening, status, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { application, clerk, startPreservation, stateAfter } from '../fixtures/preservation';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

// Slow enough that the consent period stays open for the whole test.
const slow = profile(5000);

async function toConsent(limits?: { perActor: number; perProcess: number }): Promise<WorkflowHandle> {
  const body = triggerFor(newCreditCode(), [enforcementCase(courts.enforcement, ['a1', 'a2'])]);
  const input: TransferInput = { ...body, homeCourt: courts.enforcement, triggeredBy: actors.officer, profile: slow, ...(limits ? { actLimits: limits } : {}) };
  const handle = await h.client.workflow.start('transferWorkflow', { taskQueue: h.taskQueue, workflowId: `transfer-${body.creditCode}`, args: [input] });
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  return handle;
}

const consent = { actor: actors.party('a1'), partyId: 'a1', consents: true, documentRef: 'doc:consent-a1' };

async function auditCount(workflowId: string, action: string): Promise<number> {
  const { rows } = await h.db.pool.query<{ n: number }>('select count(*)::int as n from audit_trail where process_id = $1 and action = $2', [workflowId, action]);
  return rows[0]!.n;
}

async function refusal(p: Promise<unknown>): Promise<{ type?: string; message: string } | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    const cause = (err as { cause?: { type?: string; message: string } }).cause;
    return { type: cause?.type, message: cause?.message ?? String(err) };
  }
}

describe('repeated acts (issue 12)', () => {
  it('20 identical consents in sequence: one recorded act, one audit row, the same answer each time', async () => {
    const handle = await toConsent();
    const first = await act(handle, recordConsentUpdate, consent);
    const repeats = [];
    for (let i = 0; i < 19; i++) repeats.push(await act(handle, recordConsentUpdate, consent));
    expect(repeats).toEqual(repeats.map(() => first));
    const s = await status(handle);
    expect(s.history.filter((x) => x.action === 'consentGiven')).toHaveLength(1);
    await expect.poll(() => auditCount(handle.workflowId, 'consentGiven'), { timeout: 10_000 }).toBe(1);
  });

  it('20 identical consents at once: one recorded act, one audit row; a screening sent again after it moved the stage is acknowledged too', async () => {
    const handle = await toConsent();
    // The officer's screening, sent again once the transfer moved to consent: the same act, not a 409.
    expect(await refusal(act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening }))).toBeUndefined();
    expect((await status(handle)).history.filter((x) => x.action === 'recordScreening')).toHaveLength(1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => act(handle, recordConsentUpdate, consent)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect((await status(handle)).history.filter((x) => x.action === 'consentGiven')).toHaveLength(1);
    await expect.poll(() => auditCount(handle.workflowId, 'consentGiven'), { timeout: 10_000 }).toBe(1);
  });

  it('the same reply after the party withdrew it is a new act, recorded again', async () => {
    const handle = await toConsent();
    await act(handle, recordConsentUpdate, consent);
    await act(handle, withdrawConsentUpdate, { actor: actors.party('a1'), partyId: 'a1', reason: '改变主意' });
    await act(handle, recordConsentUpdate, consent);
    expect((await status(handle)).history.map((x) => x.action).filter((a) => a === 'consentGiven' || a === 'withdrawConsent'))
      .toEqual(['consentGiven', 'withdrawConsent', 'consentGiven']);
  });

  it('a person past the limit is refused in Chinese with TooManyActs, and others may still act', async () => {
    const handle = await toConsent({ perActor: 3, perProcess: 100 });
    for (let i = 0; i < 3; i++) await act(handle, recordConsentUpdate, consent);
    const refused = await refusal(act(handle, recordConsentUpdate, consent));
    expect(refused).toMatchObject({ type: 'TooManyActs', message: expect.stringContaining('操作次数已达上限') });
    expect(await refusal(act(handle, recordConsentUpdate, { actor: actors.party('a2'), partyId: 'a2', consents: false }))).toBeUndefined();
  });

  it('a process past its limit refuses every further act', async () => {
    const handle = await toConsent({ perActor: 100, perProcess: 2 });
    // The screening was act 1; one more is allowed.
    await act(handle, recordConsentUpdate, consent);
    expect(await refusal(act(handle, recordConsentUpdate, { actor: actors.party('a2'), partyId: 'a2', consents: false })))
      .toMatchObject({ type: 'TooManyActs', message: expect.stringContaining('本案操作次数已达上限') });
  });

  it('a preservation acknowledges a repeated risk notice instead of refusing it', async () => {
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ urgent: true }));
    const input = { actor: clerk, note: '已告知' };
    const first = await stateAfter(handle, handle.executeUpdate(recordRiskNoticeUpdate, { args: [input] }));
    const again = await stateAfter(handle, handle.executeUpdate(recordRiskNoticeUpdate, { args: [input] }));
    expect(again.riskNotifiedAt).toBe(first.riskNotifiedAt);
    expect((await handle.query(statusQuery)).riskNotifiedAt).toBe(first.riskNotifiedAt);
  });
});
