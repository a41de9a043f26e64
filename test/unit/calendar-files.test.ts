import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, parseCalendar, readShippedCalendars } from '../../infra/calendar/load';
import { isRestDay } from '../../workflows/clock/calendar';

const valid = { year: 2027, source: '国办发明电〔2026〕X号, 2026-11-01', rest: ['2027-01-01'], work: ['2027-01-02'] };

function refusal(data: unknown): string {
  try {
    parseCalendar('2027.json', data);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('shipped holiday calendars', () => {
  it('2024, 2025 and 2026 are shipped, validate and name their source', async () => {
    const calendars = await readShippedCalendars();
    expect(calendars.map((c) => c.year)).toEqual([2024, 2025, 2026]);
    for (const calendar of calendars) expect(calendar.source).toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('match the State Council notices (spot checks from holidays-cn.md)', async () => {
    const calendars = await readShippedCalendars();
    const rest = (date: string) => isRestDay(date, calendars).rest;
    expect(['2024-02-10', '2024-02-17', '2025-10-01', '2025-10-08', '2026-02-23'].every(rest)).toBe(true);
    expect(['2024-02-04', '2025-10-11', '2025-09-28', '2026-02-28', '2026-01-04'].some(rest)).toBe(false);
  });

  it('are plain JSON files with exactly the four fields', async () => {
    const text = await readFile(new URL('../../infra/calendar/2025.json', import.meta.url), 'utf8');
    expect(Object.keys(JSON.parse(text))).toEqual(['year', 'source', 'rest', 'work']);
  });
});

describe('a bad calendar file is refused, naming the field', () => {
  it('accepts a valid file', () => {
    expect(parseCalendar('2027.json', valid)).toEqual(valid);
  });

  it.each<[string, unknown, string]>([
    ['a date of another year', { ...valid, rest: ['2027-01-01', '2026-12-31'] }, 'rest[1]: 2026-12-31 is not in 2027'],
    ['an impossible date', { ...valid, rest: ['2027-02-30'] }, 'rest[0]: must be a real date'],
    ['a date in another format', { ...valid, rest: ['2027/01/01'] }, 'rest[0]: must be a real date'],
    ['a weekday swapped into work', { ...valid, work: ['2027-01-04'] }, 'work[0]: 2027-01-04 is a weekday'],
    ['a day both rest and work', { ...valid, rest: ['2027-01-02'] }, 'work[0]: 2027-01-02 is listed as both'],
    ['a duplicate', { ...valid, rest: ['2027-01-01', '2027-01-01'] }, 'rest[1]: 2027-01-01 is listed twice'],
    ['a missing source', { ...valid, source: ' ' }, 'source: must name the State Council notice'],
    ['an unknown field', { ...valid, note: 'x' }, 'note'],
    ['a year that is not a number', { ...valid, year: '2027' }, 'year:'],
  ])('%s', (_case, data, message) => {
    expect(refusal(data)).toContain(message);
  });
});
