// Validates a holiday calendar file (one year's State Council notice) before it reaches the
// database: the clock trusts this data to decide when statutory periods end (民事诉讼法 art. 85),
// so a typo must be refused, naming the field, rather than silently move a deadline. A notice only
// arranges days around the statutory holidays; one that makes a holiday a working day, or leaves a
// weekday holiday out, contradicts 《全国年节及纪念日放假办法》 and is refused naming the day.
import { z } from 'zod';
import type { CalendarYear } from '../../workflows/clock/calendar';
import { addDays, isRealDate, isWeekend } from '../../workflows/clock/cst';
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

const weekdayNames = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const weekdayOf = (date: string) => weekdayNames[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

/**
 * 《全国年节及纪念日放假办法》 art. 6: a festival day falling on a Saturday or Sunday (or on another
 * festival's day) is made up on a working day (应当在工作日补假). A notice owes one weekday off for
 * each such day; the law does not say which weekday, so the days are not matched one by one:
 *
 * - per festival, the run of days off around it (the festival's days and the rest or weekend days
 *   next to them) must hold at least as many weekdays off beyond the festival days as it owes —
 *   every notice gives the substitute inside that run; one with none is refused naming the
 *   weekend festival days left without it;
 * - for the year, the weekdays off beyond the festival days, less the weekend days swapped into
 *   work (each swap, 调休, gives one weekday off for one weekend day worked), must be at least the
 *   days owed: a run whose extra weekdays are all swaps has no substitute in it.
 *
 * Issues are on `rest`, in Chinese naming the dates, then English.
 */
function checkSubstitutes(calendar: CalendarYear, ctx: Ctx): void {
  if (calendar.year < FIRST_HOLIDAY_LAW_YEAR || calendar.year > LAST_HOLIDAY_LAW_YEAR) return;
  const source = holidayLawFor(calendar.year).source;
  const law = statutoryRestDays(calendar.year);
  const festivalDates = new Set(law.filter((d) => !d.substitute).map((d) => d.date));
  const off = new Set([...calendar.rest, ...festivalDates]);
  const isOff = (date: string) => off.has(date) || (isWeekend(date) && !calendar.work.includes(date));
  const extraWeekday = (date: string) => off.has(date) && !isWeekend(date) && !festivalDates.has(date);
  const owedDays: string[] = [];
  let owedTotal = 0;
  for (const festival of new Set(law.map((d) => d.festival))) {
    const owed = law.filter((d) => d.festival === festival && d.substitute).length;
    if (owed === 0) continue;
    owedTotal += owed;
    const days = law.filter((d) => d.festival === festival && !d.substitute).map((d) => d.date);
    // Weekend festival days, and a festival day shared with another festival (中秋 on 国庆).
    const owing = days.filter((d) => isWeekend(d) || law.some((o) => o.date === d && o.festival !== festival && !o.substitute));
    owedDays.push(...owing.map((d) => `${d}（${festival}，${weekdayOf(d)}）`));
    let first = days[0]!;
    let last = days[days.length - 1]!;
    while (isOff(addDays(first, -1)) && addDays(first, -1).startsWith(`${calendar.year}-`)) first = addDays(first, -1);
    while (isOff(addDays(last, 1)) && addDays(last, 1).startsWith(`${calendar.year}-`)) last = addDays(last, 1);
    let given = 0;
    for (let d = first; d <= last; d = addDays(d, 1)) if (extraWeekday(d)) given++;
    if (given < owed) {
      ctx.addIssue({
        code: 'custom', path: ['rest'],
        message: `${owing.map((d) => `${d}（${festival}，${weekdayOf(d)}）`).join('、')}适逢休息日，依${source}第六条应当在工作日补假，`
          + `通知在${first}至${last}的假期中未安排补假日（应补${owed}日，只有${given}日） `
          + `(festival day(s) ${owing.join(', ')} fall on a weekend; art. 6 owes ${owed} weekday(s) off, the notice gives ${given} around ${festival})`,
      });
      return;
    }
  }
  const extra = [...off].filter(extraWeekday).length;
  const swapped = calendar.work.filter((d) => isWeekend(d)).length;
  if (extra - swapped < owedTotal) {
    ctx.addIssue({
      code: 'custom', path: ['rest'],
      message: `补假不足：${owedDays.join('、')}适逢休息日，依${source}第六条应当在工作日补假共${owedTotal}日；通知所列工作日放假${extra}日，`
        + `扣除调休上班${swapped}日后只有${extra - swapped}日 (art. 6 owes ${owedTotal} weekday(s) off for festival days on weekends; `
        + `the notice gives ${extra} weekday(s) off beyond the festival days, ${swapped} of them swaps for weekend work)`,
    });
  }
  // Nor more: a notice moves days off (调休) and makes up weekend festival days; it creates none. A
  // weekday off beyond both is a typing slip that would stop every period on it (an outside break
  // loaded a whole July off).
  if (extra - swapped > owedTotal) {
    // Named first: the weekdays off that are neither a festival's made-up day by the law nor next to a festival.
    const lawSubstitutes = new Set(law.filter((d) => d.substitute).map((d) => d.date));
    const unexplained = [...off].filter((d) => extraWeekday(d) && !lawSubstitutes.has(d)).sort();
    ctx.addIssue({
      code: 'custom', path: ['rest'],
      message: `放假日过多：通知所列工作日放假${extra}日（${unexplained.slice(0, 10).join('、')}${unexplained.length > 10 ? '等' : ''}），`
        + `应等于补假${owedTotal}日加调休上班${swapped}日；通知只能调休和补假，不能另增假日 `
        + `(the notice gives ${extra} weekday(s) off beyond the festival days, but only ${owedTotal} made-up day(s) and ${swapped} swap(s) for weekend work explain them)`,
    });
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
    checkSubstitutes(calendar, ctx);
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
