// Statutory period arithmetic (期间), Civil Procedure Law (民事诉讼法) art. 85.
//
// Convention: a due instant is the LAST instant at which the act is still in time. A period in
// days, months or years ends at 24:00 CST of its last day, represented as 23:59:59.999 CST of
// that day, so `cstDateOf(dueMs)` is the last day a person sees. An act at instant t is timely
// iff t <= dueMs.
import { workingDayOnOrAfter, type CalendarYear } from './calendar';
import {
  HOUR_MS, addDays, cstDateOf, daysBetween, daysInMonth, endOfCstDay, formatDate, parseDate,
} from './cst';

export type PeriodUnit = 'hours' | 'days' | 'months' | 'years';
export type Period = { amount: number; unit: PeriodUnit };
export type Due = { dueMs: number; provisional: boolean };

/**
 * A span that does not count toward a period (GO art. 11: the time the enforcement court takes
 * to supply material does not count toward the receiving court's 30 days), given by its legal
 * dates as CST dates 'YYYY-MM-DD': `from` the day the material was requested, `to` the day it
 * was supplied.
 */
export type ExcludedSpan = { from: string; to: string };

/** A period computed from data that cannot be right (a span that ends before it starts, hours counted in days). */
export class PeriodError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

/**
 * The corresponding day `months` later (Civil Code art. 202): the same day of the final month, or
 * its last day when there is none (31 Jan + 1 month → 28/29 Feb).
 */
export function correspondingDay(dateIso: string, months: number): string {
  const { year, month, day } = parseDate(dateIso);
  const monthIndex = month - 1 + months;
  const endYear = year + Math.floor(monthIndex / 12);
  const endMonth = (monthIndex % 12) + 1;
  return formatDate({ year: endYear, month: endMonth, day: Math.min(day, daysInMonth(endYear, endMonth)) });
}

/**
 * The last day of a period in days, months or years whose starting day is `startDate` (CST),
 * before any rest-day extension. Art. 85: the starting day is not counted, so a 10-day period
 * from 11-20 ends on 11-30.
 */
export function nominalLastDay(startDate: string, period: Period): string {
  if (period.unit === 'hours') throw new PeriodError('unit', `以小时计算的期间没有"最后一日" (an hour period has no last day): ${period.amount} hours`);
  if (period.unit === 'days') return addDays(startDate, period.amount);
  return correspondingDay(startDate, period.unit === 'years' ? period.amount * 12 : period.amount);
}

/**
 * When the period runs out before any rest-day extension. Art. 85: the starting hour or day is
 * not counted. Hour periods count from the next full hour even when the start is exactly on the
 * hour (the hour that has begun is the starting hour): 48 hours from 21:00 on 03-04 end at
 * 22:00 on 03-06. Days, months and years end at 24:00 CST of `nominalLastDay`.
 */
export function nominalDue(startMs: number, period: Period): number {
  if (period.unit === 'hours') return (Math.floor(startMs / HOUR_MS) + 1 + period.amount) * HOUR_MS;
  return endOfCstDay(nominalLastDay(cstDateOf(startMs), period));
}

/**
 * Art. 85: when the last day is a rest day, the period ends on the first working day after it.
 * Takes any instant; the result is the end of the first working day on or after its CST date.
 * Provisional when any day examined lies in a year whose holiday notice is not loaded.
 */
export function endOnWorkingDay(instantMs: number, calendars: readonly CalendarYear[]): Due {
  const day = workingDayOnOrAfter(cstDateOf(instantMs), calendars);
  return { dueMs: endOfCstDay(day.date), provisional: day.provisional };
}

/**
 * The due instant of a period started at `startMs`. Hour periods are counted exactly and are
 * not extended over rest days: art. 85's extension speaks of the last DAY, and the 48-hour
 * preservation rulings (民事诉讼法 arts. 103–104) are urgent by design.
 */
export function computeDue(startMs: number, period: Period, calendars: readonly CalendarYear[]): Due {
  return shiftedDue(startMs, period, 0, calendars);
}

/**
 * The due instant when `pausedMs` of elapsed time did not count. Kept for deadlines paused by
 * wall-clock time; a period whose excluded span is known by its legal dates is counted in whole
 * days with `dueExcluding` instead (the law counts days, not milliseconds). The pause shifts the
 * nominal end and the rest-day rule is applied again to the shifted day.
 */
export function shiftedDue(startMs: number, period: Period, pausedMs: number, calendars: readonly CalendarYear[]): Due {
  const shifted = nominalDue(startMs, period) + Math.max(0, pausedMs);
  if (period.unit === 'hours') return { dueMs: shifted, provisional: false };
  return endOnWorkingDay(shifted, calendars);
}

