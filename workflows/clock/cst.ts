// China Standard Time helpers. CST is UTC+8 all year (China has had no daylight saving since
// 1991), so a fixed offset is exact and the arithmetic needs no time-zone database.
// Only `new Date(ms)` and `Date.UTC` are used: both are deterministic inside workflow code.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const CST_OFFSET_MS = 8 * HOUR_MS;

export type CivilDate = { year: number; month: number; day: number };

/** The CST calendar date ('YYYY-MM-DD') on which the instant falls. */
export function cstDateOf(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant rendered in CST with its offset, e.g. '2025-10-09T23:59:59.999+08:00'. */
export function cstIso(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export function parseDate(dateIso: string): CivilDate {
  const [year, month, day] = dateIso.split('-').map(Number);
  return { year: year ?? NaN, month: month ?? NaN, day: day ?? NaN };
}

export function formatDate({ year, month, day }: CivilDate): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** 00:00 CST of the date, as an instant. */
export function startOfCstDay(dateIso: string): number {
  const { year, month, day } = parseDate(dateIso);
  return Date.UTC(year, month - 1, day) - CST_OFFSET_MS;
}

/** The last instant (23:59:59.999 CST) of the date: our representation of "24:00 of that day". */
export function endOfCstDay(dateIso: string): number {
  return startOfCstDay(dateIso) + DAY_MS - 1;
}

export function addDays(dateIso: string, days: number): string {
  const { year, month, day } = parseDate(dateIso);
  return formatDate({ year, month, day: day + days });
}

/** Whole CST days from one date to another ('2025-11-12' → '2025-11-18' is 6; negative when `toDate` is earlier). */
export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((startOfCstDay(toDate) - startOfCstDay(fromDate)) / DAY_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dateIso: string): number {
  const { year, month, day } = parseDate(dateIso);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isWeekend(dateIso: string): boolean {
  const weekday = weekdayOf(dateIso);
  return weekday === 0 || weekday === 6;
}

/** A real Gregorian date in canonical 'YYYY-MM-DD' form (rejects '2025-02-30'). */
export function isRealDate(dateIso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateIso)) return false;
  const { year, month, day } = parseDate(dateIso);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
