// One ordered queue of effects per workflow run: every local or scheduled activity a workflow calls
// (read model, audit, deadline and escalation rows, documents, notices, calendar reads) goes
// through it, one at a time, in the order the workflow asked for them.
//
// Why it exists: a workflow has several coroutines that act on their own — Update handlers, one
// timer loop per deadline or measure, reminders, escalations. When two of them call activities
// at the same time (two measures taken together lapse at the same instant, a release for no suit
// fires in the same workflow task as a lapse), their activities complete in whatever order the
// database answers, and their results are recorded in that order. On replay the workflow asks for
// them in code order, so the recorded history no longer matches and the process becomes unreadable
// (issue 12: "Activity type of recorded marker 'recordPreservation' does not match 'appendAudit'").
// Taking every effect through one FIFO queue makes the order of the commands the order in which
// the workflow code asked for them, which replay reproduces exactly — for every pair of
// coroutines, not only the two that were seen colliding.
//
// An effect must not wait, inside its turn, for another effect of the same queue: that one is
// behind it and would never start. A batch passed to `run` therefore calls the raw activities,
// while single calls go through `ordered`.

export class EffectQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private count = 0;
  private readonly settledListeners: Array<() => void> = [];

  /**
   * Calls `listener` each time an effect settles: in the activation that took in the effect's
   * recorded result (an activity's completion, a local activity's marker), which replay repeats
   * with the same workflow info (../shared/continuation relies on it).
   */
  onSettled(listener: () => void): void {
    this.settledListeners.push(listener);
  }

  /** Runs `effect` once every effect queued before it has settled; settles as `effect` does. */
  run<T>(effect: () => Promise<T>): Promise<T> {
    this.waiting++;
    this.count++;
    const turn = this.tail.then(effect).finally(() => {
      this.waiting--;
      for (const listener of this.settledListeners) listener();
    });
    this.tail = turn.then(() => undefined, () => undefined);
    return turn;
  }

  /** True when no effect is queued or running (the run may continue-as-new). */
  idle(): boolean {
    return this.waiting === 0;
  }

  /** Effects asked for in this run so far. */
  ran(): number {
    return this.count;
  }

  /** The activities of `proxy`, each call taken through this queue. */
  ordered<A extends object>(proxy: A): A {
    return new Proxy({} as A, {
      get: (_target, name) => (...args: unknown[]) => {
        const activity = Reflect.get(proxy, name) as (...a: unknown[]) => Promise<unknown>;
        return this.run(() => activity(...args));
      },
    });
  }
}
