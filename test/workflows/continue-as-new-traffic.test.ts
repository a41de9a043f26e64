// Issue 12, bounded histories under steady traffic. An outside break flooded one preservation with
// measures from three officers at once: some Update handler was always running, the run never
// reached the quiet point where it may hand over, and Temporal terminated it at 15,356 events
// (52.8 MB: every act answered the whole state). Now a run waiting to hand over refuses new acts
// (HandingOver, sent again by the client as the API does) until its handlers finish, and acts answer
// a small acknowledgement. Eight officers here record 200 measures back to back, never pausing
// together; every run's history stays near the limit, every measure is recorded once, the state
// carried into each continuation stays far below Temporal's payload limit, and every run replays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { temporal } from '@temporalio/proto';
import { retryUnprocessedUpdates } from '../../api/http/temporal-calls';
import { recordMeasureUpdate, ruleUpdate } from '../../workflows/preservation/messages';
import { maxMeasures } from '../../workflows/preservation/workflow';
import type { Actor } from '../../workflows/shared/actor';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { application, court, judge, startPreservation, statusWhenReady } from '../fixtures/preservation';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { replayLiveHistories } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const historyEventLimit = 60;
// Freezes far longer than the test: their reminders, fired on the compressed clock while 200 are
// recorded, would fill runs with escalations that belong to timers, not to the traffic tested here.
const profile: StatuteProfile = {
  ...compressed, measureLifetime: { ...compressed.measureLifetime, bank_deposit: { ...compressed.measureLifetime.bank_deposit, amount: 100_000 } },
};
const officers: Actor[] = Array.from({ length: 8 }, (_, i) => ({ userId: `officer-flood-${i}`, role: 'enforcement_officer', court }));

type Event = temporal.api.history.v1.IHistoryEvent;
const payloadBytes = (payloads: temporal.api.common.v1.IPayloads | null | undefined) =>
  (payloads?.payloads ?? []).reduce((sum, p) => sum + (p.data?.length ?? 0), 0);

describe('continue-as-new under steady traffic (issue 12)', () => {
  it('200 measures from eight officers at once: runs hand over, histories stay bounded, nothing is lost or doubled', async () => {
    const { handle, preservationId } = await startPreservation(h.client, h.taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初77号', security: undefined }), judge, profile, { historyEventLimit });
    await retryUnprocessedUpdates(() => handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] }));

    // Each officer records its share back to back; with eight at once some act is always in flight.
    const share = maxMeasures / officers.length;
    const answers = (await Promise.all(officers.map(async (officer, o) => {
      const acks = [];
      for (let i = 0; i < share; i++) {
        const measureId = `m-${o}-${i}`;
        acks.push(await retryUnprocessedUpdates(() => handle.executeUpdate(recordMeasureUpdate, {
          args: [{ actor: officer, measureId, kind: 'bank_deposit', asset: `账户 ${measureId}`, location: '工商银行朝阳支行', rank: 1 }],
        }), 12));
      }
      return acks;
    }))).flat();

    // Every act answered an acknowledgement, not the state.
    expect(answers.every((a) => Object.keys(a).sort().join() === 'recorded,stage')).toBe(true);
    // Read as the API reads: the run may have handed over a moment ago.
    const state = await statusWhenReady(handle);
    expect(new Set(state.measures.map((m) => m.measureId)).size).toBe(maxMeasures);
    expect(state.measures).toHaveLength(maxMeasures);

    // One more is refused at the door of the workflow, naming the limit.
    await expect(handle.executeUpdate(recordMeasureUpdate, {
      args: [{ actor: officers[0]!, measureId: 'one-too-many', kind: 'bank_deposit', asset: '账户 x', location: '工商银行朝阳支行', rank: 1 }],
    })).rejects.toMatchObject({ cause: { type: 'ValidationFailed', message: expect.stringContaining(`${maxMeasures}项措施`) } });

    const runs: string[] = [];
    for await (const run of h.client.workflow.list({ query: `WorkflowId = '${preservationId}'` })) runs.push(run.runId);
    expect(runs.length, 'the flood crossed continue-as-new').toBeGreaterThan(3);

    let longest = 0;
    let largestCarried = 0;
    for (const runId of runs) {
      const events: Event[] = (await h.client.workflow.getHandle(preservationId, runId).fetchHistory()).events ?? [];
      longest = Math.max(longest, events.length);
      if (process.env.DEBUG_TRAFFIC) {
        const kinds: Record<string, number> = {};
        for (const e of events) kinds[String(e.eventType)] = (kinds[String(e.eventType)] ?? 0) + 1;
        const acts: Record<string, number> = {};
        for (const e of events) { const n = e.activityTaskScheduledEventAttributes?.activityType?.name; if (n) acts[n] = (acts[n] ?? 0) + 1; }
        const timers = events.filter((e) => e.timerStartedEventAttributes).map((e) => e.timerStartedEventAttributes!.startToFireTimeout?.seconds?.toString());
        if (events.length > 300) console.log('BIG', JSON.stringify(acts), JSON.stringify(timers), events.filter((e) => e.markerRecordedEventAttributes).length);
        console.log(runId, events.length, events[0]?.eventTime?.seconds?.toString(), events.at(-1)?.eventTime?.seconds?.toString(), JSON.stringify(kinds));
      }
      for (const e of events) {
        const carried = e.workflowExecutionContinuedAsNewEventAttributes?.input;
        if (carried) largestCarried = Math.max(largestCarried, payloadBytes(carried));
      }
    }
    // The limit plus what the acts in flight when it was reached still write (eight acts, each some
    // sixty events with its writes and workflow tasks; 363 seen at most): without the refusal one
    // run took the acts until traffic paused, 1,316 events in this test before the fix.
    expect(longest, `longest run: ${longest} events`).toBeLessThan(historyEventLimit + 8 * 60);
    // 200 measures carried: well below the 512 KB at which Temporal starts warning.
    expect(largestCarried, `largest continue-as-new input: ${largestCarried} bytes`).toBeLessThan(512 * 1024);

    // Each measure's one audit row.
    const { rows } = await h.db.pool.query<{ n: number }>(
      "select count(*)::int as n from audit_trail where process_id = $1 and action = 'preservation.recordMeasure'", [preservationId]);
    expect(rows[0]!.n).toBe(maxMeasures);

    const replays = await replayLiveHistories([preservationId], runs);
    expect(replays.filter((r) => r.error)).toEqual([]);
  }, 600_000);
});
