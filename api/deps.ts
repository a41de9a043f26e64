import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Config } from '../infra/config';

/** What the API needs from the outside world; tests pass real ones pointed at test services. */
export interface ApiDeps {
  config: Config;
  client: Client;
  pool: pg.Pool;
}
