// A fresh database for one test file, cloned from the migrated template of this run.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inject } from 'vitest';
import { createPool, dropDatabase, ensureDatabase } from '../../infra/db/database';
import { databaseUrl } from '../setup/global-setup';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const name = `courtrelay_t_${inject('runId')}_${randomUUID().slice(0, 8)}`;
  const url = databaseUrl(inject('postgresUrl'), name);
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureDatabase(url, { template: inject('templateDatabase') });
      break;
    } catch (err) {
      // Two files cloning the template in the same instant: PostgreSQL refuses one; try again.
      if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  const pool = createPool(url, 5);
  return {
    url,
    pool,
    close: async () => {
      await pool.end();
      await dropDatabase(url);
    },
  };
}
