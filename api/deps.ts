import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Config } from '../infra/config';
import type { Logger } from '../infra/log';
import type { ApiMetrics } from './http/metrics';

/** What the API needs from the outside world; tests pass real ones pointed at test services. */
export interface ApiDeps {
  config: Config;
  client: Client;
  pool: pg.Pool;
  /** Where the API's series are recorded (served by the metrics listener); unset: a registry of the app's own. */
  metrics?: ApiMetrics;
  /** The JSON request log; unset: silent (tests that read it pass their own). */
  log?: Logger;
}
