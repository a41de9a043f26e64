// How a preservation reaches PostgreSQL (read model, audit, deadlines, escalations, calendars):
// short keyed writes, idempotent, so a worker that dies mid-write repeats them harmlessly. Ordinary
// activities in runs since `scheduled-effects`, local ones in runs before (../shared/effect-mode).
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { EffectMode } from '../shared/effect-mode';
import type { EffectQueue } from '../shared/effects';
import type { createAuditActivities } from '../../activities/audit';
import type { CalendarActivities } from '../../activities/calendar';
import type { createDeadlineActivities } from '../../activities/deadlines';
import type { PreservationActivities } from '../../activities/preservation/index';
import { writeRetry } from '../shared/retry-policies';

export type PreservationWrites = PreservationActivities & ReturnType<typeof createAuditActivities>
  & ReturnType<typeof createDeadlineActivities> & CalendarActivities;

const local = proxyLocalActivities<PreservationWrites>({ startToCloseTimeout: '30 seconds', retry: writeRetry });
const scheduled = proxyActivities<PreservationWrites>({ startToCloseTimeout: '30 seconds', retry: writeRetry });

/** The run's writes and reads, each taken through its one effect queue (../shared/effects). */
export function orderedWrites(queue: EffectQueue, mode: EffectMode): PreservationWrites {
  return queue.ordered(mode === 'scheduled' ? scheduled : local);
}
