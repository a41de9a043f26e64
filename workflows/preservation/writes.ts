// How a preservation reaches PostgreSQL (read model, audit, deadlines, escalations, calendars):
// short keyed writes as local activities, in the worker, inside the workflow task, with no server
// round trip and one marker event each. They stay idempotent, so a worker that dies mid-task
// repeats them harmlessly.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { EffectQueue } from '../shared/effects';
import type { createAuditActivities } from '../../activities/audit';
import type { CalendarActivities } from '../../activities/calendar';
import type { createDeadlineActivities } from '../../activities/deadlines';
import type { PreservationActivities } from '../../activities/preservation/index';
import { writeRetry } from '../shared/retry-policies';

export type PreservationWrites = PreservationActivities & ReturnType<typeof createAuditActivities>
  & ReturnType<typeof createDeadlineActivities> & CalendarActivities;

const local = proxyLocalActivities<PreservationWrites>({ startToCloseTimeout: '30 seconds', retry: writeRetry });

/** The run's writes and reads, each taken through its one effect queue (../shared/effects). */
export function orderedWrites(queue: EffectQueue): PreservationWrites {
  return queue.ordered(local);
}
