// A measure's term on the registry's date (issue 14): the expiry is the registry's last day, never
// moved by the rest-day rule; renewal deadline and reminders move earlier to a working day.
import { describe, expect, it } from 'vitest';
import { isRestDay } from '../../workflows/clock/calendar';
import { cstIso } from '../../workflows/clock/cst';
import { measureTerm, renewedTerm } from '../../workflows/clock/measure-term';
import { PeriodError } from '../../workflows/clock/periods';
import { compressed, statutory, training, type MeasureKind } from '../../workflows/clock/statute-profile';
import { realCalendars } from '../support/calendars';

const calendars = realCalendars(2024, 2030);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => iso(Date.parse(`${date}T00:00:00Z`) + days * DAY);
/** The registry's end as a bank computes it: the day before the same date `years` later. */
function registryEnd(effective: string, years: number): string {
  const [y, m, d] = effective.split('-').map(Number) as [number, number, number];
  return iso(Date.UTC(y + years, m - 1, d - 1));
}
const kindFor: Record<number, MeasureKind> = { 1: 'bank_deposit', 2: 'movables', 3: 'real_estate' };

describe('measure expiry on the registry\'s date', () => {
  it('a one-year freeze effective 2024-10-01 ends at the end of 2025-09-30, renew by 09-23', () => {
    const term = measureTerm(statutory, 'bank_deposit', '2024-10-01', calendars);
    expect(term).toMatchObject({ effectiveOn: '2024-10-01', expiresOn: '2025-09-30', leadOn: '2025-09-23', renewBy: '2025-09-23', provisional: false });
    expect(cstIso(term.expiresAtMs)).toBe('2025-09-30T23:59:59.999+08:00');
    expect(term.reminders.map((r) => [r.lead.amount, r.on])).toEqual([[30, '2025-08-29'], [15, '2025-09-15']]);
  });

  it('an expiry on a holiday stays on the holiday; the renewal deadline on a rest day moves earlier', () => {
    // Effective 2024-10-02: the bank releases it at the end of 2025-10-01, National Day.
    const term = measureTerm(statutory, 'bank_deposit', '2024-10-02', calendars);
    expect(term.expiresOn).toBe('2025-10-01');
    // 7 days before is 2025-09-24, a Wednesday: kept.
    expect(term.renewBy).toBe('2025-09-24');
    // Effective 2024-10-15 → ends 2025-10-14; lead date 10-07 is in the holiday → renew by 09-30.
    expect(measureTerm(statutory, 'bank_deposit', '2024-10-15', calendars)).toMatchObject({ expiresOn: '2025-10-14', leadOn: '2025-10-07', renewBy: '2025-09-30' });
  });

  it('ends the day before the corresponding day; with none (29 Feb, the 31st), the day before the month\'s last', () => {
    expect(measureTerm(statutory, 'bank_deposit', '2024-02-29', calendars).expiresOn).toBe('2025-02-27');
    expect(measureTerm(statutory, 'bank_deposit', '2024-03-01', calendars).expiresOn).toBe('2025-02-28');
    expect(measureTerm(statutory, 'real_estate', '2025-03-01', calendars).expiresOn).toBe('2028-02-29');
    expect(measureTerm(statutory, 'bank_deposit', '2024-03-31', calendars, { amount: 1, unit: 'months' }).expiresOn).toBe('2024-04-29');
  });

  it('for every start day of 2024–2026 and 1/2/3-year terms: never later than the registry, renew-by a working day on or before the lead date', () => {
    let checked = 0;
    let dayEarly = 0;
    for (let day = '2024-01-01'; day <= '2026-12-31'; day = plusDays(day, 1)) {
      for (const years of [1, 2, 3]) {
        const term = measureTerm(statutory, kindFor[years]!, day, calendars);
        const registry = registryEnd(day, years);
        expect(term.expiresOn <= registry, `${day} +${years}y: ${term.expiresOn} after the registry's ${registry}`).toBe(true);
        expect(term.expiresOn >= plusDays(registry, -1)).toBe(true);
        expect(cstIso(term.expiresAtMs)).toBe(`${term.expiresOn}T23:59:59.999+08:00`);
        if (term.expiresOn !== registry) dayEarly++;
        expect(term.leadOn).toBe(plusDays(term.expiresOn, -7));
        expect(term.renewBy <= term.leadOn).toBe(true);
        expect(isRestDay(term.renewBy, calendars).rest, `${day}: renew by ${term.renewBy}`).toBe(false);
        // The latest such working day: every day after it up to the lead date is a rest day.
        for (let d = plusDays(term.renewBy, 1); d <= term.leadOn; d = plusDays(d, 1)) expect(isRestDay(d, calendars).rest).toBe(true);
        for (const reminder of term.reminders) {
          expect(isRestDay(reminder.on, calendars).rest).toBe(false);
          expect(reminder.on <= plusDays(term.expiresOn, -reminder.lead.amount)).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBe(1096 * 3);
    // Only terms starting on 29 February end a day before the bank's reckoning.
    expect(dayEarly).toBe(3);
  });

  it('a shorter term set by the ruling, and a term longer than art. 485 allows is refused', () => {
    expect(measureTerm(statutory, 'bank_deposit', '2024-10-01', calendars, { amount: 6, unit: 'months' }).expiresOn).toBe('2025-03-31');
    expect(measureTerm(statutory, 'movables', '2024-10-01', calendars, { amount: 90, unit: 'days' }).expiresOn).toBe('2024-12-29');
    expect(() => measureTerm(statutory, 'bank_deposit', '2024-10-01', calendars, { amount: 2, unit: 'years' })).toThrow(PeriodError);
    expect(() => measureTerm(statutory, 'bank_deposit', '2024-10-01', calendars, { amount: 2, unit: 'years' })).toThrow(/485/);
  });

  it('a queued seizure\'s term runs from the day it moved up, given as its effective date', () => {
    expect(measureTerm(statutory, 'real_estate', '2026-03-10', calendars).expiresOn).toBe('2029-03-09');
  });

  it('renewing moves the expiry from the old end, not from the day of renewal', () => {
    const first = measureTerm(statutory, 'bank_deposit', '2024-10-01', calendars);
    const renewed = renewedTerm(statutory, 'bank_deposit', first, calendars);
    expect(renewed).toMatchObject({ effectiveOn: '2025-10-01', expiresOn: '2026-09-30' });
  });

  it('a term reaching a year without its notice is provisional', () => {
    expect(measureTerm(statutory, 'real_estate', '2026-06-01', calendars).provisional).toBe(true);
  });
});

describe('measure terms under compressed clocks', () => {
  const t0 = Date.parse('2026-11-20T10:00+08:00');
  it('compressed: 30 days of 100 ms, renewal lead 500 ms', () => {
    const term = measureTerm(compressed, 'bank_deposit', t0, []);
    expect(term.expiresAtMs).toBe(t0 + 3000);
    expect(term.renewByAtMs).toBe(t0 + 2500);
    expect(term.reminders.map((r) => r.atMs)).toEqual([t0 + 1000, t0 + 2000]);
    expect(renewedTerm(compressed, 'bank_deposit', term, []).expiresAtMs).toBe(t0 + 6000);
  });
  it('training: a one-year freeze lasts 365 minutes', () => {
    expect(measureTerm(training, 'bank_deposit', t0, []).expiresAtMs).toBe(t0 + 365 * 60_000);
  });
});
