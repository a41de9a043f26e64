// Statutory holidays computed from 《全国年节及纪念日放假办法》 with the lunar calendar, checked
// against the State Council notices shipped for 2024–2026 and against dates known from the
// almanac for the lunar festivals.
import { describe, expect, it } from 'vitest';
import { calendarYearsBetween, lawOnlyCalendarYear, statutoryRestDays } from '../../infra/calendar/holidays';
import { isRestDay } from '../../workflows/clock/calendar';
import { holidayLawFor, withSubstituteDays } from '../../workflows/clock/holiday-law';
import { shippedNotices } from '../support/calendars';

const festival = (year: number, name: string) => statutoryRestDays(year).filter((d) => d.festival === name && !d.substitute).map((d) => d.date);

describe('statutory holidays of any year, from the law in force that year', () => {
  it.each(shippedNotices.map((n) => [n.year, n] as const))('%i: every statutory day the law gives is a rest day in the notice, none a working day', (_year, notice) => {
    const days = statutoryRestDays(notice.year);
    for (const day of days) {
      expect(notice.rest, `${day.date} ${day.festival}${day.substitute ? ' (substitute)' : ''}`).toContain(day.date);
      expect(notice.work).not.toContain(day.date);
    }
  });

  it('2024 (2013 text): Spring Festival is 初一–初三, three days, and two weekend days of it are owed back', () => {
    expect(festival(2024, '春节')).toEqual(['2024-02-10', '2024-02-11', '2024-02-12']);
    expect(statutoryRestDays(2024).filter((d) => d.substitute).map((d) => d.date)).toEqual(['2024-02-13', '2024-02-14']);
    expect(festival(2024, '劳动节')).toEqual(['2024-05-01']);
    expect(holidayLawFor(2024).source).toContain('国务院令第644号');
  });

  it('2025 on (2024 text): Spring Festival is 除夕–初三, four days; Labour Day two', () => {
    expect(festival(2025, '春节')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(festival(2026, '春节')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(festival(2025, '劳动节')).toEqual(['2025-05-01', '2025-05-02']);
    expect(holidayLawFor(2025).source).toContain('国务院令第795号');
  });

  it.each([
    [2024, '2024-04-04', '2024-06-10', '2024-09-17'],
    [2025, '2025-04-04', '2025-05-31', '2025-10-06'],
    [2026, '2026-04-05', '2026-06-19', '2026-09-25'],
    [2027, '2027-04-05', '2027-06-09', '2027-09-15'],
    [2030, '2030-04-05', '2030-06-05', '2030-09-12'],
    // 2033: the year of the leap eleventh month, where lunar libraries disagree; 中秋 is 9-08.
    [2033, '2033-04-04', '2033-06-01', '2033-09-08'],
  ])('%i: 清明 %s, 端午 %s, 中秋 %s', (year, qingming, dragonBoat, midAutumn) => {
    expect([festival(year, '清明节'), festival(year, '端午节'), festival(year, '中秋节')]).toEqual([[qingming], [dragonBoat], [midAutumn]]);
  });

  it('a festival day on a weekend owes the first free weekday after the festival', () => {
    // 2026: 清明 is a Sunday → Monday 04-06; 劳动节 05-02 a Saturday → Monday 05-04; 国庆 10-03 a Saturday → 10-05.
    expect(statutoryRestDays(2026).filter((d) => d.substitute).map((d) => `${d.date} ${d.festival}`))
      .toEqual(['2026-04-06 清明节', '2026-05-04 劳动节', '2026-10-05 国庆节']);
  });

  it('two festivals on one day owe a day too (2020: 中秋 on 10-01)', () => {
    const days = withSubstituteDays([
      { date: '2020-10-01', festival: '中秋节', substitute: false },
      { date: '2020-10-01', festival: '国庆节', substitute: false },
      { date: '2020-10-02', festival: '国庆节', substitute: false },
      { date: '2020-10-03', festival: '国庆节', substitute: false },
    ]);
    expect(days.map((d) => d.date)).toEqual(['2020-10-01', '2020-10-02', '2020-10-03', '2020-10-05', '2020-10-06']);
  });

  it('years outside 2000–2100 have no law to compute from', () => {
    expect(() => statutoryRestDays(1999)).toThrow(RangeError);
    expect(() => statutoryRestDays(2101)).toThrow(/2101/);
  });
});

describe('what a notice adds, and a year without one', () => {
  const years = calendarYearsBetween(2026, 2028, shippedNotices);

  it('a year without its notice is the law\'s holidays, provisional for 调休 only', () => {
    expect(years.map((y) => [y.year, y.provisional ?? false])).toEqual([[2026, false], [2027, true], [2028, true]]);
    expect(isRestDay('2027-01-01', years)).toEqual({ rest: true, provisional: true });
    expect(isRestDay('2027-02-08', years)).toEqual({ rest: true, provisional: true });
    expect(isRestDay('2027-02-11', years)).toEqual({ rest: false, provisional: true });
    expect(lawOnlyCalendarYear(2027).source).toContain('尚未载入');
  });

  it('a notice adds the swapped working days and the days swapped to rest', () => {
    expect(isRestDay('2026-02-28', years)).toEqual({ rest: false, provisional: false });
    expect(isRestDay('2026-02-23', years)).toEqual({ rest: true, provisional: false });
  });

  it('years outside the law\'s range are left out, not fatal', () => {
    expect(calendarYearsBetween(2099, 2102, []).map((y) => y.year)).toEqual([2099, 2100]);
  });
});
