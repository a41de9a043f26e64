// Statutory period arithmetic (期间), Civil Procedure Law (民事诉讼法) art. 85.
//
// Convention: a due instant is the LAST instant at which the act is still in time. A period in
// days, months or years ends at 24:00 CST of its last day, represented as 23:59:59.999 CST of
// that day, so `cstDateOf(dueMs)` is the last day a person sees. An act at instant t is timely
// iff t <= dueMs.
import { isRestDay, type CalendarYear } from './calendar';
import {
  HOUR_MS, addDays, cstDateOf, daysInMonth, endOfCstDay, formatDate, parseDate,
} from './cst';

export type PeriodUnit = 'hours' | 'days' | 'months' | 'years';
export type Period = { amount: number; unit: PeriodUnit };
export type Due = { dueMs: number; provisional: boolean };

// A rest-day run longer than this means broken calendar data, not a real holiday.
const MAX_REST_RUN_DAYS = 60;

/**
 * When the period runs out before any rest-day extension. Art. 85: the starting hour or day is
 * not counted, so day counting begins the day after the start and hour counting at the next
 * full hour (an instant exactly on the hour starts a full hour, so it is not rounded).
 * Months and years end on the corresponding day of the final month, or its last day when
 * there is none (Civil Code art. 202: 31 Jan + 1 month ends 28/29 Feb).
 */
export function nominalDue(startMs: number, period: Period): number {
  if (period.unit === 'hours') return Math.ceil(startMs / HOUR_MS) * HOUR_MS + period.amount * HOUR_MS;
  const startDate = cstDateOf(startMs);
  if (period.unit === 'days') return endOfCstDay(addDays(startDate, period.amount));
  const months = period.unit === 'years' ? period.amount * 12 : period.amount;
  const { year, month, day } = parseDate(startDate);
  const monthIndex = month - 1 + months;
  const endYear = year + Math.floor(monthIndex / 12);
  const endMonth = (monthIndex % 12) + 1;
  return endOfCstDay(formatDate({ year: endYear, month: endMonth, day: Math.min(day, daysInMonth(endYear, endMonth)) }));
}

/**
 * Art. 85: when the last day is a rest day, the period ends on the first working day after it.
 * Takes any instant; the result is the end of the first working day on or after its CST date.
 * Provisional when any day examined lies in a year with no calendar loaded.
 */
export function endOnWorkingDay(instantMs: number, calendars: readonly CalendarYear[]): Due {
  let day = cstDateOf(instantMs);
  let provisional = false;
  for (let examined = 0; examined <= MAX_REST_RUN_DAYS; examined++) {
    const answer = isRestDay(day, calendars);
    provisional ||= answer.provisional;
    if (!answer.rest) return { dueMs: endOfCstDay(day), provisional };
    day = addDays(day, 1);
  }
  throw new Error(`No working day within ${MAX_REST_RUN_DAYS} days after ${cstDateOf(instantMs)}: check the holiday calendar data`);
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
 * The due instant when `pausedMs` of the period did not count (e.g. GO art. 11: supplementing
 * material does not count toward the 30-day review). The pause shifts the nominal end, not the
 * already-extended one, and the rest-day rule is applied again to the shifted day, so a pause
 * never shortens the deadline and it still never ends on a rest day.
 */
export function shiftedDue(startMs: number, period: Period, pausedMs: number, calendars: readonly CalendarYear[]): Due {
  const shifted = nominalDue(startMs, period) + Math.max(0, pausedMs);
  if (period.unit === 'hours') return { dueMs: shifted, provisional: false };
  return endOnWorkingDay(shifted, calendars);
}
