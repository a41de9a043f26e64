// Running as the application's database role. Migrations need the tables' owner; the API and the
// worker need less: every connection of their pool switches to courtrelay_app (migration 060),
// which may read and insert audit and interference rows but never update or delete them.
import type pg from 'pg';
import { isLoopbackHost, type Config } from '../config';
import { useSealKeyFile } from '../../activities/audit-seal';
import { createPool } from './database';

export const appRole = 'courtrelay_app';

/**
 * Makes every new connection of the pool act as `role` (SET ROLE) before the pool hands it out;
 * a connection that cannot switch is closed and its caller gets the error.
 */
export function actAsAppRole(pool: pg.Pool, role: string = appRole): pg.Pool {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`unusable database role name: "${role}"`);
  // pg-pool awaits the promise this hook returns (its type says void).
  const switchRole = async (client: pg.ClientBase): Promise<void> => {
    await client.query(`set role ${role}`);
  };
  pool.options.onConnect = switchRole as (client: pg.ClientBase) => void;
  return pool;
}

/**
 * The pool the API and the worker use: the configured database, acting as the app role. They are
 * the audit trail's writers, so this also loads the key they seal rows with (AUDIT_SEAL_KEY_FILE).
 */
export function createAppPool(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_APP_ROLE'> & Partial<Pick<Config, 'AUDIT_SEAL_KEY_FILE' | 'API_HOST' | 'NODE_ENV'>>, max = 10,
): pg.Pool {
  useSealKeyFile(config.AUDIT_SEAL_KEY_FILE);
  if (!config.AUDIT_SEAL_KEY_FILE && (config.NODE_ENV === 'production' || (config.API_HOST && !isLoopbackHost(config.API_HOST)))) {
    console.warn('courtrelay: audit rows are sealed with the public development key, which proves nothing: set AUDIT_SEAL_KEY_FILE (审计封印使用开发密钥)');
  }
  const pool = createPool(config.DATABASE_URL, max);
  return config.DATABASE_APP_ROLE === 'none' ? pool : actAsAppRole(pool, config.DATABASE_APP_ROLE);
}
