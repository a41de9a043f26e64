// The legal dates of acts inside the workflows: each act carries the date the law counts from
// (served, received, filed, posted, taken, applied, ruled), given by the person recording it or
// the moment of recording; validators check it, deadlines count from it. Pure: `nowMs` is the
// workflow's own time.
import { cstDateOf, daysBetween, DAY_MS, startOfCstDay } from '../clock/cst';
import { checkLegalDate, resolveLegalMoment, type LegalMoment, type ResolvedMoment } from '../clock/legal-time';
import { PeriodError } from '../clock/periods';
import { backdatingDaysOf, type StatuteProfile } from '../clock/statute-profile';
import { refuse } from './permissions';

/** An act's legal date as kept in the state and the audit trail: as given, or the recording instant (CST ISO). */
export type RecordedDate = string;

/**
 * Checks a legal date in an Update validator: not in the future, within the profile's back-dating
 * window, not before the act it follows (`notBefore`). Absent, it is the moment of recording and
 * needs no check. Refuses with ValidationFailed naming the field (Chinese, then English).
 */
export function checkActDate(
  profile: StatuteProfile, field: string, moment: LegalMoment | undefined, nowMs: number,
  notBefore?: { field: string; moment: LegalMoment | undefined },
): void {
  if (moment === undefined) return;
  try {
    checkLegalDate(field, moment, {
      nowMs, maxBackdatingDays: backdatingDaysOf(profile),
      ...(notBefore?.moment !== undefined ? { notBefore: { field: notBefore.field, moment: notBefore.moment } } : {}),
    });
  } catch (err) {
    if (err instanceof PeriodError) refuse('ValidationFailed', err.message);
    throw err;
  }
}

/**
 * The instant a period counts from, under the profile's clock: the act's instant when one was
 * given, else 00:00 CST of its date (the statutory clock counts days from the date). A compressed
 * clock (tests, training) runs a statutory day in `msPerDay`, so a bare date d days ago started d
 * compressed days before now: an act of today starts now, one of ten days ago has a 10-day window
 * behind it. An instant is taken as given on every clock (it is already on the caller's timeline).
 */
export function legalStartMs(profile: StatuteProfile, moment: ResolvedMoment, nowMs: number): number {
  if (moment.instantMs !== undefined) return moment.instantMs;
  if (profile.clock.mode !== 'compressed') return startOfCstDay(moment.date);
  const scale = profile.clock.msPerDay / DAY_MS;
  return nowMs - Math.max(0, daysBetween(moment.date, cstDateOf(nowMs))) * DAY_MS * scale;
}

/** Reads a legal date given to an act (already checked by its validator), or the recording instant. */
export function legalMomentOf(moment: LegalMoment | undefined, field: string, nowMs: number): ResolvedMoment {
  return resolveLegalMoment(moment ?? nowMs, field);
}
