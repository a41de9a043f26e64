// China's statutory holidays as the law fixes them (《全国年节及纪念日放假办法》), one entry per
// version in force. The State Council's yearly notice only moves days around these (调休); the
// festivals themselves, and the substitute weekday owed when one falls on a weekend (art. 6 of the
// 2024 text, art. 6 of the earlier ones), are law. Lunar festivals and 清明 need a lunar calendar,
// which is too heavy for workflow code: infra/calendar/holidays.ts resolves them outside the
// sandbox. This file holds the law as data plus the arithmetic that needs no lunar calendar.
import { addDays, isWeekend } from './cst';

export type FestivalName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

/** Where a festival's first day falls: a Gregorian date, a lunar date (plus an offset in days), or the 清明 solar term. */
export type FestivalAnchor =
  | { kind: 'gregorian'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number; offsetDays: number }
  | { kind: 'qingming' };

export type FestivalRule = { name: FestivalName; anchor: FestivalAnchor; days: number };

/** One version of the law: the festivals of every year from `fromYear` until the next version. */
export type HolidayLaw = { fromYear: number; source: string; festivals: FestivalRule[] };

const newYear: FestivalRule = { name: '元旦', anchor: { kind: 'gregorian', month: 1, day: 1 }, days: 1 };
const nationalDay: FestivalRule = { name: '国庆节', anchor: { kind: 'gregorian', month: 10, day: 1 }, days: 3 };
const qingming: FestivalRule = { name: '清明节', anchor: { kind: 'qingming' }, days: 1 };
const dragonBoat: FestivalRule = { name: '端午节', anchor: { kind: 'lunar', month: 5, day: 5, offsetDays: 0 }, days: 1 };
const midAutumn: FestivalRule = { name: '中秋节', anchor: { kind: 'lunar', month: 8, day: 15, offsetDays: 0 }, days: 1 };
const springFrom = (offsetDays: number, days: number): FestivalRule => ({ name: '春节', anchor: { kind: 'lunar', month: 1, day: 1, offsetDays }, days });
const labourDay = (days: number): FestivalRule => ({ name: '劳动节', anchor: { kind: 'gregorian', month: 5, day: 1 }, days });

/** Oldest first. Each version applies to whole years: every revision came into force on 1 January, except 1999's (18 Sept 1999, before any year we serve). */
export const holidayLaws: readonly HolidayLaw[] = [
  {
    fromYear: 2000,
    source: '《全国年节及纪念日放假办法》1999年修订（国务院令第270号）',
    festivals: [newYear, springFrom(0, 3), labourDay(3), nationalDay],
  },
  {
    fromYear: 2008,
    source: '《全国年节及纪念日放假办法》2007年修订（国务院令第513号，2008-01-01施行）',
    festivals: [newYear, springFrom(-1, 3), qingming, labourDay(1), dragonBoat, midAutumn, nationalDay],
  },
  {
    fromYear: 2014,
    source: '《全国年节及纪念日放假办法》2013年修订（国务院令第644号，2014-01-01施行）',
    festivals: [newYear, springFrom(0, 3), qingming, labourDay(1), dragonBoat, midAutumn, nationalDay],
  },
  {
    fromYear: 2025,
    source: '《全国年节及纪念日放假办法》2024年修订（国务院令第795号，2025-01-01施行）',
    festivals: [newYear, springFrom(-1, 4), qingming, labourDay(2), dragonBoat, midAutumn, nationalDay],
  },
];

export const FIRST_HOLIDAY_LAW_YEAR = 2000;
export const LAST_HOLIDAY_LAW_YEAR = 2100;

/** The version in force in `year`; throws a RangeError outside 2000–2100. */
export function holidayLawFor(year: number): HolidayLaw {
  const law = [...holidayLaws].reverse().find((l) => year >= l.fromYear);
  if (!law || !Number.isInteger(year) || year > LAST_HOLIDAY_LAW_YEAR) {
    throw new RangeError(`${year}年不在可计算的年份范围（${FIRST_HOLIDAY_LAW_YEAR}–${LAST_HOLIDAY_LAW_YEAR}）内 (no holiday law for year ${year})`);
  }
  return law;
}

/** One day off that the law gives: a festival day, or the weekday owed when a festival day fell on a weekend or on another festival. */
export type StatutoryRestDay = { date: string; festival: FestivalName; substitute: boolean };

/**
 * Festival days of a year whose first days are known ('YYYY-MM-DD' per festival), each festival
 * running its `days` consecutive days. Shapes only: resolving the anchors is the caller's job.
 */
export function festivalDays(law: HolidayLaw, firstDays: ReadonlyMap<FestivalName, string>): StatutoryRestDay[] {
  return law.festivals.flatMap((rule) => {
    const first = firstDays.get(rule.name);
    if (first === undefined) throw new Error(`first day of ${rule.name} not given`);
    return Array.from({ length: rule.days }, (_, i) => ({ date: addDays(first, i), festival: rule.name, substitute: false }));
  });
}

/**
 * Adds the substitute weekdays the law owes (补假: a festival day on a Saturday or Sunday, or on
 * a day already another festival's, gives a weekday off). The law does not say which weekday;
 * every notice so far gives the first weekday after the festival that is not already off, so
 * that is the day computed here, and a year without its notice says so by being provisional.
 * Returns the festival days and the substitutes, sorted by date.
 */
export function withSubstituteDays(days: readonly StatutoryRestDay[]): StatutoryRestDay[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const off = new Set<string>();
  const result: StatutoryRestDay[] = [];
  const owed = new Map<FestivalName, { count: number; after: string }>();
  for (const day of sorted) {
    const debt = owed.get(day.festival) ?? { count: 0, after: day.date };
    if (isWeekend(day.date) || off.has(day.date)) debt.count++;
    debt.after = day.date;
    owed.set(day.festival, debt);
    if (off.has(day.date)) continue;
    off.add(day.date);
    result.push(day);
  }
  for (const [festival, { count, after }] of owed) {
    let candidate = after;
    for (let given = 0; given < count;) {
      candidate = addDays(candidate, 1);
      if (isWeekend(candidate) || off.has(candidate)) continue;
      off.add(candidate);
      result.push({ date: candidate, festival, substitute: true });
      given++;
    }
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The festival days with a Gregorian date (元旦, 劳动节, 国庆节) in the version in force in `year`.
 * Workflow code falls back on these, with weekends, for a year it was given no calendar for.
 */
export function gregorianFestivalDates(year: number): string[] {
  return holidayLawFor(year).festivals.flatMap((rule) => {
    if (rule.anchor.kind !== 'gregorian') return [];
    const first = `${year}-${String(rule.anchor.month).padStart(2, '0')}-${String(rule.anchor.day).padStart(2, '0')}`;
    return Array.from({ length: rule.days }, (_, i) => addDays(first, i));
  });
}
