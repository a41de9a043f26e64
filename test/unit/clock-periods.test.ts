import { describe, expect, it } from 'vitest';
import y2024 from '../../infra/calendar/2024.json';
import y2025 from '../../infra/calendar/2025.json';
import y2026 from '../../infra/calendar/2026.json';
import { isRestDay, type CalendarYear } from '../../workflows/clock/calendar';
import { cstIso } from '../../workflows/clock/cst';
import { Deadline } from '../../workflows/clock/deadline';
import { computeDue, shiftedDue, type Period } from '../../workflows/clock/periods';
import { compressed, dueAfterPause, dueFor, leadTime, statutory } from '../../workflows/clock/statute-profile';

const calendars: CalendarYear[] = [y2024, y2025, y2026];
const cst = (local: string) => Date.parse(`${local}+08:00`);
const endOf = (date: string) => `${date}T23:59:59.999+08:00`;
const days = (amount: number): Period => ({ amount, unit: 'days' });
const DAY = 86_400_000;

describe('isRestDay', () => {
  it.each([
    ['2025-10-08', true, false, 'last day of National Day 2025'],
    ['2025-10-11', false, false, 'Saturday swapped into a working day'],
    ['2025-03-15', true, false, 'ordinary Saturday'],
    ['2025-03-17', false, false, 'ordinary Monday'],
    ['2027-01-01', true, true, 'no 2027 data at all: New Year\'s Day is fixed by law, provisional'],
    ['2027-01-04', false, true, 'no 2027 data: an ordinary Monday, provisional'],
    ['2027-01-02', true, true, 'Saturday in 2027, provisional'],
  ])('%s → rest %s, provisional %s (%s)', (date, rest, provisional) => {
    expect(isRestDay(date, calendars)).toEqual({ rest, provisional });
  });
});

describe('computeDue (民事诉讼法 art. 85)', () => {
  it.each<[string, string, Period, string, boolean]>([
    ['crossing National Day 2025 ends on the first working day after it', '2025-09-25T10:00', days(10), endOf('2025-10-09'), false],
    ['last day is the first day of the holiday', '2025-09-30T16:00', days(1), endOf('2025-10-09'), false],
    ['a swapped working Saturday is a working day', '2025-10-01T09:00', days(10), endOf('2025-10-11'), false],
    ['a swapped working Sunday is a working day', '2025-09-18T09:00', days(10), endOf('2025-09-28'), false],
    ['an ordinary weekend pushes to Monday', '2025-03-05T09:00', days(10), endOf('2025-03-17'), false],
    ['the starting day is not counted, even late at night', '2025-03-03T23:59', days(1), endOf('2025-03-04'), false],
    ['days are CST days: 00:30 CST is already the next day', '2025-03-04T00:30', days(1), endOf('2025-03-05'), false],
    ['31 Jan + 1 month ends 28 Feb', '2025-01-31T10:00', { amount: 1, unit: 'months' }, endOf('2025-02-28'), false],
    ['31 Jan 2024 + 1 month ends 29 Feb (leap year)', '2024-01-31T10:00', { amount: 1, unit: 'months' }, endOf('2024-02-29'), false],
    ['29 Feb 2024 + 1 year ends 28 Feb 2025', '2024-02-29T10:00', { amount: 1, unit: 'years' }, endOf('2025-02-28'), false],
    ['a month ending in the holiday is extended', '2025-09-01T10:00', { amount: 1, unit: 'months' }, endOf('2025-10-09'), false],
    ['months across the year end, clamped to 28 Feb 2026, a swapped working Saturday', '2025-11-30T10:00', { amount: 3, unit: 'months' }, endOf('2026-02-28'), false],
    ['a year ending on a Saturday runs to Monday', '2024-03-15T10:00', { amount: 1, unit: 'years' }, endOf('2025-03-17'), false],
    ['48 hours: the starting hour is not counted', '2025-06-03T10:30', { amount: 48, unit: 'hours' }, '2025-06-05T11:00:00.000+08:00', false],
    ['48 hours from exactly on the hour: that hour is the starting hour', '2025-06-03T09:00', { amount: 48, unit: 'hours' }, '2025-06-05T10:00:00.000+08:00', false],
    ['hours are not extended over a holiday', '2025-10-01T10:30', { amount: 48, unit: 'hours' }, '2025-10-03T11:00:00.000+08:00', false],
    ['ending in 2026 with its calendar is final', '2026-12-20T10:00', days(5), endOf('2026-12-25'), false],
    ['ending in 2027 with no calendar is provisional', '2026-12-28T10:00', days(10), endOf('2027-01-07'), true],
    ['a 2027 weekend is still skipped, provisionally', '2026-12-23T10:00', days(10), endOf('2027-01-04'), true],
  ])('%s', (_case, start, period, due, provisional) => {
    const result = computeDue(cst(start), period, calendars);
    expect({ due: cstIso(result.dueMs), provisional: result.provisional }).toEqual({ due, provisional });
  });

  it('without any calendar every year is provisional', () => {
    expect(computeDue(cst('2025-03-05T09:00'), days(10), []).provisional).toBe(true);
  });
});

