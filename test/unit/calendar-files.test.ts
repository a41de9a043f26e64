import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, parseCalendar, readCalendarFile, readShippedCalendars } from '../../infra/calendar/load';
import { isRestDay } from '../../workflows/clock/calendar';

// 2027: 元旦 Fri 01-01, 除夕 02-05 … 初三 02-08, 清明 04-05, 劳动节 05-01–05-02, 端午 06-09,
// 中秋 09-15, 国庆 10-01–10-03 (from the law; the notice may add to them, never take away).
const holidays2027 = ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02',
  '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'];
// The weekday owed for each festival day on a weekend (art. 6: 02-06/07, 05-01/02, 10-02/03), and 02-11 for the Saturday 01-02 worked.
const substitutes2027 = ['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05'];
const valid = { year: 2027, source: '国办发明电〔2026〕X号, 2026-11-01', rest: [...holidays2027, ...substitutes2027, '2027-02-11'].sort(), work: ['2027-01-02'] };

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

describe('a calendar file handed in by a user', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('is read as leniently as the API reads bodies: byte-order mark, CRLF, surrounding whitespace, padded dates', async () => {
    const text = `\uFEFF\r\n  ${JSON.stringify({ ...valid, rest: [' 2027-01-01 ', ...valid.rest.slice(1)] }, null, 2).replace(/\n/g, '\r\n')}\r\n\r\n`;
    expect(await readCalendarFile(write('2027-bom.json', text))).toEqual(valid);
  });

  it('that is not JSON is refused with the parser\'s reason, in Chinese and English', async () => {
    await expect(readCalendarFile(write('broken.json', '{"year": 2027,'))).rejects.toThrow(/不是有效的节假日安排文件.*\n\(file\): .*不是合法的 JSON/);
    await expect(readCalendarFile(write('empty.json', '\uFEFF  \r\n'))).rejects.toThrow(/the file is empty/);
  });

  it('is refused, naming the day, when it makes a statutory holiday a working day', () => {
    const message = refusal({ ...valid, rest: holidays2027.filter((d) => d !== '2027-02-06'), work: ['2027-01-02', '2027-02-06'] });
    expect(message).toContain('work[1]: 2027-02-06是春节');
    expect(message).toContain('国务院令第795号');
    expect(message).toContain('a notice cannot make it a working day');
  });

  it('is refused, naming the dates, when a festival day on a weekend has no substitute weekday (art. 6: 应当在工作日补假)', () => {
    const message = refusal({ ...valid, rest: valid.rest.filter((d) => d !== '2027-05-03' && d !== '2027-05-04') });
    expect(message).toContain('rest: 2027-05-01（劳动节，星期六）、2027-05-02（劳动节，星期日）适逢休息日');
    expect(message).toContain('第六条应当在工作日补假');
    expect(message).toContain('应补2日，只有0日');
  });

  it('is refused when the weekdays off around the festivals are all swaps for weekend work, with no substitute left', () => {
    // 02-11 off pays for the Saturday 01-02 worked; without it one of 春节's weekdays off is that swap.
    const message = refusal({ ...valid, rest: valid.rest.filter((d) => d !== '2027-02-11') });
    expect(message).toContain('rest: 补假不足：2027-02-06（春节，星期六）、2027-02-07（春节，星期日）');
    expect(message).toContain('共6日');
    expect(message).toContain('扣除调休上班1日后只有5日');
  });

  it('is refused, naming the day, when it leaves a weekday holiday out', () => {
    expect(refusal({ ...valid, rest: holidays2027.filter((d) => d !== '2027-09-15') })).toContain('rest: 缺少2027-09-15（中秋节）');
  });
});

describe('a bad calendar file is refused, naming the field (Chinese and English)', () => {
  it('accepts a valid file', () => {
    expect(parseCalendar('2027.json', valid)).toEqual(valid);
  });

  it.each<[string, unknown, string]>([
    ['a date of another year', { ...valid, rest: [...holidays2027, '2026-12-31'] }, 'rest[13]: 2026-12-31 不在2027年内'],
    ['an impossible date', { ...valid, rest: [...holidays2027, '2027-02-30'] }, 'rest[13]: 应为真实日期'],
    ['a date in another format', { ...valid, rest: [...holidays2027, '2027/01/04'] }, 'rest[13]: 应为真实日期，格式 YYYY-MM-DD (must be a real date'],
    ['a weekday swapped into work', { ...valid, work: ['2027-01-04'] }, 'work[0]: 2027-01-04 是周一至周五'],
    ['a day both rest and work', { ...valid, rest: [...holidays2027, '2027-01-02'] }, 'work[0]: 2027-01-02 同时列为休息日和上班日'],
    ['a duplicate', { ...valid, rest: [...holidays2027, '2027-01-01'] }, 'rest[13]: 2027-01-01 重复列出 (2027-01-01 is listed twice)'],
    ['a missing source', { ...valid, source: ' ' }, 'source: 须写明国务院办公厅通知'],
    ['an unknown field', { ...valid, note: 'x' }, 'note'],
    ['a year that is not a number', { ...valid, year: '2027' }, 'year:'],
    ['a year the law does not cover', { ...valid, year: 1999 }, 'year: 须为2000–2100之间的年份'],
  ])('%s', (_case, data, message) => {
    expect(refusal(data)).toContain(message);
  });
});

// Outside break (issue 13): zod's own issues came out in English only ("(file): Unrecognized key",
// "year: Invalid input: expected number, received string") and a missing file as a bare ENOENT.
describe('every refusal of a calendar file is in Chinese, naming the field', () => {
  const lineFor = (message: string, field: string) => message.split('\n').find((l) => l.startsWith(`${field}:`)) ?? message;
  it.each<[string, unknown, RegExp]>([
    ['(file)', { ...valid, yaer: 2027 }, /不认识的栏目：yaer/],
    ['year', { ...valid, year: '2027' }, /应填写/],
    ['work', (({ work: _w, ...v }) => v)(valid), /不能为空/],
    ['rest[20]', { ...valid, rest: [...valid.rest, 20270707] }, /应填写文字/],
  ])('%s', (field, data, words) => {
    const line = lineFor(refusal(data), field);
    expect(line).toMatch(/^[^:]+: [\u4e00-\u9fff]/u);
    expect(line).toMatch(words);
  });

  it('a file that is not there', async () => {
    const error = await readCalendarFile(join(tmpdir(), 'no-such-calendar-2027.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarFileError);
    expect((error as Error).message).toMatch(/\(file\): 找不到该文件/);
  });
});

describe('a notice moves and makes up days off; it adds none', () => {
  it('a whole July off (no swap, no festival) is refused naming the days', () => {
    const july = Array.from({ length: 31 }, (_, i) => `2027-07-${String(i + 1).padStart(2, '0')}`);
    expect(refusal({ ...valid, rest: [...valid.rest, ...july].sort() })).toMatch(/^rest: 放假日过多：通知所列工作日放假29日（[^）]*2027-07-01、2027-07-02、2027-07-05/mu);
  });

  it('one weekday off more than the swaps and the made-up days explain is refused; a matching swap makes it lawful', () => {
    expect(refusal({ ...valid, rest: [...valid.rest, '2027-03-10'].sort() })).toMatch(/放假日过多/);
    expect(parseCalendar('2027.json', { ...valid, rest: [...valid.rest, '2027-03-10'].sort(), work: [...valid.work, '2027-03-13'].sort() }).rest)
      .toContain('2027-03-10');
  });
});
