// How a preservation reaches PostgreSQL (read model, audit, deadlines, escalations, calendars).
// Since the patch these short keyed writes run as local activities: in the worker, inside the
// workflow task, with no server round trip and one marker event each. They stay idempotent, so a
// worker that dies mid-task repeats them harmlessly. Runs recorded before the patch keep the
// scheduled activities they were recorded with.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { EffectQueue } from '../shared/effects';
import type { createAuditActivities } from '../../activities/audit';
import type { CalendarActivities } from '../../activities/calendar';
import type { createDeadlineActivities } from '../../activities/deadlines';
import type { PreservationActivities } from '../../activities/preservation/index';

export type PreservationWrites = PreservationActivities & ReturnType<typeof createAuditActivities>
  & ReturnType<typeof createDeadlineActivities> & CalendarActivities;

export const localWritesPatch = 'local-writes';

const options = { startToCloseTimeout: '30 seconds', retry: { maximumInterval: '30 seconds' } } as const;
const scheduled = proxyActivities<PreservationWrites>(options);
const local = proxyLocalActivities<PreservationWrites>(options);

/** The activities for a write or read at this point of the run. */
export function writes(): PreservationWrites {
  return patched(localWritesPatch) ? local : scheduled;
}

/** The run's writes and reads, each taken through its one effect queue (../shared/effects). */
export function orderedWrites(queue: EffectQueue): PreservationWrites {
  return queue.ordered(writes);
}
