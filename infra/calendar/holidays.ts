// The statutory holidays of any year, computed from the law (workflows/clock/holiday-law.ts) with
// the lunar calendar of tyme4ts: 除夕 to 初三, 端午 (lunar 5/5), 中秋 (lunar 8/15) and the 清明
// solar term, in China Standard Time. Runs outside the workflow sandbox (activities, start-up,
// the calendar loader): the library is 300 KB and workflows receive its results as CalendarYear
// data through the calendarYears activity.
import { LunarDay, SolarTerm } from 'tyme4ts';
import type { CalendarYear } from '../../workflows/clock/calendar';
import { formatDate } from '../../workflows/clock/cst';
import {
  FIRST_HOLIDAY_LAW_YEAR, LAST_HOLIDAY_LAW_YEAR, festivalDays, holidayLawFor, withSubstituteDays, type FestivalAnchor, type FestivalName, type StatutoryRestDay,
} from '../../workflows/clock/holiday-law';

type SolarDayLike = { getYear(): number; getMonth(): number; getDay(): number };
const iso = (d: SolarDayLike) => formatDate({ year: d.getYear(), month: d.getMonth(), day: d.getDay() });

function firstDayOf(year: number, anchor: FestivalAnchor): string {
  switch (anchor.kind) {
    case 'gregorian':
      return formatDate({ year, month: anchor.month, day: anchor.day });
    case 'lunar':
      return iso(LunarDay.fromYmd(year, anchor.month, anchor.day).next(anchor.offsetDays).getSolarDay());
    case 'qingming':
      return iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay());
  }
}

const computed = new Map<number, StatutoryRestDay[]>();

/**
 * The days off the law gives in `year`: each festival's days under the version of
 * 《全国年节及纪念日放假办法》 in force that year, and the substitute weekdays owed for festival
 * days on weekends (placed as every notice has placed them: see `withSubstituteDays`). Sorted by
 * date. Throws a RangeError outside 2000–2100.
 */
export function statutoryRestDays(year: number): StatutoryRestDay[] {
  const cached = computed.get(year);
  if (cached) return cached;
  const law = holidayLawFor(year);
  const firstDays = new Map<FestivalName, string>(law.festivals.map((rule) => [rule.name, firstDayOf(year, rule.anchor)]));
  const days = withSubstituteDays(festivalDays(law, firstDays));
  computed.set(year, days);
  return days;
}

/** A year with no notice loaded: the law's holidays, provisional (its 调休 unknown). */
export function lawOnlyCalendarYear(year: number): CalendarYear {
  return {
    year,
    source: `依${holidayLawFor(year).source}计算；当年放假安排通知尚未载入，调休待定 (computed from the law; no State Council notice loaded)`,
    rest: statutoryRestDays(year).map((d) => d.date),
    work: [],
    provisional: true,
  };
}

/**
 * Every year from `fromYear` to `toYear`: the loaded notice where there is one (its rest days
 * joined with the law's festival days, which a validated notice already lists), otherwise the
 * law's holidays, provisional. Years outside 2000–2100 are left out (the clock then falls back on
 * weekends and fixed-date festivals, provisional) rather than failing the caller.
 */
export function calendarYearsBetween(fromYear: number, toYear: number, notices: readonly CalendarYear[]): CalendarYear[] {
  const years: CalendarYear[] = [];
  for (let year = Math.max(fromYear, FIRST_HOLIDAY_LAW_YEAR); year <= Math.min(toYear, LAST_HOLIDAY_LAW_YEAR); year++) {
    const notice = notices.find((c) => c.year === year);
    if (!notice) {
      years.push(lawOnlyCalendarYear(year));
      continue;
    }
    const festivals = statutoryRestDays(year).filter((d) => !d.substitute).map((d) => d.date);
    years.push({ ...notice, rest: [...new Set([...notice.rest, ...festivals])].sort() });
  }
  return years;
}
