// Bounded histories (issue 12). A process lives for months or years and every act, reminder and
// write adds events to its history; Temporal terminates a run whose history grows past its limit,
// for everyone. So each workflow hands over to a fresh run (continue-as-new) when Temporal suggests
// it, or at a configured event count, carrying everything the run knows: state, open deadlines with
// their remaining time and pauses, sequence numbers, the act record, the audit position.
//
// It hands over only at a quiet point: every Update handler finished and no effect queued or
// running. Every activity goes through the run's one effect queue (./effects), so at that point
// every coroutine of the run waits on a timer or a condition, and its state is all in the data.
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import type { EffectQueue } from './effects';

/**
 * True when this run should continue as new: Temporal suggests it, or its history has reached
 * `eventLimit` events. Never before the run has asked for an effect of its own: a continued run
 * starts above a tiny limit and would otherwise hand over for ever.
 */
export function continuationDue(effects: EffectQueue, eventLimit: number | undefined): boolean {
  if (effects.ran() === 0) return false;
  const info = workflowInfo();
  return info.continueAsNewSuggested || (eventLimit !== undefined && info.historyLength >= eventLimit);
}

/** Resolves at a quiet point: every handler finished, no effect queued or running. */
export function quietPoint(effects: EffectQueue): Promise<void> {
  return condition(() => allHandlersFinished() && effects.idle());
}
