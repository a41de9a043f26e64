// The rest-day calendar is data (the State Council publishes each year's holiday arrangement,
// 国务院办公厅关于部分节假日安排的通知), so this file holds only the rule that reads it.
import { isWeekend } from './cst';

/** One year's published arrangement. Dates are CST calendar dates 'YYYY-MM-DD'. */
export type CalendarYear = {
  year: number;
  /** The notice the data comes from: its number and date. */
  source: string;
  /** Days off: statutory holidays and the weekend days folded into them. */
  rest: string[];
  /** Weekend days made working days by a swap (调休上班). */
  work: string[];
};

export type RestDayAnswer = { rest: boolean; provisional: boolean };

/**
 * Whether a date is a rest day (法定休假日, weekends included). A year with no calendar loaded
 * is answered by the weekend rule alone and flagged provisional, so a deadline running into an
 * unpublished year is visibly uncertain instead of silently wrong.
 */
export function isRestDay(dateIso: string, calendars: readonly CalendarYear[]): RestDayAnswer {
  const year = Number(dateIso.slice(0, 4));
  const calendar = calendars.find((c) => c.year === year);
  if (!calendar) return { rest: isWeekend(dateIso), provisional: true };
  if (calendar.rest.includes(dateIso)) return { rest: true, provisional: false };
  if (calendar.work.includes(dateIso)) return { rest: false, provisional: false };
  return { rest: isWeekend(dateIso), provisional: false };
}
