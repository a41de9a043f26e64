// Running as the application's database role. Migrations need the tables' owner; the API and the
// worker need less: every connection of their pool switches to courtrelay_app (migration 060),
// which may read and insert audit and interference rows but never update or delete them.
import type pg from 'pg';

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
