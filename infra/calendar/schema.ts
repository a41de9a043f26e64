// Validates a holiday calendar file before it reaches the database: the clock trusts this data
// to decide when statutory periods end (民事诉讼法 art. 85), so a typo must be refused, naming
// the field, rather than silently move a deadline.
import { z } from 'zod';
import type { CalendarYear } from '../../workflows/clock/calendar';
import { isRealDate, isWeekend } from '../../workflows/clock/cst';

const isoDate = z.string().refine(isRealDate, { message: 'must be a real date written YYYY-MM-DD' });

export const calendarYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    source: z.string().trim().min(1, { message: "must name the State Council notice (its number and date)" }),
    rest: z.array(isoDate).min(1, { message: 'must list the year\'s holidays; a published arrangement always has some' }),
    work: z.array(isoDate),
  })
  .superRefine((calendar, ctx) => {
    const restDays = new Set(calendar.rest);
    for (const list of ['rest', 'work'] as const) {
      const seen = new Set<string>();
      calendar[list].forEach((date, index) => {
        const path = [list, index];
        if (!date.startsWith(`${calendar.year}-`)) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${calendar.year}; each year has its own file` });
        }
        if (seen.has(date)) ctx.addIssue({ code: 'custom', path, message: `${date} is listed twice` });
        seen.add(date);
        if (list === 'work' && restDays.has(date)) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is listed as both a rest day and a working day` });
        }
        if (list === 'work' && isRealDate(date) && !isWeekend(date)) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is a weekday; only weekend days are swapped into working days (调休)` });
        }
      });
    }
  }) satisfies z.ZodType<CalendarYear>;

/** Human-readable list of what is wrong, one line per field: `work[1]: 2025-10-10 is a weekday…`. */
export function describeCalendarIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
      return `${field || '(file)'}: ${issue.message}`;
    })
    .join('\n');
}
