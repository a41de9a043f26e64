// PostgreSQL: one pool per process, the database created when missing, and the versioned SQL
// migrations in ./migrations applied at start-up by node-pg-migrate (a maintained runner with an
// advisory lock, so two processes starting at once do not both migrate).
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';

export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

// DATE columns are calendar days in China Standard Time: keep them as 'YYYY-MM-DD' strings
// instead of letting pg turn them into midnight in the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function createPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', (err) => console.warn(`postgres: idle client error: ${err.message}`));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(name)) throw new Error(`DATABASE_URL names an unusable database: "${name}"`);
  return name;
}

function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string, options: { template?: string } = {}): Promise<void> {
  const name = databaseName(databaseUrl);
  const admin = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return;
    const template = options.template ? ` template "${databaseName(`postgres://x/${options.template}`)}"` : '';
    try {
      await admin.query(`create database "${name}"${template}`);
    } catch (err) {
      // Another process created it between our look and our create.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  const admin = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

// Our files are numbered (001_x.sql), not timestamped; the runner complains of each, then orders
// them by that number all the same.
function quietLog(log: (msg: string) => void) {
  return (msg: string) => {
    if (!msg.startsWith("Can't determine timestamp")) log(msg);
  };
}

/** Applies every pending migration; waits its turn when another process holds the lock. */
export async function migrate(databaseUrl: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const applied = await runner({
        databaseUrl,
        dir: migrationsDir,
        direction: 'up',
        migrationsTable: 'schema_migrations',
        // Areas own number ranges (001 foundation, 020 transfer, 040 preservation, …) that grew
        // side by side; each file stands alone, so a lower number landing later is applied, not refused.
        checkOrder: false,
        log: () => {},
        logger: { debug: () => {}, info: () => {}, warn: quietLog(log), error: quietLog(log) },
      });
      return applied.map((m) => m.name);
    } catch (err) {
      const busy = String(err).includes('Another migration is already running');
      if (!busy || attempt >= 60) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
