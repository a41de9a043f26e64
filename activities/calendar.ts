// Reads the holiday calendars the statutory clock needs. Workflows call this once per period
// they compute (a read, so retries are harmless) and pass the years into the pure clock.
import type { Pool } from 'pg';
import type { CalendarYear } from '../workflows/clock/calendar';

export type CalendarYearsInput = { fromYear: number; toYear: number };

export function createCalendarActivities({ pool }: { pool: Pick<Pool, 'query'> }) {
  return {
    /** Years in [fromYear, toYear] that are loaded; a missing year makes the clock provisional. */
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
      return result.rows;
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
