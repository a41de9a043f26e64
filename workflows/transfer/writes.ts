// How the transfer reaches its short PostgreSQL writes and reads (read model, audit, notices,
// deadlines, documents, calendars). They stay idempotent (keyed writes), so a worker that dies
// mid-write repeats them harmlessly.
//
// Runs since `scheduled-effects` call them as ordinary activities, whose results are history events
// delivered in the workflow task that holds them, live and on replay alike. Runs before it called
// them as local activities; those stay local until they continue as new (../shared/effect-mode says
// why the change was needed).
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import type { EffectQueue } from '../shared/effects';
import type { EffectMode } from '../shared/effect-mode';
import { writeRetry } from '../shared/retry-policies';

const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: writeRetry });
const scheduled = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: writeRetry });

/** The raw activities of this run, for a batch that already runs as one turn of the effect queue. */
export function unqueuedWrites(mode: EffectMode): Activities {
  return mode === 'scheduled' ? scheduled : local;
}

/** The run's writes and reads, each taken through its one effect queue (../shared/effects). */
export function orderedWrites(queue: EffectQueue, mode: EffectMode): Activities {
  return queue.ordered(unqueuedWrites(mode));
}
