// Data every fresh database needs after its schema: loaded idempotently at each start.
import type pg from 'pg';

export async function prepareDatabase(_pool: pg.Pool): Promise<void> {}
