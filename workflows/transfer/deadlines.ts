// The transfer's statutory deadlines: each a durable Deadline from the clock, mirrored into the
// deadlines read model as it opens, pauses, is met or runs over; an overdue one escalates to the
// supervisor (escalation row; the workflow audits it) and stays visible until the act is done.
import { workflowInfo } from '@temporalio/workflow';
import { calendarsSettled, type CalendarYear } from '../clock/calendar';
import { cstDateOf, cstIso, DAY_MS } from '../clock/cst';
import { Deadline, type DeadlineOutcome, type DeadlineSnapshot } from '../clock/deadline';
import { doneInTime, resolveLegalMoment, type LegalMoment } from '../clock/legal-time';
import type { Due, ExcludedSpan, Period } from '../clock/periods';
import {
  dueAfterPause, dueFor, dueFrom, leadTime, periodLaw, type LegalEvent, type LegalStart, type PeriodName, type StatuteProfile,
} from '../clock/statute-profile';
import { legalStartMs } from '../shared/legal-dates';
import type { DeadlineStatus } from '../shared/deadline-record';
import type { DeadlineView } from './state';
import type { Activities } from '../../activities/index';

// A period computed from a year needs that year's calendar and the next two (a period crossing New Year).
const CALENDAR_YEARS_AHEAD = 2;

export type TransferDeadlineName =
  | 'consentReply' | 'decisionService' | 'acceptanceRuling' | 'supplementation' | 'rulingService' | 'handOver' | 'returnMaterial'
  | 'appealWindow' | 'supervisionOrder' | 'knownCreditorNotice' | 'lateConsentReply' | 'claimsDeclaration' | 'servedConsentReply';

export const deadlineLabels: Record<TransferDeadlineName, string> = {
  consentReply: '征询意见答复期限',
  decisionService: '移送决定书送达期限',
  acceptanceRuling: '受理审查期限（30日）',
  supplementation: '补充材料期限',
  rulingService: '受理/不予受理裁定送达期限',
  handOver: '财产移交期限',
  returnMaterial: '材料与财产退回期限',
  appealWindow: '不予受理裁定上诉期（10日）',
  supervisionOrder: '上一级法院监督指令期限（10日）',
  knownCreditorNotice: '通知已知债权人并公告期限（25日）',
  lateConsentReply: '追加征询答复期限',
  servedConsentReply: '征询意见答复期限（自征询送达之日起算）',
  claimsDeclaration: '债权申报期限（企业破产法第四十五条）',
};

/**
 * The profile's period a deadline's name runs on: the consent-reply period also for a late-joining
 * case's applicants (issue 15) and for the parties a consent request was served on (issue 13).
 */
const lawOf = (name: TransferDeadlineName): PeriodName =>
  (name === 'lateConsentReply' || name === 'servedConsentReply' ? 'consentReply' : (name as PeriodName));

/** The period a deadline runs on: a court-fixed length (the claims period), else the profile's (`lawOf`). */
const periodOf = (t: Pick<Tracked, 'name' | 'period'>): PeriodName | Period => t.period ?? lawOf(t.name);


const labelOf = (t: Pick<Tracked, 'name' | 'label'>): string => t.label ?? deadlineLabels[t.name];

/** Periods that are a party's to use, not a court's to keep: a court's suspension does not stop them. */
const partyWindows: ReadonlySet<TransferDeadlineName> = new Set(['consentReply', 'servedConsentReply', 'appealWindow']);

interface Tracked {
  key: string;
  name: TransferDeadlineName;
  court?: string;
  /** When it opened (workflow time, ms) and the calendars it was computed with: a pause reschedules from them. */
  startMs: number;
  calendars: CalendarYear[];
  deadline: Deadline;
  outcome?: DeadlineOutcome;
  closed: boolean;
  /** A length the court fixed (the claims period), instead of the profile's period of that name. */
  period?: Period;
  /** What staff read instead of the name's label (a dismissal's service and appeal window, not a rejection's). */
  label?: string;
  /** Opened from a legal date under the statutory clock: what does not count is left out in whole days. */
  legal?: { start: LegalMoment; excluded: ExcludedSpan[]; pausedOn?: string };
}

/** Every deadline the transfer has opened, as the next run (continue-as-new) takes them over. */
export type TransferDeadlinesSnapshot = Array<Omit<Tracked, 'deadline'> & { deadline: DeadlineSnapshot }>;

