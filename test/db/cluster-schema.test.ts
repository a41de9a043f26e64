// `npm run cluster` puts Temporal's schema only into a database that is empty or already Temporal's
// (issue 19, outside break: it installed its 40 tables beside another application's `court_cases`,
// and a foreign `schema_version` table ended in a raw PostgreSQL error).
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterRefused, ensureSchema, type ClusterOptions } from '../../infra/temporal/cluster';

const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const id = `${process.pid}_${Date.now().toString(36)}`;
const databases = [`cluster_foreign_${id}`, `cluster_foreign_v_${id}`, `cluster_sv_${id}`];

async function admin<T>(database: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

const options = (databaseName: string): ClusterOptions => ({
  stateDir: '/tmp/courtrelay-cluster-schema-test', portOffset: 0, postgresUrl, databaseName,
  visibilityDatabaseName: databases[1]!, namespace: 'default', retentionDays: 3650,
});

afterAll(async () => {
  await admin('postgres', async (c) => { for (const d of databases) await c.query(`drop database if exists ${d}`); });
});

describe('the cluster\'s databases', () => {
  it('refuses, naming the tables, a database that holds another application\'s tables, and changes nothing', async () => {
    await admin('postgres', (c) => c.query(`create database ${databases[0]}`));
    await admin(databases[0]!, (c) => c.query("create table court_cases (id int); insert into court_cases values (1)"));
    const refused = await ensureSchema(options(databases[0]!)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClusterRefused);
    expect((refused as Error).message).toMatch(/court_cases.*不是 Temporal 的数据库/);
    const tables = await admin(databases[0]!, (c) => c.query("select table_name from information_schema.tables where table_schema = 'public'"));
    expect(tables.rows).toEqual([{ table_name: 'court_cases' }]);
  });

  it('refuses a foreign schema_version table with the same words, not a PostgreSQL error', async () => {
    await admin('postgres', (c) => c.query(`create database ${databases[2]}`));
    await admin(databases[2]!, (c) => c.query('create table schema_version (version text)'));
    await expect(ensureSchema(options(databases[2]!))).rejects.toThrow(/schema_version.*不是 Temporal 的数据库/);
  });
});