describe('pauses (GO art. 11: supplementation does not count)', () => {
  it.each<[string, string, Period, number, string]>([
    ['a pause within the holiday does not stack with the extension', '2025-09-01T10:00', days(30), 3 * DAY, endOf('2025-10-09')],
    ['a pause past the holiday moves the end past it', '2025-09-01T10:00', days(30), 10 * DAY, endOf('2025-10-11')],
    ['a part-day pause moves the end to the next day, then off the weekend', '2025-03-03T10:00', days(10), 2.5 * DAY, endOf('2025-03-17')],
    ['hour periods shift exactly', '2025-06-03T09:00', { amount: 48, unit: 'hours' }, 90 * 60_000, '2025-06-05T11:30:00.000+08:00'],
  ])('%s', (_case, start, period, pausedMs, due) => {
    expect(cstIso(shiftedDue(cst(start), period, pausedMs, calendars).dueMs)).toBe(due);
  });

  it('a Deadline shifts by the paused time and freezes its remaining time while paused', () => {
    const start = cst('2025-03-03T10:00');
    const period = days(10);
    const deadline = new Deadline({
      name: 'acceptanceRuling',
      due: computeDue(start, period, calendars),
      reminderLeadsMs: [],
      reschedule: (pausedMs) => shiftedDue(start, period, pausedMs, calendars),
    }, start);
    expect(deadline.state(start).dueAt).toBe(endOf('2025-03-13'));
    deadline.pause(cst('2025-03-05T10:00'));
    const frozen = deadline.state(cst('2025-03-06T10:00'));
    expect(frozen.paused).toBe(true);
    expect(frozen.remainingMs).toBe(deadline.state(cst('2025-03-09T10:00')).remainingMs);
    deadline.resume(cst('2025-03-08T10:00'));
    const after = deadline.state(cst('2025-03-08T10:00'));
    expect(after).toMatchObject({ paused: false, dueAt: endOf('2025-03-17'), overdue: false });
    expect(deadline.state(cst('2025-03-18T00:00')).overdue).toBe(true);
    deadline.complete();
    expect(deadline.state(cst('2025-03-18T00:00'))).toMatchObject({ overdue: false, completed: true });
  });
});

describe('statute profiles', () => {
  it('statutory periods carry their article and use the calendar', () => {
    expect(statutory.periods.acceptanceRuling).toMatchObject({ amount: 30, unit: 'days', article: expect.stringContaining('512') });
    expect(dueFor(statutory, 'acceptanceRuling', cst('2025-09-01T10:00'), calendars))
      .toEqual(computeDue(cst('2025-09-01T10:00'), days(30), calendars));
    expect(cstIso(dueFor(statutory, statutory.measureLifetime.bank_deposit, cst('2024-03-15T10:00'), calendars).dueMs))
      .toBe(endOf('2025-03-17'));
  });

  it('compressed periods are elapsed time at 100 ms per day, never provisional', () => {
    const start = 1_000_000;
    expect(dueFor(compressed, 'acceptanceRuling', start, [])).toEqual({ dueMs: start + 3000, provisional: false });
    expect(dueFor(compressed, 'preservationRulingUrgent', start, []).dueMs).toBe(start + 200);
    expect(dueAfterPause(compressed, 'acceptanceRuling', start, 500, []).dueMs).toBe(start + 3500);
    expect(dueFor(compressed, compressed.measureLifetime.real_estate, start, []).dueMs).toBe(start + 5000);
  });

  it('lead times scale with the clock', () => {
    expect(leadTime(statutory, statutory.renewalLead)).toBe(7 * DAY);
    expect(leadTime(compressed, compressed.renewalLead)).toBe(500);
    expect(statutory.measureReminders.map((lead) => leadTime(statutory, lead))).toEqual([30 * DAY, 15 * DAY]);
  });
});