export interface DeadlineHooks {
  /** Called once a deadline has escalated (deadline row and escalation written); the workflow audits it. */
  onOverdue(view: DeadlineView): Promise<void>;
  /** A deadline's own consequence when it falls due instead of escalating (the consent-reply period). */
  onLapse?: Partial<Record<TransferDeadlineName, (key: string) => Promise<void>>>;
  onFailure(err: unknown): void;
  /**
   * A deadline opened for `court` while that court's acts are suspended: true when it is to start
   * paused (the hook takes its key into the suspension, so the resumption starts it). Issue 13,
   * outside break: a material request during the enforcement court's suspension opened that court's
   * supplementation period, which ran while the court was barred from supplying.
   */
  opensPaused?(name: TransferDeadlineName, court: string | undefined, key: string): boolean;
}

export class TransferDeadlines {
  private readonly tracked: Tracked[] = [];
  private readonly running: Promise<void>[] = [];
  private calendarCache: { fromYear: number; years: CalendarYear[] } | undefined;

  constructor(
    private readonly processId: string,
    private readonly profile: StatuteProfile,
    private readonly hooks: DeadlineHooks,
    /** The run's writes, taken through its effect queue. */
    private readonly writes: Activities,
  ) {}

  private async calendars(startMs: number): Promise<CalendarYear[]> {
    if (this.profile.clock.mode !== 'statutory') return [];
    const year = Number(cstIso(startMs).slice(0, 4));
    // Read once per process and year: kept while the year is the same and every year was loaded;
    // a year not loaded yet (provisional) is asked for again, as is everything once the year turns.
    const cached = this.calendarCache;
    if (cached?.fromYear === year && calendarsSettled(cached.years, year, year + CALENDAR_YEARS_AHEAD)) return cached.years;
    const years = await this.writes.calendarYears({ fromYear: year, toYear: year + CALENDAR_YEARS_AHEAD });
    this.calendarCache = { fromYear: year, years };
    return years;
  }

  private view(t: Tracked): DeadlineView {
    return { ...t.deadline.state(), key: t.key, label: labelOf(t), court: t.court };
  }

  private async record(t: Tracked, status: DeadlineStatus): Promise<void> {
    const s = t.deadline.state();
    await this.writes.recordDeadline({
      deadlineKey: t.key, processKind: 'transfer', processId: this.processId, name: t.name, label: labelOf(t),
      court: t.court, dueAt: s.dueAt, provisional: s.provisional, status,
    });
  }

  private async escalate(t: Tracked): Promise<void> {
    const view = this.view(t);
    await this.record(t, 'overdue');
    const message = `${view.label}已于${view.dueAt}届满，${t.court ?? ''}尚未完成，已报执行指挥中心 (deadline ${t.name} passed unmet; escalated)`;
    await this.writes.recordEscalation({
      escalationKey: `${t.key}:overdue`, deadlineKey: t.key, processKind: 'transfer', processId: this.processId,
      court: t.court, kind: 'overdue', message,
    });
    await this.hooks.onOverdue(view);
  }

  /**
   * Opens a deadline; a name may open again (each supplementation request has its own). `from` is
   * the legal date of the act its article names (`periodLaw[name].runsFrom`: served, received,
   * ruled, …); without it the period runs from now (runs recorded before legal dates). Returns its
   * due instant (CST ISO), also when it had already passed and lapsed on opening.
   */
  async open(name: TransferDeadlineName, court: string | undefined, from?: LegalMoment, period?: Period, label?: string): Promise<string> {
    const nowMs = Date.now();
    // A period the profile does not name (the claims period the court fixed) runs from the date given
    // as a plain start: the law's event is the caller's to choose (the claims period reopened after an
    // overturned dismissal runs from the appeal ruling's date, ./dismissal).
    const law = (periodLaw as Partial<Record<PeriodName, { runsFrom: LegalEvent }>>)[lawOf(name)];
    const start = from === undefined ? undefined : resolveLegalMoment(from, law?.runsFrom ?? 'from');
    // Under the statutory clock a period from a bare date starts counting the next day (民事诉讼法 art. 85:
    // 期间开始的时和日，不计算在期间内); the profile's periods do this in dueFrom.
    const nextDay = start && !law && start.instantMs === undefined && this.profile.clock.mode === 'statutory' ? DAY_MS : 0;
    const startMs = start ? legalStartMs(this.profile, start, nowMs) + nextDay : nowMs;
    const calendars = await this.calendars(startMs);
    const legal = start && law && this.profile.clock.mode === 'statutory' ? { start: from!, excluded: [] as ExcludedSpan[] } : undefined;
    const count = this.tracked.filter((t) => t.name === name).length;
    // The first run's id: keys stay the same across continue-as-new.
    const key = `${this.processId}:${workflowInfo().firstExecutionRunId.slice(0, 8)}:${name}:${count + 1}`;
    const t: Tracked = {
      key, name, court, startMs, calendars, closed: false, ...(legal ? { legal } : {}), ...(period ? { period } : {}), ...(label ? { label } : {}),
    } as Tracked;
    t.deadline = this.deadlineFor(t);
    this.tracked.push(t);
    const { dueAt } = t.deadline.state();
    await this.record(t, 'open');
    this.watch(t);
    if (!partyWindows.has(name) && this.hooks.opensPaused?.(name, court, key)) {
      t.deadline.pause();
      if (t.legal) t.legal.pausedOn = cstDateOf(Date.now());
      await this.record(t, 'paused');
    }
    return dueAt;
  }

