// Issue 12, found by the soak: a run continued as new in a workflow task whose only news was a
// refused Update. A refused Update leaves nothing in the history, yet its workflow task carries
// newer workflow info (the history past the limit, or Temporal's suggestion); a run that decided
// to continue there could not be replayed ("No command scheduled for event …
// WorkflowExecutionContinuedAsNew"). Here the limit falls exactly between the process's last
// recorded task and the refused Update's task: the refusal must change nothing, the next act's
// effects hand over, and every run replays.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { application, clerk, eventually, judge, startPreservation } from '../fixtures/preservation';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory, replayLiveHistories } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

// The ruling has a long time: no timer of the process fires while the test drives it.
const long = { amount: 1000, unit: 'days' as const, article: 'continue-as-new test' };
const profile: StatuteProfile = {
  ...compressed,
  periods: { ...compressed.periods, preservationRuling: { ...compressed.periods.preservationRuling, ...long },
    preservationRulingUrgent: { ...compressed.periods.preservationRulingUrgent, ...long } },
};

/** History length once the process has done everything its last act asked for and waits. */
async function atRest(handle: WorkflowHandle): Promise<number> {
  let previous = -1;
  return eventually(async () => {
    const events = (await handle.fetchHistory()).events ?? [];
    const last = String(events.at(-1)?.eventType ?? '');
    const { raw } = await handle.describe();
    const busy = /WORKFLOW_TASK_(SCHEDULED|STARTED)|^(5|6)$/.test(last) || (raw.pendingActivities ?? []).length > 0 || raw.pendingWorkflowTask;
    const stable = !busy && events.length === previous;
    previous = busy ? -1 : events.length;
    return stable ? events.length : undefined;
  }, 30_000);
}

async function runIds(workflowId: string, atLeast: number): Promise<string[]> {
  return eventually(async () => {
    const ids: string[] = [];
    for await (const run of h.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) ids.push(run.runId);
    return ids.length >= atLeast ? ids : undefined;
  }, 30_000);
}

it('an Update refused in a task past the history limit hands nothing over; the next act does, and every run replays', async () => {
  const app = () => application({ kind: 'in_suit', caseNumber: '(2026)京0105民初21号', security: undefined });
  // The same process without a limit measures how long its history is at rest after opening.
  const twin = await startPreservation(h.client, h.taskQueue, app(), clerk, profile);
  const opened = await atRest(twin.handle);

  // One event past it: the first task after the rest — the refused Update's — is over the limit.
  const { handle, preservationId } = await startPreservation(h.client, h.taskQueue, app(), clerk, profile, { historyEventLimit: opened + 1 });
  expect(await atRest(handle), 'both processes open with the same history').toBe(opened);

  // Not converted: closing as "enforcement concluded" is refused by the validator, recording nothing.
  await expect(handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'enforcement_concluded', reason: '执行终结' }] }))
    .rejects.toThrow();
  await atRest(handle);
  const first = handle.firstExecutionRunId;
  expect(await replayLiveHistories([preservationId], [first]), 'the first run replays after the refusal').toEqual([{ file: `${preservationId}-${first}.json` }]);
  const description = await handle.describe();
  expect(description.status.name, 'the refusal did not end the run').toBe('RUNNING');
  expect(description.runId).toBe(first);

  // The ruling's effects settle past the limit: the run hands over at its quiet point.
  const ruled = await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
  const runs = await runIds(preservationId, 2);
  // The continued run (read by workflow id, as the API does) holds what the ruling made of the process.
  expect((await h.client.workflow.getHandle(preservationId).query(statusQuery)).stage).toBe(ruled.stage);
  expect(ruled.stage).toBe('in_force');

  await recordHistory('RECORD_PRESERVATION_HISTORIES', preservationId, 'preservation-refused-update-past-limit', first);
  expect(await replayLiveHistories([preservationId], runs)).toEqual(runs.map((runId) => ({ file: `${preservationId}-${runId}.json` })));
  await h.client.workflow.getHandle(twin.preservationId).terminate('test done');
  await h.client.workflow.getHandle(preservationId).terminate('test done');
}, 180_000);
