// Validates a holiday calendar file (one year's State Council notice) before it reaches the
// database: the clock trusts this data to decide when statutory periods end (民事诉讼法 art. 85),
// so a typo must be refused, naming the field, rather than silently move a deadline. A notice only
// arranges days around the statutory holidays; one that makes a holiday a working day, or leaves a
// weekday holiday out, contradicts 《全国年节及纪念日放假办法》 and is refused naming the day.
import { z } from 'zod';
import type { CalendarYear } from '../../workflows/clock/calendar';
import { isRealDate, isWeekend } from '../../workflows/clock/cst';
import { FIRST_HOLIDAY_LAW_YEAR, LAST_HOLIDAY_LAW_YEAR, holidayLawFor } from '../../workflows/clock/holiday-law';
import { statutoryRestDays } from './holidays';

const isoDate = z.string().trim().refine(isRealDate, { message: '应为真实日期，格式 YYYY-MM-DD (must be a real date written YYYY-MM-DD)' });
const yearRange = `须为${FIRST_HOLIDAY_LAW_YEAR}–${LAST_HOLIDAY_LAW_YEAR}之间的年份 (must be a year from ${FIRST_HOLIDAY_LAW_YEAR} to ${LAST_HOLIDAY_LAW_YEAR})`;

type Ctx = z.core.$RefinementCtx<CalendarYear>;

function checkLists(calendar: CalendarYear, ctx: Ctx): void {
  const restDays = new Set(calendar.rest);
  for (const list of ['rest', 'work'] as const) {
    const seen = new Set<string>();
    calendar[list].forEach((date, index) => {
      const path = [list, index];
      if (!date.startsWith(`${calendar.year}-`)) {
        ctx.addIssue({ code: 'custom', path, message: `${date} 不在${calendar.year}年内，每年一个文件 (${date} is not in ${calendar.year}; each year has its own file)` });
      }
      if (seen.has(date)) ctx.addIssue({ code: 'custom', path, message: `${date} 重复列出 (${date} is listed twice)` });
      seen.add(date);
      if (list === 'work' && restDays.has(date)) {
        ctx.addIssue({ code: 'custom', path, message: `${date} 同时列为休息日和上班日 (${date} is listed as both a rest day and a working day)` });
      }
      if (list === 'work' && isRealDate(date) && !isWeekend(date)) {
        ctx.addIssue({ code: 'custom', path, message: `${date} 是周一至周五，只有周末才能调为上班 (${date} is a weekday; only weekend days are swapped into working days, 调休)` });
      }
    });
  }
}

function checkAgainstLaw(calendar: CalendarYear, ctx: Ctx): void {
  // A year out of range is already refused by the field's own rule.
  if (calendar.year < FIRST_HOLIDAY_LAW_YEAR || calendar.year > LAST_HOLIDAY_LAW_YEAR) return;
  const source = holidayLawFor(calendar.year).source;
  const rest = new Set(calendar.rest);
  for (const day of statutoryRestDays(calendar.year).filter((d) => !d.substitute)) {
    const workIndex = calendar.work.indexOf(day.date);
    if (workIndex >= 0) {
      ctx.addIssue({
        code: 'custom', path: ['work', workIndex],
        message: `${day.date}是${day.festival}，依${source}为法定节假日，通知不能调为上班 (${day.date} is a statutory holiday, ${day.festival}; a notice cannot make it a working day)`,
      });
    } else if (!rest.has(day.date) && !isWeekend(day.date)) {
      ctx.addIssue({
        code: 'custom', path: ['rest'],
        message: `缺少${day.date}（${day.festival}），依${source}为法定节假日 (missing ${day.date}, a statutory holiday: ${day.festival})`,
      });
    }
  }
}

export const calendarYearSchema = z
  .strictObject({
    year: z.number().int().min(FIRST_HOLIDAY_LAW_YEAR, yearRange).max(LAST_HOLIDAY_LAW_YEAR, yearRange),
    source: z.string().trim().min(1, { message: '须写明国务院办公厅通知的文号和日期 (must name the State Council notice: its number and date)' }),
    rest: z.array(isoDate).min(1, { message: '须列出当年的放假日，公布的安排总有放假日 (must list the year\'s days off; a published arrangement always has some)' }),
    work: z.array(isoDate),
  })
  .superRefine((calendar, ctx) => {
    checkLists(calendar, ctx);
    checkAgainstLaw(calendar, ctx);
  }) satisfies z.ZodType<CalendarYear>;

/** Human-readable list of what is wrong, one line per field: `work[1]: 2025-10-10 是周一至周五…`. */
export function describeCalendarIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
      return `${field || '(file)'}: ${issue.message}`;
    })
    .join('\n');
}
