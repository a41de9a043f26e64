// The statutory clock as the preservation workflow uses it: due instants from the profile, with
// the holiday calendars fetched by an activity only when the profile counts calendar days.
import { calendarsSettled, type CalendarYear } from '../clock/calendar';
import { cstIso, DAY_MS, HOUR_MS } from '../clock/cst';
import { measureTerm, renewedTerm, type MeasureTerm } from '../clock/measure-term';
import type { Due, Period } from '../clock/periods';
import { dueFor, leadTime, type MeasureKind, type PeriodName, type StatuteProfile } from '../clock/statute-profile';
import type { PreservationWrites } from './writes';

// A measure runs at most 3 years and renewals start at its end: 4 years of calendars cover a term.
const CALENDAR_YEARS_AHEAD = 4;

/** The process's due dates: the holiday calendars are read by an activity only when the profile counts calendar days. */
export class PreservationClock {
  private calendarCache: { fromYear: number; years: CalendarYear[]; readAtMs: number } | undefined;

  constructor(private readonly profile: StatuteProfile, private readonly writes: PreservationWrites) {}

  async dueOf(period: PeriodName | Period, startMs: number): Promise<Due> {
    if (this.profile.clock.mode === 'compressed') return dueFor(this.profile, period, startMs, []);
    return dueFor(this.profile, period, startMs, await this.calendars(startMs));
  }

  /**
   * The due instant of an hour period whose start is known only by its day (a bare `appliedOn`): it
   * runs from 24:00 of that day. 民事诉讼法 art. 85 (DOMAIN.md "Statutory periods": the starting hour
   * and day are not counted; 民诉法解释 art. 125: 以时起算的期间从次时起算；以日、月、年计算的期间从次日起算):
   * with no hour known, the first hour that surely follows the start is the next day's first, so
   * 48 hours from an application accepted on 11-23 end at 24:00 on 11-25 (`…T23:59:59.999+08:00`, the
   * last instant in time, as for periods in days). Not moved off rest days (hours). `dayStartMs`: the
   * day's first instant under this clock (`legalMs` of the date). A period in days counts from the
   * day as `dueOf` does; a compressed clock starts one compressed day later.
   */
  async dueFromDayEnd(period: PeriodName, dayStartMs: number): Promise<Due> {
    const clock = this.profile.clock;
    if (clock.mode === 'compressed') return dueFor(this.profile, period, dayStartMs + clock.msPerDay, []);
    const spec = this.profile.periods[period];
    if (spec.unit !== 'hours') return this.dueOf(period, dayStartMs);
    return { dueMs: dayStartMs + DAY_MS + spec.amount * HOUR_MS - 1, provisional: false };
  }

  /** A measure's term on the registry's date from the day it took effect (../clock/measure-term). */
  async measureTerm(kind: MeasureKind, effectiveMs: number): Promise<MeasureTerm> {
    return measureTerm(this.profile, kind, effectiveMs, await this.termCalendars(effectiveMs));
  }

  /** The next term after a renewal, running on from the day after `previous` ended. */
  async renewedTerm(kind: MeasureKind, previous: Pick<MeasureTerm, 'expiresOn' | 'expiresAtMs'>): Promise<MeasureTerm> {
    return renewedTerm(this.profile, kind, previous, await this.termCalendars(previous.expiresAtMs + 1));
  }

  private async termCalendars(startMs: number): Promise<CalendarYear[]> {
    return this.profile.clock.mode === 'compressed' ? [] : this.calendars(startMs);
  }

  private async calendars(startMs: number): Promise<CalendarYear[]> {
    // As the transfer does: kept while the start falls in the same year and every year was loaded.
    // A measure's term reaches years whose holiday notice is not published yet, so with a year
    // missing (provisional) the read is kept for a day of workflow time: measures recorded together
    // share it, and a calendar loaded later is seen the next day.
    const year = Number(cstIso(startMs).slice(0, 4));
    const nowMs = Date.now();
    const cached = this.calendarCache;
    const complete = cached !== undefined && calendarsSettled(cached.years, year, year + CALENDAR_YEARS_AHEAD);
    if (cached?.fromYear === year && (complete || nowMs - cached.readAtMs < DAY_MS)) return cached.years;
    const years = await this.writes.calendarYears({ fromYear: year, toYear: year + CALENDAR_YEARS_AHEAD });
    this.calendarCache = { fromYear: year, years, readAtMs: nowMs };
    return years;
  }
}

export function renewalLeadMs(profile: StatuteProfile): number {
  return leadTime(profile, profile.renewalLead);
}

/** Reminder leads before a measure expires, the renewal lead last (it escalates, not reminds). */
export function measureLeadsMs(profile: StatuteProfile): number[] {
  const renewal = renewalLeadMs(profile);
  const reminders = profile.measureReminders.map((lead) => leadTime(profile, lead)).filter((ms) => ms !== renewal);
  return [...new Set([...reminders, renewal])];
}

export function deadlineLeadsMs(profile: StatuteProfile): number[] {
  return profile.deadlineReminders.map((lead) => leadTime(profile, lead));
}

/**
 * The watch of one measure term (../clock/measure-term): reminder leads (ms before expiry) on the
 * working days the term names, and the renewal lead ending `renewBy`, which escalates.
 */
export type TermLeads = { leads: number[]; renewal: number };

export function termLeads(term: MeasureTerm): TermLeads {
  const renewal = term.expiresAtMs - term.renewByAtMs;
  const reminders = term.reminders.map((r) => term.expiresAtMs - r.atMs).filter((ms) => ms !== renewal);
  return { leads: [...new Set([...reminders, renewal])], renewal };
}
