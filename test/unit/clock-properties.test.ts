import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRestDay, type CalendarYear } from '../../workflows/clock/calendar';
import { cstDateOf, endOfCstDay } from '../../workflows/clock/cst';
import { computeDue, dueExcluding, shiftedDue, type ExcludedSpan, type Period, type PeriodUnit } from '../../workflows/clock/periods';
import { compressed, dueAfterPause, dueFrom, periodLaw, periodNames, statutory, type LegalStart } from '../../workflows/clock/statute-profile';
import { realCalendars } from '../support/calendars';

// The notices of 2024–2026 and the law's holidays of every later year, as the activity gives them.
const calendars = realCalendars(2024, 2036);
const DAY = 86_400_000;

// ---- An independent reading of 民事诉讼法 art. 85, written here without the clock's code ----
// "期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间的最后一日。"
const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
const chinaDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const byYear = new Map(calendars.map((c) => [c.year, c]));
function restDay(iso: string): boolean {
  const year = byYear.get(Number(iso.slice(0, 4)))!;
  if (year.rest.includes(iso)) return true;
  if (year.work.includes(iso)) return false;
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
function monthsLater(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, lastOfMonth))}`;
}
/** Walk day by day from the day after the start; a day from request (exclusive) to supply (inclusive) does not count. */
function lastDayByWalk(startIso: string, days: number, spans: readonly ExcludedSpan[]): string {
  const paused = (iso: string) => spans.some((s) => s.from < iso && iso <= s.to);
  let day = startIso;
  for (let counted = 0; counted < days;) {
    day = dayAfter(day);
    if (!paused(day)) counted++;
  }
  // A request made on the last day itself holds the period open until the material arrives.
  for (let held = spans.find((s) => s.from === day && s.to > day); held; held = spans.find((s) => s.from <= day && s.to > day)) day = held.to;
  return day;
}
function lawDue(startMs: number, period: Period, spans: readonly ExcludedSpan[] = []): number {
  if (period.unit === 'hours') return (Math.floor(startMs / HOUR) + 1 + period.amount) * HOUR;
  const start = chinaDate(startMs);
  let last = period.unit === 'days' ? lastDayByWalk(start, period.amount, spans) : monthsLater(start, period.unit === 'years' ? period.amount * 12 : period.amount);
  while (restDay(last)) last = dayAfter(last);
  return Date.parse(`${last}T23:59:59.999+08:00`);
}
// ---- end of the independent reading ----

// Legal dates from 2024 to the end of 2030 (any time of day).
const startMs = fc.integer({ min: Date.parse('2024-01-01T00:00:00+08:00'), max: Date.parse('2030-12-31T23:59:59+08:00') });
const maxAmount: Record<PeriodUnit, number> = { hours: 500, days: 400, months: 40, years: 4 };
const unit = fc.constantFrom<PeriodUnit>('hours', 'days', 'months', 'years');
const dayUnit = fc.constantFrom<PeriodUnit>('days', 'months', 'years');
const period = (units: fc.Arbitrary<PeriodUnit>) =>
  units.chain((u) => fc.integer({ min: 1, max: maxAmount[u] }).map((amount): Period => ({ amount, unit: u })));
const pausedMs = fc.integer({ min: 0, max: 120 * DAY });
const addIso = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const spans = (start: string) => fc.array(
  fc.record({ after: fc.integer({ min: 0, max: 45 }), length: fc.integer({ min: 0, max: 20 }) })
    .map(({ after, length }): ExcludedSpan => ({ from: addIso(start, after), to: addIso(start, after + length) })),
  { maxLength: 3 },
);

describe('the clock agrees with an independent reading of art. 85 (2024–2030, real calendars)', () => {
  it('any period in hours, days, months or years from any instant', () => {
    fc.assert(fc.property(startMs, period(unit), (start, p) => {
      expect(computeDue(start, p, calendars).dueMs).toBe(lawDue(start, p));
    }), { numRuns: 2000 });
  });

  it('periods in days with supplementation spans excluded in whole days', () => {
    fc.assert(fc.property(startMs.chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 1, max: 60 }), spans(chinaDate(s)))), ([start, days, excluded]) => {
      expect(dueExcluding(chinaDate(start), { amount: days, unit: 'days' }, excluded, calendars).dueMs).toBe(lawDue(start, { amount: days, unit: 'days' }, excluded));
    }), { numRuns: 2000 });
  });

  it('every named period of the statutory profile, from its legal date', () => {
    fc.assert(fc.property(fc.constantFrom(...periodNames), startMs, (name, start) => {
      const law = periodLaw[name];
      const given = law.unit === 'hours' ? start : chinaDate(start);
      const from = { [law.runsFrom]: given } as LegalStart<typeof name>;
      expect(dueFrom(statutory, name, from, calendars).dueMs).toBe(lawDue(start, law));
    }), { numRuns: 1000 });
  });
});

describe('statutory clock invariants', () => {
  it('a period in days, months or years never ends on a rest day, and ends at 24:00 CST', () => {
    fc.assert(fc.property(startMs, period(dayUnit), pausedMs, (start, p, paused) => {
      const { dueMs } = shiftedDue(start, p, paused, calendars);
      const lastDay = cstDateOf(dueMs);
      expect(isRestDay(lastDay, calendars).rest).toBe(false);
      expect(dueMs).toBe(endOfCstDay(lastDay));
    }));
  });

  it('every period ends after it starts', () => {
    fc.assert(fc.property(startMs, period(unit), (start, p) => {
      expect(computeDue(start, p, calendars).dueMs).toBeGreaterThan(start);
    }));
  });

  it('a longer period never ends earlier', () => {
    fc.assert(fc.property(startMs, unit, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), (start, u, a, b) => {
      const [shorter, longer] = [Math.min(a, b), Math.max(a, b)].map((n) => Math.min(n, maxAmount[u]));
      const due = (amount: number) => computeDue(start, { amount, unit: u }, calendars).dueMs;
      expect(due(longer!)).toBeGreaterThanOrEqual(due(shorter!));
    }));
  });

  it('pausing never shortens a deadline, and a longer pause never ends earlier', () => {
    fc.assert(fc.property(startMs, period(unit), pausedMs, pausedMs, (start, p, x, y) => {
      const [less, more] = [Math.min(x, y), Math.max(x, y)];
      const base = computeDue(start, p, calendars).dueMs;
      const shortPause = shiftedDue(start, p, less, calendars).dueMs;
      expect(shortPause).toBeGreaterThanOrEqual(base);
      expect(shiftedDue(start, p, more, calendars).dueMs).toBeGreaterThanOrEqual(shortPause);
    }));
  });

  it('pausing never shortens a deadline under either profile', () => {
    fc.assert(fc.property(fc.constantFrom(statutory, compressed), startMs, period(unit), pausedMs, (profile, start, p, paused) => {
      expect(dueAfterPause(profile, p, start, paused, calendars).dueMs)
        .toBeGreaterThanOrEqual(dueAfterPause(profile, p, start, 0, calendars).dueMs);
    }));
  });

  it('a result is provisional exactly when the days examined reach a year whose notice is not loaded', () => {
    fc.assert(fc.property(startMs, period(dayUnit), (start, p) => {
      const { dueMs, provisional } = computeDue(start, p, calendars);
      if (Number(cstDateOf(dueMs).slice(0, 4)) >= 2027) expect(provisional).toBe(true);
      if (Number(cstDateOf(dueMs).slice(0, 4)) <= 2026) expect(provisional).toBe(false);
    }));
  });

  it('without any calendar data, New Year, Labour Day and National Day are still rest days (provisional)', () => {
    const none: CalendarYear[] = [];
    for (const day of ['2031-01-01', '2031-05-01', '2031-05-02', '2031-10-03']) expect(isRestDay(day, none)).toEqual({ rest: true, provisional: true });
  });
});
