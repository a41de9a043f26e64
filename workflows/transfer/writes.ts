// How the transfer reaches its short PostgreSQL writes and reads (read model, audit, notices,
// deadlines, documents, calendars). Since the patch they run as local activities: in the worker,
// inside the workflow task, with no server round trip and one marker event each, instead of a
// scheduled activity apiece. They stay idempotent (keyed writes), so a worker that dies mid-task
// repeats them harmlessly when the task runs again. Runs recorded before the patch keep the
// scheduled activities they were recorded with.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import type { EffectQueue } from '../shared/effects';

export const localWritesPatch = 'local-writes';

const scheduled = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '30 seconds' } });

/** True in runs that write through local activities (all new runs). */
export function writesLocally(): boolean {
  return patched(localWritesPatch);
}

/** The activities for a write or read at this point of the run. */
export function writes(): Activities {
  return writesLocally() ? local : scheduled;
}

/** The run's writes and reads, each taken through its one effect queue (../shared/effects). */
export function orderedWrites(queue: EffectQueue): Activities {
  return queue.ordered(writes);
}
