// The rest-day calendar is data: the statutory holidays of each year follow from the law
// (holiday-law.ts, resolved outside workflow code by infra/calendar/holidays.ts) and the State
// Council's yearly notice (国务院办公厅关于部分节假日安排的通知) moves days around them. This
// file holds only the rules that read that data.
import { addDays, isWeekend } from './cst';
import { FIRST_HOLIDAY_LAW_YEAR, LAST_HOLIDAY_LAW_YEAR, gregorianFestivalDates } from './holiday-law';

/** One year's rest days. Dates are CST calendar dates 'YYYY-MM-DD'. */
export type CalendarYear = {
  year: number;
  /** Where the data comes from: the notice's number and date, or the law it was computed from. */
  source: string;
  /** Days off other than ordinary weekends: statutory holidays and the days swapped to rest. */
  rest: string[];
  /** Weekend days made working days by a swap (调休上班). */
  work: string[];
  /**
   * True when the year's notice is not loaded: `rest` holds the statutory holidays computed from
   * the law (with the substitute weekdays every notice has given so far), `work` is unknown, and
   * every answer about the year is provisional. Absent means a notice (activity results recorded
   * before this field existed are notices too).
   */
  provisional?: boolean;
};

export type RestDayAnswer = { rest: boolean; provisional: boolean };
export type WorkingDay = { date: string; provisional: boolean };

// A rest-day run longer than this means broken calendar data, not a real holiday.
const MAX_REST_RUN_DAYS = 60;

function fixedFestivals(year: number): string[] {
  return year >= FIRST_HOLIDAY_LAW_YEAR && year <= LAST_HOLIDAY_LAW_YEAR ? gregorianFestivalDates(year) : [];
}

/**
 * Whether a date is a rest day (法定休假日, weekends included). A year with a notice is final; a
 * year computed from the law alone is provisional (its 调休 is unknown). A year the caller gave no
 * data for at all is answered by weekends and the festivals with a fixed Gregorian date (元旦,
 * 劳动节, 国庆节), and provisional: lunar festivals need the calendar data.
 */
export function isRestDay(dateIso: string, calendars: readonly CalendarYear[]): RestDayAnswer {
  const year = Number(dateIso.slice(0, 4));
  const calendar = calendars.find((c) => c.year === year);
  if (!calendar) return { rest: isWeekend(dateIso) || fixedFestivals(year).includes(dateIso), provisional: true };
  const provisional = calendar.provisional === true;
  if (calendar.rest.includes(dateIso)) return { rest: true, provisional };
  if (calendar.work.includes(dateIso)) return { rest: false, provisional };
  return { rest: isWeekend(dateIso), provisional };
}

function walkToWorkingDay(dateIso: string, step: 1 | -1, calendars: readonly CalendarYear[]): WorkingDay {
  let day = dateIso;
  let provisional = false;
  for (let examined = 0; examined <= MAX_REST_RUN_DAYS; examined++) {
    const answer = isRestDay(day, calendars);
    provisional ||= answer.provisional;
    if (!answer.rest) return { date: day, provisional };
    day = addDays(day, step);
  }
  throw new Error(`No working day within ${MAX_REST_RUN_DAYS} days of ${dateIso}: check the holiday calendar data`);
}

/** The date itself when it is a working day, else the first working day after it (art. 85's extension). */
export function workingDayOnOrAfter(dateIso: string, calendars: readonly CalendarYear[]): WorkingDay {
  return walkToWorkingDay(dateIso, 1, calendars);
}

/** The date itself when it is a working day, else the last working day before it (a reminder never moves later). */
export function workingDayOnOrBefore(dateIso: string, calendars: readonly CalendarYear[]): WorkingDay {
  return walkToWorkingDay(dateIso, -1, calendars);
}

/**
 * Whether every year from `fromYear` to `toYear` is present and from a published notice: a
 * workflow keeps calendars it read only while this holds, and reads again once a notice may
 * have been loaded.
 */
export function calendarsSettled(years: readonly CalendarYear[], fromYear: number, toYear: number): boolean {
  for (let year = fromYear; year <= toYear; year++) {
    const found = years.find((c) => c.year === year);
    if (!found || found.provisional === true) return false;
  }
  return true;
}
