// Bounded histories (issue 12). A process lives for months or years and every act, reminder and
// write adds events to its history; Temporal terminates a run whose history grows past its limit,
// for everyone. So each workflow hands over to a fresh run (continue-as-new) when Temporal suggests
// it, or at a configured event count, carrying everything the run knows: state, open deadlines with
// their remaining time and pauses, sequence numbers, the act record, the audit position.
//
// It hands over only at a quiet point: every Update handler finished and no effect queued or
// running. Every activity goes through the run's one effect queue (./effects), so at that point
// every coroutine of the run waits on a timer or a condition, and its state is all in the data.
//
// When to hand over is decided only where replay sees the same workflow info as the live run: as
// an effect settles, in the activation that took in its recorded result. Never in a condition:
// conditions are evaluated after every activation, including one that leaves nothing in the
// history — an Update refused by its validator. Such an Update arrives in a workflow task of its
// own, whose workflow info is newer (the history has grown past the limit, or the server now
// suggests continuing); when the refusal hands over there, the continue-as-new lands in a task
// that replay never activates (a refused Update is not in the history), and the history no longer
// replays ("No command scheduled for event … WorkflowExecutionContinuedAsNew", found by the soak).
import { allHandlersFinished, ApplicationFailure, condition, patched, workflowInfo } from '@temporalio/workflow';
import type { EffectQueue } from './effects';

/** Continue-as-new decided as effects settle, not in a condition (see above; issue 12's soak). */
const continuationOnEffectsPatch = 'continuation-on-effects';

/**
 * Whether this run should continue as new: Temporal suggested it, or its history reached
 * `eventLimit` events, as seen when one of the run's own effects settled. So never before the run
 * has had an effect of its own: a continued run starts above a tiny limit and would otherwise hand
 * over for ever.
 */
export class Continuation {
  private decided = false;
  /**
   * False only when replaying a run started before this rule (`continuationOnEffectsPatch`): it keeps
   * deciding as it did, in its condition, until it hands over; the run it hands to decides here.
   */
  private readonly onEffects: boolean;

  /** Constructed in the run's first activation, before any effect is queued. */
  constructor(private readonly effects: EffectQueue, private readonly eventLimit: number | undefined) {
    this.onEffects = patched(continuationOnEffectsPatch);
    effects.onSettled(() => { if (this.onEffects && !this.decided) this.decided = this.handOverDue(); });
  }

  private handOverDue(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (this.eventLimit !== undefined && info.historyLength >= this.eventLimit);
  }

  /** True once an effect settled with the hand-over due; reads no workflow info of its own. */
  due(): boolean {
    if (!this.onEffects) return this.effects.ran() > 0 && this.handOverDue();
    return this.decided;
  }
}

/**
 * Refuses an Update while the run waits to hand over (call first in every Update's validator when
 * `Continuation.due()`). Under steady traffic — officers recording measure after measure, parties
 * replying at once — some handler was always running, the quiet point never came, and a flooded
 * preservation grew to 15,356 events and was terminated by Temporal (issue 12's outside break). A
 * refused Update leaves nothing in the history and no validator runs on replay, so this changes
 * no command; the API sends the same request again (api/http/temporal-calls.ts, `isNotTakenUp`)
 * and it reaches the new run within a second or two.
 * @throws ApplicationFailure type `HandingOver`, always.
 */
export function refuseWhileHandingOver(): never {
  throw ApplicationFailure.create({
    type: 'HandingOver', nonRetryable: true,
    message: '本程序正在交接至新的运行记录，该操作未作任何记录，请稍后重试 (the process is handing over to a new run; nothing was recorded, send the act again)',
  });
}

/** True at a quiet point: every handler finished, no effect queued or running. */
export function isQuiet(effects: EffectQueue): boolean {
  return allHandlersFinished() && effects.idle();
}

/**
 * Resolves at a quiet point. The caller checks `isQuiet` again as it resumes, just before handing
 * over: a condition is evaluated after each job of an activation, and an Update later in the same
 * activation is accepted and starts its handler before the awaiting code resumes; handing over
 * then would take the state without that act while the act's handler ran on (the soak saw such an
 * act written to the audit trail, its caller told "aborted by closing workflow", and the new run
 * without it).
 */
export function quietPoint(effects: EffectQueue): Promise<void> {
  return condition(() => isQuiet(effects));
}
