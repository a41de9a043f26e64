// A durable deadline for workflow code: reminds at lead times, escalates once when due, can be
// paused for periods that do not count (GO art. 11) and completed. Timers are Temporal's
// (`condition` with a timeout), so the deadline survives worker restarts and replays
// deterministically; `Date.now()` here is workflow time.
import { condition } from '@temporalio/workflow';
import { cstIso } from './cst';
import type { Due } from './periods';

export type DeadlineState = {
  name: string;
  /** Last instant still in time, in CST. */
  dueAt: string;
  /** As of the workflow's current time; frozen while paused. */
  remainingMs: number;
  paused: boolean;
  /** The due day lies in (or was pushed through) a year with no holiday calendar loaded. */
  provisional: boolean;
  overdue: boolean;
  /** Lead times (ms) whose reminders have been sent, in the order sent. */
  remindersSent: number[];
  escalated: boolean;
  completed: boolean;
};

export type DeadlineOptions = {
  name: string;
  due: Due;
  /** Lead times before due at which to remind; leads longer than the whole period are skipped. */
  reminderLeadsMs: readonly number[];
  onRemind?: (state: DeadlineState, leadMs: number) => Promise<void>;
  onDue?: (state: DeadlineState) => Promise<void>;
  /**
   * The due instant once `pausedMs` in total has not counted. Pass the clock's `dueAfterPause`
   * so statutory deadlines land on a working day again; by default the due simply shifts.
   */
  reschedule?: (pausedMs: number) => Due;
};

export type DeadlineOutcome = 'completed' | 'escalated';

/** What a deadline carries into the workflow's next run (continue-as-new): its clock, not its callbacks. */
export type DeadlineSnapshot = {
  due: Due;
  pendingLeads: number[];
  sent: number[];
  pausedAt?: number;
  pausedTotal: number;
  escalated: boolean;
  completed: boolean;
};

export class Deadline {
  private due: Due;
  private readonly pendingLeads: number[];
  private readonly sent: number[];
  private pausedAt: number | undefined;
  private pausedTotal = 0;
  private escalated = false;
  private completed = false;
  // Bumped on every pause, resume or completion so a waiting timer re-plans.
  private changes = 0;

  /**
   * `carried` resumes a deadline of the previous run where it stood (remaining time, reminders
   * sent, pause), so a continued run waits for exactly what the undisturbed run would have.
   */
  constructor(private readonly options: DeadlineOptions, createdAtMs: number = Date.now(), carried?: DeadlineSnapshot) {
    if (carried) {
      this.due = carried.due;
      this.pendingLeads = [...carried.pendingLeads];
      this.sent = [...carried.sent];
      this.pausedAt = carried.pausedAt;
      this.pausedTotal = carried.pausedTotal;
      this.escalated = carried.escalated;
      this.completed = carried.completed;
      return;
    }
    this.due = options.due;
    this.sent = [];
    const span = options.due.dueMs - createdAtMs;
    this.pendingLeads = [...options.reminderLeadsMs].filter((lead) => lead > 0 && lead < span).sort((a, b) => b - a);
  }

  snapshot(): DeadlineSnapshot {
    return {
      due: this.due, pendingLeads: [...this.pendingLeads], sent: [...this.sent], pausedAt: this.pausedAt,
      pausedTotal: this.pausedTotal, escalated: this.escalated, completed: this.completed,
    };
  }

  /** True while `run` has work left (not completed, not escalated). */
  running(): boolean {
    return !this.completed && !this.escalated;
  }

  pause(atMs: number = Date.now()): void {
    if (this.pausedAt !== undefined || this.completed) return;
    this.pausedAt = atMs;
    this.changes++;
  }

  resume(atMs: number = Date.now()): void {
    if (this.pausedAt === undefined) return;
    this.pausedTotal += Math.max(0, atMs - this.pausedAt);
    this.pausedAt = undefined;
    this.due = this.options.reschedule
      ? this.options.reschedule(this.pausedTotal)
      : { ...this.options.due, dueMs: this.options.due.dueMs + this.pausedTotal };
    this.changes++;
  }

  complete(): void {
    this.completed = true;
    this.changes++;
  }

  state(nowMs: number = Date.now()): DeadlineState {
    const paused = this.pausedAt !== undefined;
    const remainingMs = this.due.dueMs - (this.pausedAt ?? nowMs);
    return {
      name: this.options.name,
      dueAt: cstIso(this.due.dueMs),
      remainingMs,
      paused,
      provisional: this.due.provisional,
      overdue: !this.completed && (this.escalated || (!paused && remainingMs < 0)),
      remindersSent: [...this.sent],
      escalated: this.escalated,
      completed: this.completed,
    };
  }

  /**
   * Runs until completed or escalated. Call once, without awaiting before the workflow's
   * message handlers are set; callback failures (activity errors) propagate to the caller.
   */
  async run(): Promise<DeadlineOutcome> {
    for (;;) {
      if (this.completed) return 'completed';
      if (this.pausedAt !== undefined) {
        const seen = this.changes;
        await condition(() => this.changes !== seen);
        continue;
      }
      const nextLead = this.pendingLeads[0];
      const wakeAt = nextLead === undefined ? this.due.dueMs + 1 : this.due.dueMs - nextLead;
      const waitMs = Math.ceil(wakeAt - Date.now());
      if (waitMs > 0) {
        const seen = this.changes;
        await condition(() => this.changes !== seen, waitMs);
        // The timer and a completion or pause can land in the same workflow task; the change wins
        // whichever resolved the wait (a deadline met at the instant it falls due is not escalated).
        if (this.changes !== seen) continue;
      }
      if (nextLead === undefined) {
        // Due passed (the act is late from dueMs + 1): escalate exactly once.
        this.escalated = true;
        await this.options.onDue?.(this.state());
        return 'escalated';
      }
      this.pendingLeads.shift();
      this.sent.push(nextLead);
      await this.options.onRemind?.(this.state(), nextLead);
    }
  }
}
