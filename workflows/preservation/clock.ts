// The statutory clock as the preservation workflow uses it: due instants from the profile, with
// the holiday calendars fetched by an activity only when the profile counts calendar days.
import type { Due, Period } from '../clock/periods';
import { dueFor, leadTime, type PeriodName, type StatuteProfile } from '../clock/statute-profile';
import type { PreservationMeasureKind } from '../../api/schemas/preservation';
import { writes } from './writes';

// A measure runs at most 3 years and renewals start at its end: 4 years of calendars cover a term.
const CALENDAR_YEARS_AHEAD = 4;

export async function dueOf(profile: StatuteProfile, period: PeriodName | Period, startMs: number): Promise<Due> {
  if (profile.clock.mode === 'compressed') return dueFor(profile, period, startMs, []);
  const year = new Date(startMs).getUTCFullYear();
  const calendars = await writes().calendarYears({ fromYear: year, toYear: year + CALENDAR_YEARS_AHEAD });
  return dueFor(profile, period, startMs, calendars);
}

/** The end of a measure's term started at `startMs` (民诉法解释 art. 485). */
export function measureTermDue(profile: StatuteProfile, kind: PreservationMeasureKind, startMs: number): Promise<Due> {
  return dueOf(profile, profile.measureLifetime[kind], startMs);
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
