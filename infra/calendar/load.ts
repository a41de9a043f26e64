// Loading holiday calendars into PostgreSQL. A new year is loaded the day the State Council
// publishes its notice: write infra/calendar/<year>.json and run `npm run calendar:load <file>`.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import type { CalendarYear } from '../../workflows/clock/calendar';
import { JsonFileError, readLenientJson } from '../lenient-json';
import { chineseIssue } from '../../api/http/zod-locale';
import { calendarYearSchema, describeCalendarIssues } from './schema';

export class CalendarFileError extends Error {
  constructor(readonly file: string, readonly details: string) {
    super(`${file} 不是有效的节假日安排文件 (is not a valid holiday calendar):\n${details}`);
    this.name = 'CalendarFileError';
  }
}

export function parseCalendar(file: string, data: unknown): CalendarYear {
  // Chinese for zod's own issues too (a misspelt key, a year typed as text), per parse: the loader
  // runs as a command, without the API's global setting.
  const result = calendarYearSchema.safeParse(data, { error: chineseIssue as never });
  if (!result.success) throw new CalendarFileError(file, describeCalendarIssues(result.error));
  return result.data;
}

/** Reads a calendar file as leniently as the API reads bodies (byte-order mark, whitespace, CRLF), then validates it. */
export async function readCalendarFile(path: string): Promise<CalendarYear> {
  let data: unknown;
  try {
    data = await readLenientJson(path);
  } catch (error) {
    if (error instanceof JsonFileError) throw new CalendarFileError(path, `(file): ${error.message}`);
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new CalendarFileError(path, '(file): 找不到该文件，请检查路径 (no such file)');
    if (code === 'EISDIR') throw new CalendarFileError(path, '(file): 这是一个目录，请给出年度文件 (a directory, not a file)');
    if (code === 'EACCES') throw new CalendarFileError(path, '(file): 没有读取该文件的权限 (permission denied)');
    throw error;
  }
  return parseCalendar(path, data);
}

/**
 * Writes one year. `overwrite: false` keeps a row already present, so start-up never replaces a
 * year an administrator loaded (possibly corrected) by hand.
 */
export async function upsertCalendar(
  pool: Pick<Pool, 'query'>, calendar: CalendarYear, { overwrite }: { overwrite: boolean },
): Promise<boolean> {
  const conflict = overwrite
    ? 'ON CONFLICT (year) DO UPDATE SET source = excluded.source, rest = excluded.rest, work = excluded.work, loaded_at = now()'
    : 'ON CONFLICT (year) DO NOTHING';
  const result = await pool.query(
    `INSERT INTO holiday_calendar (year, source, rest, work, loaded_at)
     VALUES ($1, $2, $3::date[], $4::date[], now()) ${conflict}`,
    [calendar.year, calendar.source, [...calendar.rest].sort(), [...calendar.work].sort()],
  );
  return (result.rowCount ?? 0) > 0;
}

const shippedDirectory = fileURLToPath(new URL('.', import.meta.url));

/** The calendar files shipped in the repo (infra/calendar/<year>.json), validated. */
export async function readShippedCalendars(): Promise<CalendarYear[]> {
  const files = (await readdir(shippedDirectory)).filter((name) => /^\d{4}\.json$/.test(name)).sort();
  return Promise.all(files.map((name) => readCalendarFile(`${shippedDirectory}${name}`)));
}

/** Called at start-up: loads every shipped year not yet in the table. Returns the years written. */
export async function loadShippedCalendars(pool: Pick<Pool, 'query'>): Promise<number[]> {
  const written: number[] = [];
  for (const calendar of await readShippedCalendars()) {
    if (await upsertCalendar(pool, calendar, { overwrite: false })) written.push(calendar.year);
  }
  return written;
}
