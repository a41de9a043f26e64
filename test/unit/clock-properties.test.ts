import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import y2024 from '../../infra/calendar/2024.json';
import y2025 from '../../infra/calendar/2025.json';
import y2026 from '../../infra/calendar/2026.json';
import { isRestDay, type CalendarYear } from '../../workflows/clock/calendar';
import { cstDateOf, endOfCstDay } from '../../workflows/clock/cst';
import { computeDue, shiftedDue, type Period, type PeriodUnit } from '../../workflows/clock/periods';
import { compressed, dueAfterPause, statutory } from '../../workflows/clock/statute-profile';

const calendars: CalendarYear[] = [y2024, y2025, y2026];
const DAY = 86_400_000;
// Starts from 2024 to the end of 2027, so some periods run into the unloaded year 2027+.
const startMs = fc.integer({ min: Date.parse('2024-01-01T00:00:00+08:00'), max: Date.parse('2027-12-31T00:00:00+08:00') });
const maxAmount: Record<PeriodUnit, number> = { hours: 500, days: 400, months: 40, years: 4 };
const unit = fc.constantFrom<PeriodUnit>('hours', 'days', 'months', 'years');
const dayUnit = fc.constantFrom<PeriodUnit>('days', 'months', 'years');
const period = (units: fc.Arbitrary<PeriodUnit>) =>
  units.chain((u) => fc.integer({ min: 1, max: maxAmount[u] }).map((amount): Period => ({ amount, unit: u })));
const pausedMs = fc.integer({ min: 0, max: 120 * DAY });

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

  it('a result is provisional exactly when the days examined reach a year without a calendar', () => {
    fc.assert(fc.property(startMs, period(dayUnit), (start, p) => {
      const { dueMs, provisional } = computeDue(start, p, calendars);
      if (Number(cstDateOf(dueMs).slice(0, 4)) >= 2027) expect(provisional).toBe(true);
      if (Number(cstDateOf(dueMs).slice(0, 4)) <= 2026) expect(provisional).toBe(false);
    }));
  });
});