/**
 * The due instant of a period in days, months or years that runs from the legal date `startDate`
 * (CST 'YYYY-MM-DD') with `excluded` spans not counting (GO art. 11; 民诉法解释 art. 512).
 *
 * Excluded time is counted in whole days: a span excludes `to − from` days. The request day is a
 * day of the period (it was running that day); the supply day is where counting resumes, and like
 * the starting day of any period (art. 85) it is not counted itself; the days between do not
 * count. So material requested on 11-12 and supplied on 11-18 excludes 6 days (a 30-day period
 * from 11-02 ends 12-08, not 12-02), and a request answered on the same day excludes nothing: no
 * whole day was taken from the period. Overlapping spans exclude each day once. A span that starts
 * after the period (as lengthened by earlier spans) has ended excludes nothing: a request after the
 * end does not revive the period. The rest-day rule is applied once, to the final last day.
 *
 * Throws PeriodError (field named, Chinese and English) for an hour period, a span before the
 * period's start or a span ending before it starts.
 */
export function dueExcluding(
  startDate: string, period: Period, excluded: readonly ExcludedSpan[], calendars: readonly CalendarYear[],
): Due {
  let lastDay = nominalLastDay(startDate, period);
  let coveredUntil = startDate;
  const spans = [...excluded].sort((a, b) => a.from.localeCompare(b.from));
  spans.forEach((span, index) => {
    if (span.to < span.from) {
      throw new PeriodError(`excluded[${index}].to`, `补充材料之日（${span.to}）早于要求补充之日（${span.from}） (supplied before requested)`);
    }
    if (span.from < startDate) {
      throw new PeriodError(`excluded[${index}].from`, `要求补充之日（${span.from}）早于期间起算之日（${startDate}） (requested before the period began)`);
    }
    if (span.from > lastDay) return;
    const from = span.from > coveredUntil ? span.from : coveredUntil;
    if (span.to > from) lastDay = addDays(lastDay, daysBetween(from, span.to));
    if (span.to > coveredUntil) coveredUntil = span.to;
  });
  const day = workingDayOnOrAfter(lastDay, calendars);
  return { dueMs: endOfCstDay(day.date), provisional: day.provisional };
}

const minDays: Record<PeriodUnit, number> = { hours: 1 / 24, days: 1, months: 28, years: 365 };
const maxDays: Record<PeriodUnit, number> = { hours: 1 / 24, days: 1, months: 31, years: 366 };
const calendarUnits = new Set<PeriodUnit>(['months', 'years']);

function inMonths(period: Period): number {
  return period.unit === 'years' ? period.amount * 12 : period.amount;
}

/**
 * Whether `a` can never last longer than `b`, whatever day it starts: months and years compare
 * exactly (1 year = 12 months), hours against days exactly (1 day = 24 hours), and across the two
 * the longest `a` (31-day months, 366-day years) against the shortest `b`. A period in days is
 * never within one in hours: it ends at 24:00 and moves off rest days (art. 85), which no number of
 * hours bounds — `2 days` for the 48 hours of PP art. 4 lengthened it (issue 13, outside break).
 */
export function neverLonger(a: Period, b: Period): boolean {
  if (a.unit !== 'hours' && b.unit === 'hours') return false;
  const aCalendar = calendarUnits.has(a.unit);
  if (aCalendar && calendarUnits.has(b.unit)) return inMonths(a) <= inMonths(b);
  if (!aCalendar && !calendarUnits.has(b.unit)) return a.amount * maxDays[a.unit] <= b.amount * maxDays[b.unit];
  const longestA = aCalendar ? Math.floor(inMonths(a) / 12) * 366 + (inMonths(a) % 12) * 31 : a.amount * maxDays[a.unit];
  const shortestB = calendarUnits.has(b.unit) ? Math.floor(inMonths(b) / 12) * 365 + (inMonths(b) % 12) * 28 : b.amount * minDays[b.unit];
  return longestA <= shortestB;
}

/**
 * Whether two periods are the same period in the law's counting: the same number of days, or of
 * hours, or of months (1 year = 12 months). Days and hours never match: a period in days ends at
 * 24:00 and moves off rest days, one in hours does neither.
 */
export function samePeriod(a: Period, b: Period): boolean {
  if (calendarUnits.has(a.unit) && calendarUnits.has(b.unit)) return inMonths(a) === inMonths(b);
  return a.unit === b.unit && a.amount === b.amount;
}
