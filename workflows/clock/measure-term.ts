// A preservation or enforcement measure's term on the registry's own date (issue 14).
//
// Convention: the registry counts the day the measure takes effect as the first day of its term.
// Freeze and seizure notices (协助执行通知书) state the term as "自2024年10月1日起至2025年9月30日止",
// and banks and registries release the measure by themselves at the end of that last day
// (民诉法解释 art. 485; PP art. 18 requires the court to tell the applicant that exact end date).
// Art. 85's rules for procedural periods (starting day not counted, a last day on a rest day
// moved to the next working day) are not applied: the bank lets the measure go on its date
// whatever the calendar says, and the engine must never show a measure alive after the registry
// has released it. Counting the start day is art. 202's count (which leaves it out) ended one
// day sooner: the day before the corresponding day. Where that day does not exist (a start on
// 29 February, or the 31st into a 30-day month) the corresponding day is the month's last and the
// term ends the day before it, a day earlier than some registries would write, never later.
// What moves is only what the court does before the end: the renewal deadline and reminders move
// EARLIER to a working day, never later.
import { workingDayOnOrBefore, type CalendarYear } from './calendar';
import { addDays, cstDateOf, endOfCstDay, startOfCstDay } from './cst';
import { instantOf, resolveLegalMoment, type LegalMoment } from './legal-time';
import { PeriodError, correspondingDay, neverLonger, type Period } from './periods';
import {
  compressedLength, leadTime, type LeadSpec, type MeasureKind, type StatuteProfile,
} from './statute-profile';

export type MeasureReminder = { lead: LeadSpec; on: string; atMs: number };

export type MeasureTerm = {
  /** First day of the term (counted), CST. */
  effectiveOn: string;
  /** Last day the measure holds at the registry, CST; it lapses at its end. */
  expiresOn: string;
  /** 23:59:59.999 CST of `expiresOn` (compressed clocks: the exact instant). */
  expiresAtMs: number;
  /** The renewal lead's date (PP art. 18: seven days before the end), before any move. */
  leadOn: string;
  /** Last day to apply for renewal: `leadOn`, or the last working day before it. */
  renewBy: string;
  /** End of `renewBy` (compressed clocks: `expiresAtMs` less the lead). */
  renewByAtMs: number;
  /** Reminders to the applicant, earliest first, each on a working day (00:00 CST of it). */
  reminders: MeasureReminder[];
  /** A date above lies in a year whose holiday notice is not loaded. */
  provisional: boolean;
};

function leadDays(lead: LeadSpec): number {
  return lead.unit === 'days' ? lead.amount : Math.ceil(lead.amount / 24);
}

/**
 * The registry's last day of a term starting (counted) on `effectiveOn`: for days, effective +
 * n − 1; for months and years, the day before the corresponding day (Civil Code art. 202).
 */
export function registryLastDay(effectiveOn: string, term: Period): string {
  if (term.unit === 'hours') throw new PeriodError('term', `保全期限不以小时计算 (a measure's term is not counted in hours)`);
  if (term.unit === 'days') return addDays(effectiveOn, term.amount - 1);
  return addDays(correspondingDay(effectiveOn, term.unit === 'years' ? term.amount * 12 : term.amount), -1);
}

/**
 * Expiry, renewal deadline and reminders of a measure of `kind` that took effect on `effective`
 * (the registry's date: for a queued seizure, the day it moved up, 查封扣押冻结规定 art. 26),
 * for `term` (default: the kind's maximum under 民诉法解释 art. 485 as the profile sets it).
 *
 * Statutory clock: CST dates as the registry counts them (see the file's comment); the expiry is
 * never moved by the rest-day rule; `renewBy` and reminders fall on working days on or before
 * their lead dates. Compressed clocks: elapsed time from the effective instant.
 *
 * Throws PeriodError (`term`) when the term is longer than the kind's maximum or counted in hours,
 * and (`effective`) when the date cannot be read.
 */
export function measureTerm(
  profile: StatuteProfile, kind: MeasureKind, effective: LegalMoment, calendars: readonly CalendarYear[], term?: Period,
): MeasureTerm {
  const maximum = profile.measureLifetime[kind];
  const length = term ?? maximum;
  if (!neverLonger(length, maximum)) {
    throw new PeriodError('term', `保全期限${length.amount} ${length.unit}超过上限：${maximum.article} (term longer than the maximum of ${maximum.amount} ${maximum.unit})`);
  }
  const start = resolveLegalMoment(effective, 'effective');
  if (profile.clock.mode === 'compressed') {
    const expiresAtMs = instantOf(start) + compressedLength(profile.clock.msPerDay, length);
    const before = (lead: LeadSpec) => expiresAtMs - leadTime(profile, lead);
    return {
      effectiveOn: start.date, expiresOn: cstDateOf(expiresAtMs), expiresAtMs,
      leadOn: cstDateOf(before(profile.renewalLead)), renewBy: cstDateOf(before(profile.renewalLead)), renewByAtMs: before(profile.renewalLead),
      reminders: profile.measureReminders.map((lead) => ({ lead, on: cstDateOf(before(lead)), atMs: before(lead) })).sort((a, b) => a.atMs - b.atMs),
      provisional: false,
    };
  }
  const expiresOn = registryLastDay(start.date, length);
  const leadOn = addDays(expiresOn, -leadDays(profile.renewalLead));
  const renewBy = workingDayOnOrBefore(leadOn, calendars);
  const reminders = profile.measureReminders.map((lead) => ({ lead, day: workingDayOnOrBefore(addDays(expiresOn, -leadDays(lead)), calendars) }));
  return {
    effectiveOn: start.date,
    expiresOn,
    expiresAtMs: endOfCstDay(expiresOn),
    leadOn,
    renewBy: renewBy.date,
    renewByAtMs: endOfCstDay(renewBy.date),
    reminders: reminders.map(({ lead, day }) => ({ lead, on: day.date, atMs: startOfCstDay(day.date) })).sort((a, b) => a.atMs - b.atMs),
    provisional: renewBy.provisional || reminders.some((r) => r.day.provisional),
  };
}

/**
 * The term after a renewal (续行): it runs on from the day after the old expiry, for `term` or the
 * kind's maximum again (民诉法解释 art. 485), so renewing moves the expiry from the old end, not
 * from the day the renewal was granted.
 */
export function renewedTerm(
  profile: StatuteProfile, kind: MeasureKind, previous: Pick<MeasureTerm, 'expiresOn' | 'expiresAtMs'>,
  calendars: readonly CalendarYear[], term?: Period,
): MeasureTerm {
  // Compressed clocks count elapsed time: the next term runs from the old end's instant, so each
  // renewal adds exactly one term (a day-count renewal starts on the day after the old last day).
  const from = profile.clock.mode === 'compressed' ? previous.expiresAtMs : addDays(previous.expiresOn, 1);
  return measureTerm(profile, kind, from, calendars, term);
}