  /** The deadline's clock and consequences; `carried` resumes it where the previous run left it. */
  private deadlineFor(t: Tracked, carried?: DeadlineSnapshot): Deadline {
    const { key, name, court, startMs, calendars, legal } = t;
    const lapse = this.hooks.onLapse?.[name];
    // From a legal date (statutory clock): what does not count is left out in whole days (t.legal.excluded).
    const dueOf = (pausedMs: number): Due => legal
      ? dueFrom(this.profile, lawOf(name), { [periodLaw[lawOf(name)].runsFrom]: legal.start } as LegalStart<PeriodName>, calendars, legal.excluded)
      : dueAfterPause(this.profile, periodOf(t), startMs, pausedMs, calendars);
    return new Deadline({
      name,
      due: legal ? dueOf(0) : dueFor(this.profile, periodOf(t), startMs, calendars),
      reschedule: dueOf,
      reminderLeadsMs: lapse ? [] : this.profile.deadlineReminders.map((lead) => leadTime(this.profile, lead)),
      onRemind: async (state, leadMs) => {
        await this.writes.recordEscalation({
          escalationKey: `${key}:remind:${leadMs}`, deadlineKey: key, processKind: 'transfer', processId: this.processId,
          court, kind: 'reminder', message: `${labelOf(t)}将于${state.dueAt}届满 (due soon)`,
        });
      },
      onDue: async () => {
        if (!lapse) return this.escalate(t);
        // A period that simply ends (replies close) is not anyone's overdue act.
        t.closed = true;
        await this.record(t, 'met');
        await lapse(key);
      },
    }, startMs, carried);
  }

  private watch(t: Tracked): void {
    this.running.push(t.deadline.run().then(
      (outcome) => { t.outcome = outcome; },
      (err: unknown) => this.hooks.onFailure(err),
    ));
  }

  /** For continue-as-new: every deadline opened so far (call at a quiet point). */
  snapshot(): TransferDeadlinesSnapshot {
    return this.tracked.map(({ deadline, ...t }) => ({ ...t, deadline: deadline.snapshot() }));
  }

  /** Takes over the previous run's deadlines; those still running wait for what is left of them. Writes nothing. */
  restore(carried: TransferDeadlinesSnapshot): void {
    for (const c of carried) {
      const t: Tracked = { ...c } as unknown as Tracked;
      t.deadline = this.deadlineFor(t, c.deadline);
      this.tracked.push(t);
      if (!t.closed && t.deadline.running()) this.watch(t);
    }
  }

  private latest(name: TransferDeadlineName): Tracked | undefined {
    return [...this.tracked].reverse().find((t) => t.name === name && !t.closed && !t.deadline.state().completed);
  }

  /** The due instant (CST ISO) of the deadline with that key, open or not. */
  dueAtOf(key: string): string | undefined {
    return this.tracked.find((t) => t.key === key)?.deadline.state().dueAt;
  }

  /** Whether the deadline with that key is still running (neither met, lapsed nor cancelled). */
  isOpenKey(key: string): boolean {
    return this.tracked.some((t) => t.key === key && !t.closed && !t.deadline.state().completed);
  }

  isOpen(name: TransferDeadlineName): boolean {
    return this.latest(name) !== undefined;
  }

  /** The key of the deadline of that name opened last (a late consent request's own). */
  latestKey(name: TransferDeadlineName): string | undefined {
    return [...this.tracked].reverse().find((t) => t.name === name)?.key;
  }

