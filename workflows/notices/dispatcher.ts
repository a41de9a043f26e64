// The notice dispatcher: one long-running workflow per task queue (`notice-dispatcher-<queue>`)
// that delivers the outbox round by round. Delivery lives here, not in the transfer workflow: a
// receiver that is down for a day must not hold up a court's Update or grow the transfer's history.
// It sleeps until the next notice is due (a retry's backoff, a lease running out) or the poll
// interval passes, whichever is sooner; a `wake` signal cuts the sleep short. It continues as new
// before its history grows large.
import { condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DispatchSettings, NoticeActivities } from '../../activities/notices/outbox';

export interface DispatcherTotals {
  rounds: number;
  delivered: number;
  failedAttempts: number;
}

export interface NoticeDispatcherInput {
  /** Longest sleep between rounds when nothing is due. */
  pollIntervalMs: number;
  settings: DispatchSettings;
  /** A round that stops heartbeating this long (its worker died) is retried on another worker. */
  heartbeatTimeoutMs: number;
  /** Rounds per run before continuing as new. */
  roundsPerRun: number;
  totals?: DispatcherTotals;
}

export const wakeDispatcherSignal = defineSignal('wake');
export const dispatcherTotalsQuery = defineQuery<DispatcherTotals>('totals');

export function noticeDispatcherWorkflowId(taskQueue: string): string {
  return `notice-dispatcher-${taskQueue}`;
}

export async function noticeDispatcher(input: NoticeDispatcherInput): Promise<void> {
  const totals: DispatcherTotals = { rounds: 0, delivered: 0, failedAttempts: 0, ...input.totals };
  let woken = false;
  setHandler(wakeDispatcherSignal, () => { woken = true; });
  setHandler(dispatcherTotalsQuery, () => totals);
  const { dispatchDueNotices } = proxyActivities<NoticeActivities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: input.heartbeatTimeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

  for (let round = 0; round < input.roundsPerRun && !workflowInfo().continueAsNewSuggested; round++) {
    woken = false;
    const result = await dispatchDueNotices(input.settings);
    totals.rounds++;
    totals.delivered += result.delivered;
    totals.failedAttempts += result.failedAttempts;
    const sleepMs = Math.min(input.pollIntervalMs, result.nextDueInMs ?? input.pollIntervalMs);
    if (sleepMs > 0) await condition(() => woken, sleepMs);
  }
  await continueAsNew<typeof noticeDispatcher>({ ...input, totals });
}
