// One ordered queue of effects per workflow run: every local or scheduled activity a workflow calls
// (read model, audit, deadline and escalation rows, documents, notices, calendar reads) goes
// through it, one at a time, in the order the workflow asked for them.
//
// Why it exists: a workflow has several coroutines that act on their own — Update handlers, one
// timer loop per deadline or measure, reminders, escalations. When two of them call activities
// at the same time (two measures taken together lapse at the same instant, a release for no suit
// fires in the same workflow task as a lapse), local activities complete in whatever order the
// database answers, and their markers are recorded in that order. On replay the workflow asks for
// them in code order, so the recorded history no longer matches and the process becomes unreadable
// (issue 12: "Activity type of recorded marker 'recordPreservation' does not match 'appendAudit'").
// Taking every effect through one FIFO queue makes the order of the commands the order in which
// the workflow code asked for them, which replay reproduces exactly — for every pair of
// coroutines, not only the two that were seen colliding.
//
// An effect must not wait, inside its turn, for another effect of the same queue: that one is
// behind it and would never start. A batch passed to `run` therefore calls the raw activities,
// while single calls go through `ordered`.

/** Runs from this patch on take their effects through the queue; histories recorded before it did not. */
export const effectQueuePatch = 'one-effect-queue';

export class EffectQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /**
   * `ordered` false runs every effect at once, as runs recorded before the queue did. Decide it with
   * `patched(effectQueuePatch)` before the run's first command, so one marker decides the whole run.
   */
  constructor(private readonly inOrder = true) {}

  /** Runs `effect` once every effect queued before it has settled; settles as `effect` does. */
  run<T>(effect: () => Promise<T>): Promise<T> {
    if (!this.inOrder) return effect();
    this.waiting++;
    const turn = this.tail.then(effect).finally(() => { this.waiting--; });
    this.tail = turn.then(() => undefined, () => undefined);
    return turn;
  }

  /** True when no effect is queued or running (the run may continue-as-new). */
  idle(): boolean {
    return this.waiting === 0;
  }

  /**
   * The activities that `source()` returns at the moment of each call, each call taken through this
   * queue. `source` is called at call time, not in the queued turn, so a `patched()` inside it
   * keeps its place in the history.
   */
  ordered<A extends object>(source: () => A): A {
    return new Proxy({} as A, {
      get: (_target, name) => (...args: unknown[]) => {
        const activity = Reflect.get(source(), name) as (...a: unknown[]) => Promise<unknown>;
        return this.run(() => activity(...args));
      },
    });
  }
}