  /** Closes one deadline by its key as met (a late consent request when the transfer is decided). */
  async completeKey(key: string): Promise<void> {
    const t = this.tracked.find((k) => k.key === key && !k.closed && !k.deadline.state().completed);
    if (!t) return;
    t.deadline.complete();
    await this.record(t, 'met');
  }

  /**
   * The act was done: the deadline is met (or, when it had escalated, done late). With `doneOn`, the
   * act's legal date (issue 13), the act's own date decides: done by the due day is met, however
   * late it was recorded; after it, late.
   */
  async complete(name: TransferDeadlineName, doneOn?: LegalMoment): Promise<void> {
    const t = this.latest(name);
    if (!t) return;
    const s = t.deadline.state();
    const late = doneOn === undefined ? s.overdue : !doneInTime(resolveLegalMoment(doneOn, 'doneOn'), Date.parse(s.dueAt));
    t.deadline.complete();
    await this.record(t, late ? 'overdue' : 'met');
  }

  /** Stops the deadline's clock; `on` is the legal date from which time stops counting (default today, CST). */
  async pause(name: TransferDeadlineName, on?: string): Promise<void> {
    const t = this.latest(name);
    if (!t) return;
    t.deadline.pause();
    if (t.legal) t.legal.pausedOn = on ?? cstDateOf(Date.now());
    await this.record(t, 'paused');
  }

  /**
   * The clock runs again. A deadline opened from a legal date leaves out the whole days from the
   * pause's date to `on` (GO art. 11: the supplementation period does not count; in days, art. 85);
   * one opened from the moment of recording shifts by the elapsed pause.
   */
  async resume(name: TransferDeadlineName, on?: string): Promise<void> {
    const t = this.latest(name);
    if (!t) return;
    this.exclude(t, on);
    t.deadline.resume();
    await this.record(t, t.deadline.state().overdue ? 'overdue' : 'open');
  }

  private exclude(t: Tracked, on: string | undefined): void {
    if (!t.legal?.pausedOn) return;
    t.legal.excluded.push({ from: t.legal.pausedOn, to: on ?? cstDateOf(Date.now()) });
    t.legal.pausedOn = undefined;
  }

  /**
   * A supervisor suspended the process: the running deadlines of `court` stop (every one, when no
   * court is named), except the parties' own windows, which no court's suspension stops (consent
   * reply, appeal). Returns the keys it paused.
   */
  async pauseAll(court?: string): Promise<string[]> {
    const paused: string[] = [];
    for (const t of this.tracked) {
      const s = t.deadline.state();
      if (t.closed || s.completed || s.paused) continue;
      if (court !== undefined && (t.court !== court || partyWindows.has(t.name))) continue;
      t.deadline.pause();
      if (t.legal) t.legal.pausedOn = cstDateOf(Date.now());
      paused.push(t.key);
      await this.record(t, 'paused');
    }
    return paused;
  }

  /** The suspension ended: the deadlines it paused run on (others stay as they were). */
  async resumeKeys(keys: string[]): Promise<void> {
    for (const t of this.tracked.filter((k) => keys.includes(k.key) && !k.closed && !k.deadline.state().completed)) {
      this.exclude(t, undefined);
      t.deadline.resume();
      await this.record(t, t.deadline.state().overdue ? 'overdue' : 'open');
    }
  }

  /** The act this deadline waited for no longer applies (a dismissal after acceptance ends the hand-over): closed as cancelled. */
  async cancel(name: TransferDeadlineName): Promise<void> {
    const t = this.latest(name);
    if (!t) return;
    t.closed = true;
    t.deadline.complete();
    await this.record(t, 'cancelled');
  }

  /** The process ended: what is still open no longer applies. */
  async cancelAll(): Promise<void> {
    for (const t of this.tracked) {
      if (t.closed || t.deadline.state().completed) continue;
      t.closed = true;
      t.deadline.complete();
      await this.record(t, 'cancelled');
    }
    await Promise.all(this.running);
  }

  /** Deadlines still running (overdue ones included), with the clock's view of each. */
  openViews(): DeadlineView[] {
    return this.tracked.filter((t) => !t.closed && !t.deadline.state().completed).map((t) => this.view(t));
  }

  anyOverdue(): boolean {
    return this.openViews().some((v) => v.overdue);
  }

  nextDueAt(): string | undefined {
    return this.openViews().filter((v) => !v.paused).map((v) => v.dueAt).sort()[0];
  }
}
