// How the transfer reaches its short PostgreSQL writes and reads (read model, audit, notices,
// deadlines, documents, calendars): local activities, in the worker, inside the workflow task, with
// no server round trip and one marker event each. They stay idempotent (keyed writes), so a worker
// that dies mid-task repeats them harmlessly when the task runs again.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import type { EffectQueue } from '../shared/effects';
import { writeRetry } from '../shared/retry-policies';

const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: writeRetry });

/** The raw activities, for a batch that already runs as one turn of the effect queue. */
export const unqueuedWrites: Activities = local;

/** The run's writes and reads, each taken through its one effect queue (../shared/effects). */
export function orderedWrites(queue: EffectQueue): Activities {
  return queue.ordered(local);
}
