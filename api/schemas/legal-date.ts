// The legal date of an act as the API reads it: when the act happened (served, received, filed,
// posted, taken, applied, ruled), given by the person recording it. Every period runs from these
// dates, never from the moment of recording (README "Statutory clock").
import { z } from '@hono/zod-openapi';
import { checkLegalDate } from '../../workflows/clock/legal-time';
import { cstDateOf, daysBetween } from '../../workflows/clock/cst';
import { PeriodError } from '../../workflows/clock/periods';
import { dateRange } from './bounds';

// The door refuses what no process could accept: malformed, in the future, before the first day a
// court record can carry (bounds.ts). The back-dating window and "not before the act it follows"
// depend on the profile and the process's own dates, so the workflow's validator checks them with
// the same function.

/**
 * A legal date: a CST calendar date 'YYYY-MM-DD', or an instant with its offset
 * ('2026-11-20T09:30+08:00') when the hour matters (hour periods). Optional in every act: left
 * out, it is the moment of recording (CST). Refused, naming the field in Chinese, when it is
 * neither, or in the future.
 */
export function legalDateSchema(label: string) {
  return z.string().superRefine((value, ctx) => {
    try {
      const nowMs = Date.now();
      checkLegalDate(label, value, { nowMs, maxBackdatingDays: daysBetween(dateRange.first, cstDateOf(nowMs)) });
    } catch (err) {
      if (!(err instanceof PeriodError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
    }
  }).openapi({
    example: '2026-11-20',
    description: `${label}：日期 YYYY-MM-DD（中国时间），或带时区的时间 YYYY-MM-DDTHH:mm+08:00；不填为记录时 `
      + '(the legal date of the act, CST; defaults to the moment of recording)',
  });
}
