// Data every fresh database needs after its schema: loaded idempotently at each start.
import type pg from 'pg';
import { loadShippedCalendars } from '../calendar/load';

export async function prepareDatabase(pool: pg.Pool): Promise<void> {
  await loadShippedCalendars(pool);
}
