// The legal date of an act as the API reads it: when the act happened (served, received, filed,
// posted, taken, applied, ruled, conducted, occurred), given by the person recording it. Every
// period runs from these dates, never from the moment of recording (README "Statutory clock").
import { z } from '@hono/zod-openapi';
import { checkLegalDate } from '../../workflows/clock/legal-time';
import { cstDateOf, daysBetween } from '../../workflows/clock/cst';
import { PeriodError } from '../../workflows/clock/periods';
import { dateRange, legalDate, legalInstantNamed } from './bounds';

// The door refuses what no process could accept: malformed, in the future, before the first day a
// court record can carry (bounds.ts). The back-dating window and "not before the act it follows"
// depend on the profile and the process's own dates, so the workflow's validator checks them with
// the same function.

const strictInstant = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/u;

/**
 * Adds an issue, worded by the clock's checkLegalDate (Chinese naming `label`, then English), when
 * `value` is malformed, after today (a date, CST) or after now (an instant), or before
 * `dateRange.first`.
 */
function checkAtDoor(label: string, value: string, ctx: z.RefinementCtx): void {
  // The clock reads any instant Date.parse reads, and Date.parse reads hour 24 as the next day's 00
  // and offsets to ±23:59; a clerk's "24:00" or "+23:59" is a slip, not a time (outside break).
  if (value.includes('T') && !strictInstant.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${label}：时间应在00:00至23:59之间，时区在-12:00至+14:00之间，如2026-11-20T09:30+08:00 `
      + `(an instant with hour 00–23 and an offset within ±14:00; got ${JSON.stringify(value)})` });
    return;
  }
  // Before the first day a court record can carry, the back-dating count would read "28186日内".
  if (/^\d{4}-\d{2}-\d{2}/u.test(value) && value.slice(0, 10) < dateRange.first) {
    ctx.addIssue({ code: 'custom', message: `${label}：${value.slice(0, 10)}早于${dateRange.first}，不是可记录的日期 (before ${dateRange.first})` });
    return;
  }
  try {
    const nowMs = Date.now();
    checkLegalDate(label, value, { nowMs, maxBackdatingDays: daysBetween(dateRange.first, cstDateOf(nowMs)) });
  } catch (err) {
    if (!(err instanceof PeriodError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.message });
  }
}

/**
 * The future check alone, for a value its schema has already read as a date or instant within
 * `dateRange` (a value that failed there is not refused a second time). An instant is checked in
 * its UTC spelling: zod's ISO reading accepts fractions the clock's pattern does not.
 */
function refuseFuture(label: string, value: string, ctx: z.RefinementCtx): void {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || value < dateRange.first || cstDateOf(ms) < dateRange.first) return;
  checkAtDoor(label, value.length === 10 ? value : new Date(ms).toISOString(), ctx);
}

/**
 * A legal date: a CST calendar date 'YYYY-MM-DD', or an instant with its offset
 * ('2026-11-20T09:30+08:00') when the hour matters (hour periods). Optional in every act: left
 * out, it is the moment of recording (CST). Refused, naming the field in Chinese, when it is
 * neither, or in the future.
 */
/**
 * A date as a clerk types it: full-width digits and dashes (a Chinese input method) folded to
 * half-width and blanks around it dropped, before it is read (issue 13, outside break: `２０２６-１１-２０`
 * and ` 2026-11-20 ` were refused as malformed).
 */
const typedDate = () => z.string().overwrite((value) => value.normalize('NFKC').trim());

export function legalDateSchema(label: string) {
  return typedDate().superRefine((value, ctx) => checkAtDoor(label, value, ctx)).openapi({
    example: '2026-11-20',
    description: `${label}：日期 YYYY-MM-DD（中国时间），或带时区的时间 YYYY-MM-DDTHH:mm+08:00；不填为记录时 `
      + '(the legal date of the act, CST; defaults to the moment of recording)',
  });
}

/**
 * A legal date that is a day only (CST 'YYYY-MM-DD', typed as `legalDateSchema` reads it): for acts
 * the law dates by the day (a renewal applied for, an answer received). Refused, naming the field in
 * Chinese, when it is not a real date, or after today.
 */
export function legalDaySchema(label: string) {
  return typedDate().superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${label}：应为日期（按“年-月-日”填写，如2026-11-20） (a CST date YYYY-MM-DD; got ${JSON.stringify(value)})` });
      return;
    }
    checkAtDoor(label, value, ctx);
  }).openapi({ example: '2026-11-20', description: `${label}：日期 YYYY-MM-DD（中国时间）；不填为今天 (a CST date; defaults to today)` });
}

/**
 * A calendar date (YYYY-MM-DD, CST, within `dateRange`) of something already done — an
 * investigation conducted, a case filed or closed, a ruling made. Today is allowed; a later day is
 * refused naming `label` (422). Deadlines and planned dates use `legalDate` (bounds.ts) instead.
 */
export function pastLegalDate(label: string) {
  return legalDate.superRefine((value, ctx) => refuseFuture(label, value, ctx));
}

/**
 * An instant with its offset (ISO 8601, within `dateRange`) of something already done — a seizure,
 * a measure taken, a suit filed, an intervention that occurred. Up to now is allowed; later is
 * refused naming `label` (422).
 */
export function pastLegalInstant(label: string) {
  return legalInstantNamed(label).superRefine((value, ctx) => refuseFuture(label, value, ctx));
}
