// Issue 12, "no spurious 409": an act a person may take once the previous act has returned is never
// refused because the workflow had not yet moved by itself. The opening acts (trigger and screening
// opened; the preservation's application) are recorded before any Update handler is registered, so
// an Update delivered in the run's first activation is validated against the opened process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import { ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import { createActivities } from '../../activities/index';
import { act, actors, enforcementCase, newCreditCode, courts, profile, screening, status, trigger, triggerFor } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { application, clerk, startPreservation } from '../fixtures/preservation';
import { uniqueTaskQueue, withWorker } from '../support/temporal';

// Slow enough that no consent period ends while the test runs.
const slow = profile(5000);
let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

// Lets the Update reach the server before a worker polls. Had it come later, it would land in a later
// task and the test would pass without testing the first activation, never fail spuriously.
const admitted = () => new Promise((r) => setTimeout(r, 1000));

async function refused(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
    return undefined;
  } catch (err) {
    return (err as { cause?: { message?: string } }).cause?.message ?? String(err);
  }
}

describe('opening acts come before any handler (issue 12)', () => {
  it('20 transfers, each screened the moment its trigger returns: no refusal', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, async () => {
      const handle = await trigger(h, triggerFor(newCreditCode(), [enforcementCase(courts.enforcement, ['a1'])]), slow);
      return refused(act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening }));
    }));
    expect(outcomes.filter((o) => o !== undefined)).toEqual([]);
  });

  it('a screening that waits for the first workflow task (no worker yet) is accepted in the first activation', async () => {
    // No worker polls this queue until the Update is admitted, so the trigger's first workflow task
    // carries the Update: the case of a worker killed before it completed that task.
    const taskQueue = uniqueTaskQueue('opening');
    const handle = await trigger({ ...h, taskQueue }, triggerFor(newCreditCode(), [enforcementCase(courts.enforcement, ['a1'])]), slow);
    const screened = refused(act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening }));
    await admitted();
    const outcome = await withWorker({ taskQueue, activities: createActivities({ pool: h.db.pool }) }, async () => {
      const result = await screened;
      return { result, stage: (await status(handle)).stage };
    });
    expect(outcome).toEqual({ result: undefined, stage: 'consent' });
  });

  it('a preservation ruled before its first workflow task ran is ruled, not refused', async () => {
    const taskQueue = uniqueTaskQueue('opening-pres');
    const { handle } = await startPreservation(h.client, taskQueue, application({ urgent: true }));
    const ruled = refused(handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '符合条件' }] }));
    await admitted();
    const outcome = await withWorker({ taskQueue, activities: createActivities({ pool: h.db.pool }) }, async () => {
      const result = await ruled;
      return { result, stage: (await handle.query(statusQuery)).stage };
    });
    expect(outcome).toEqual({ result: undefined, stage: 'in_force' });
  });
});
