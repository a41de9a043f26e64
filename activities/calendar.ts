// Reads the holiday calendars the statutory clock needs. Workflows call this once per period
// they compute (a read, so retries are harmless) and pass the years into the pure clock. Every
// year asked for is answered: a year whose notice is not loaded comes from the law, provisional.
import type { Pool } from 'pg';
import { calendarYearsBetween } from '../infra/calendar/holidays';
import type { CalendarYear } from '../workflows/clock/calendar';

export type CalendarYearsInput = { fromYear: number; toYear: number };

export function createCalendarActivities({ pool }: { pool: Pick<Pool, 'query'> }) {
  return {
    /** Every year in [fromYear, toYear]: its loaded notice, or the law's holidays marked provisional. */
    async calendarYears({ fromYear, toYear }: CalendarYearsInput): Promise<CalendarYear[]> {
      const result = await pool.query<CalendarYear>(
        `SELECT year, source,
                ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(rest) AS d ORDER BY d) AS rest,
                ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(work) AS d ORDER BY d) AS work
           FROM holiday_calendar
          WHERE year BETWEEN $1 AND $2
          ORDER BY year`,
        [fromYear, toYear],
      );
      return calendarYearsBetween(fromYear, toYear, result.rows);
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
