// Issue 12, replay divergence: preservations that end on timers firing in the same workflow task
// (a pre-suit measure released for no suit, bank freezes taken together lapsing at that instant)
// stay readable after a worker restart, and their histories replay. Before the one effect queue
// (workflows/shared/effects.ts) the local activities of the colliding timers completed in the
// database's order and the replay asked for them in code order.
//
// The law decides what the measures are when both fall at one instant: a freeze whose term ran out
// unrenewed lost its effect at that instant by law (民诉法解释 art. 485; 查封、扣押、冻结财产规定:
// 期限届满未办理延期手续的，效力消灭), while the release for no suit (民事诉讼法 art. 104; 财产保全规定
// art. 23) is the court's act on a measure still in effect, which comes after the 30 days have
// passed. So each freeze is lapsed, not released, whichever timer fires first; the process itself
// ends released.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities/index';
import { recordMeasureUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import type { PreservationState } from '../../workflows/preservation/types';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { application, clerk, officer, startPreservation, stateAfter } from '../fixtures/preservation';
import { freshDatabase, type TestDatabase } from '../support/database';
import { historyOf, recordHistory, replayLiveHistories } from '../support/replay';
import { testClient, uniqueTaskQueue, withWorker } from '../support/temporal';

let db: TestDatabase;
let client: Client;
beforeAll(async () => { db = await freshDatabase(); client = await testClient(); });
afterAll(async () => { await client?.connection.close(); await db?.close(); });

// Each process freezes accounts of its own: one debtor's same account frozen twice would queue the
// second freeze behind the first (查封扣押冻结规定 art. 26), which is not what this test is about.
const freeze = (process: number, measureId: string, takenAt?: string) => ({
  actor: officer, measureId, kind: 'bank_deposit' as const, asset: `存款-${process}-${measureId}`, location: '北京市朝阳区', rank: 1,
  ...(takenAt ? { takenAt } : {}),
});

// The compressed clock, but the freezes and the 30 days to sue last 150 compressed days (15 s): long
// enough for the acts to be recorded and the worker stopped before they fall due.
const slowerToLapse: StatuteProfile = {
  ...compressed,
  periods: { ...compressed.periods, preSuitFiling: { ...compressed.periods.preSuitFiling, amount: 150 } },
  measureLifetime: { ...compressed.measureLifetime, bank_deposit: { ...compressed.measureLifetime.bank_deposit, amount: 150 } },
};

/** Timers fired since the last workflow task started: waiting for a worker to take them. */
function timersWaiting(events: Array<{ eventType: string }>): number {
  let fired = 0;
  for (const e of events) {
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED') fired = 0;
    else if (e.eventType === 'EVENT_TYPE_TIMER_FIRED') fired++;
  }
  return fired;
}

/** Workflow tasks (between two WorkflowTaskStarted events) in which at least two timers fired. */
function tasksWithTimersTogether(events: Array<{ eventType: string }>): number {
  let together = 0;
  let fired = 0;
  for (const e of events) {
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED') {
      if (fired >= 2) together++;
      fired = 0;
    } else if (e.eventType === 'EVENT_TYPE_TIMER_FIRED') {
      fired++;
    }
  }
  return together;
}

describe('effects leave each workflow in one order (issue 12)', () => {
  it('pre-suit preservations released for no suit while their freezes lapse stay readable after a restart and replay', async () => {
    const taskQueue = uniqueTaskQueue('effects');
    const activities = createActivities({ pool: db.pool });
    // No worker polls while the timers fall due: the freezes' lapses and the pre-suit deadline fire
    // with nobody to take them, and the worker that comes back gets them together in one workflow
    // task (the collision of the issue, made certain instead of left to the server's timing).
    const started = await withWorker({ taskQueue, activities }, async () => Promise.all(Array.from({ length: 4 }, async (_, process) => {
      const { handle, preservationId } = await startPreservation(client, taskQueue, application({ kind: 'pre_suit' }), clerk, slowerToLapse);
      await handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '符合条件' }] });
      const first = await stateAfter(handle, handle.executeUpdate(recordMeasureUpdate, { args: [freeze(process, 'm1')] }));
      // Taken at the same instant as m1: both freezes and the 30-day pre-suit deadline end together.
      await handle.executeUpdate(recordMeasureUpdate, { args: [freeze(process, 'm2', first.measures[0]!.takenAt)] });
      // Quiet before the worker goes: every timer started, no write or workflow task outstanding.
      await vi.waitFor(async () => {
        const { raw } = await handle.describe();
        expect([raw.pendingActivities?.length ?? 0, raw.pendingWorkflowTask ? 1 : 0]).toEqual([0, 0]);
      }, { timeout: 30_000, interval: 200 });
      return { handle, preservationId };
    })));
    const ids = started.map((s) => s.preservationId);
    await vi.waitFor(() => { for (const id of ids) expect(timersWaiting(historyOf(id).events)).toBeGreaterThanOrEqual(2); }, { timeout: 60_000, interval: 250 });
    const ended = await withWorker({ taskQueue, activities }, () => Promise.all(started.map(({ handle }) => handle.result() as Promise<PreservationState>)));
    expect(ended.map((s) => s.stage)).toEqual(ids.map(() => 'released'));

    // A new worker has nothing cached: every query replays the whole history.
    const states = await withWorker({ taskQueue, activities }, () =>
      Promise.all(ids.map((id) => client.workflow.getHandle(id).query(statusQuery))));
    expect(states.map((s) => s.stage)).toEqual(ids.map(() => 'released'));
    for (const s of states) expect(s.measures.map((m) => [m.measureId, m.status, m.expiresAt === s.measures[0]!.expiresAt])).toEqual([['m1', 'lapsed', true], ['m2', 'lapsed', true]]);

    expect(await replayLiveHistories(ids)).toEqual(ids.map((id) => ({ file: `${id}.json` })));
    // The collision this test is about happened: timers fired together in one workflow task.
    expect(ids.map((id) => tasksWithTimersTogether(historyOf(id).events)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    // Each process's release for no suit is audited once, each freeze's lapse once; the read model agrees.
    const audits = await db.pool.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_trail where process_id = any($1)
        and action in ('preservation.releaseForNoSuit', 'preservation.measureLapsed', 'preservation.releaseMeasure') group by action order by action`, [ids]);
    expect(audits.rows).toEqual([{ action: 'preservation.measureLapsed', n: 2 * ids.length }, { action: 'preservation.releaseForNoSuit', n: ids.length }]);
    const measures = await db.pool.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from preservation_measures where preservation_id = any($1) group by status', [ids]);
    expect(measures.rows).toEqual([{ status: 'lapsed', n: 2 * ids.length }]);
    const escalations = await db.pool.query<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from escalations where process_id = any($1) and kind in ('lapsed', 'overdue') group by kind order by kind`, [ids]);
    expect(escalations.rows).toEqual([{ kind: 'lapsed', n: 2 * ids.length }, { kind: 'overdue', n: ids.length }]);
    await recordHistory('RECORD_PRESERVATION_HISTORIES', ids[0]!, 'preservation-pre-suit-released-freezes-lapsed');
  });
});
