// Administrator command: validate holiday calendar files and load them, replacing any year
// already loaded. Usage: npm run calendar:load -- infra/calendar/2027.json [more.json …]
import { loadConfig } from '../config';
import { createPool } from '../db/database';
import { CalendarFileError, readCalendarFile, upsertCalendar } from './load';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run calendar:load -- <year>.json [<year>.json …]');
  process.exit(2);
}

async function main(): Promise<number> {
  const calendars = [];
  for (const file of files) {
    try {
      calendars.push(await readCalendarFile(file));
    } catch (error) {
      console.error(error instanceof CalendarFileError ? error.message : `${file}: ${(error as Error).message}`);
      return 1;
    }
  }
  const pool = createPool(loadConfig().DATABASE_URL, 1);
  try {
    for (const calendar of calendars) {
      await upsertCalendar(pool, calendar, { overwrite: true });
      console.log(`loaded ${calendar.year}: ${calendar.rest.length} rest days, ${calendar.work.length} swapped working days (${calendar.source})`);
    }
    return 0;
  } catch (error) {
    const hint = (error as { code?: string }).code === '42P01' ? ' (table holiday_calendar missing: run `npm run migrate` first)' : '';
    console.error(`loading failed: ${(error as Error).message}${hint}`);
    return 1;
  } finally {
    await pool.end();
  }
}

process.exitCode = await main();
