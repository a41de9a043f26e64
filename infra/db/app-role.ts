// Running as a process's own database role (migration 123). Migrations need the tables' owner; the
// API and the worker need less, and not the same: courtrelay_api reads the read model and writes
// only what the API owns, courtrelay_worker writes the read model, neither may change the audit
// trail, documents or checkpoints. A deployment gives each process its own login
// (DATABASE_API_URL, DATABASE_WORKER_URL); locally one DATABASE_URL serves all and each pool
// switches to its role with SET ROLE.
import type pg from 'pg';
import type { Config } from '../config';
import { trustSealPublicKeys, useSealKeyFile } from '../../activities/audit-seal';
import { trustedSealKeys } from '../audit/keys';
import { createPool } from './database';

export const apiRole = 'courtrelay_api';
export const workerRole = 'courtrelay_worker';
export const auditorRole = 'courtrelay_auditor';

/**
 * Makes every new connection of the pool act as `role` (SET ROLE) before the pool hands it out;
 * a connection that cannot switch is closed and its caller gets the error.
 */
export function actAsRole(pool: pg.Pool, role: string): pg.Pool {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`unusable database role name: "${role}"`);
  // pg-pool awaits the promise this hook returns (its type says void).
  const switchRole = async (client: pg.ClientBase): Promise<void> => {
    await client.query(`set role ${role}`);
  };
  pool.options.onConnect = switchRole as (client: pg.ClientBase) => void;
  return pool;
}

export type AppProcess = 'api' | 'worker';

type PoolConfig = Pick<Config, 'DATABASE_URL'> & Partial<Pick<Config,
  'DATABASE_API_URL' | 'DATABASE_WORKER_URL' | 'DATABASE_API_ROLE' | 'DATABASE_WORKER_ROLE' | 'AUDIT_SEAL_KEY_FILE' | 'AUDIT_SEAL_PUBLIC_KEY_FILES'>>;

/**
 * The pool of the API or the worker: its own login when configured, else DATABASE_URL, acting as
 * its role (`none`: the login's own). Both append audit rows, so this also loads the key they seal
 * rows with (AUDIT_SEAL_KEY_FILE) and the public keys whose seals it recognises (AUDIT_SEAL_PUBLIC_KEY_FILES).
 * Where the development seal key must not be used, the entry points refuse before this runs
 * (`loadConfig('writer')`, infra/config.ts requirePrivateKeys).
 */
export function createAppPool(config: PoolConfig, of: AppProcess, max = 10): pg.Pool {
  useSealKeyFile(config.AUDIT_SEAL_KEY_FILE);
  // A retry finding its row sealed with a retired key still recognises it (activities/audit.ts).
  trustSealPublicKeys(trustedSealKeys(config));
  const url = (of === 'api' ? config.DATABASE_API_URL : config.DATABASE_WORKER_URL) ?? config.DATABASE_URL;
  const role = (of === 'api' ? config.DATABASE_API_ROLE : config.DATABASE_WORKER_ROLE) ?? (of === 'api' ? apiRole : workerRole);
  const pool = createPool(url, max);
  return role === 'none' ? pool : actAsRole(pool, role);
}
