// What each process's database role may do, per table (migration 123), read from PostgreSQL's own
// privilege functions for every table and view of the schema, then a few of issue 16's attacks
// tried for real and refused. A table a later migration adds without a decision is held to the
// default (worker reads and writes, API reads); change the matrix below when deciding otherwise.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../infra/db/database';
import { actAsRole, apiRole, auditorRole, workerRole } from '../../infra/db/app-role';
import { freshDatabase, type TestDatabase } from '../support/database';

type Grants = { api: string; worker: string; auditor: string };
const privileges = { S: 'SELECT', I: 'INSERT', U: 'UPDATE', D: 'DELETE', T: 'TRUNCATE' } as const;

const workerWrites = ['transfers', 'transfer_cases', 'transfer_parties', 'transfer_property', 'transfer_consents', 'transfer_material_items',
  'transfer_notices', 'known_creditors', 'attachment_distributions', 'attachment_distribution_rows', 'preservations',
  'preservation_measures', 'preservation_consultations', 'seizures', 'process_notices', 'deadlines', 'escalations', 'reminder_digests',
  'candidate_worklist'];

// Table-level privileges; column-level ones (audit rows, a dismissal, a redelivery) are checked apart.
const expected: Record<string, Grants> = {
  ...Object.fromEntries(workerWrites.map((t) => [t, { api: 'S', worker: 'SIU', auditor: '' }])),
  // audit:verify --deep reads them as the auditor (migration 210).
  ...Object.fromEntries(['preservations', 'preservation_measures', 'seizures', 'deadlines'].map((t) => [t, { api: 'S', worker: 'SIU', auditor: 'S' }])),
  documents: { api: 'S', worker: 'SI', auditor: 'S' },
  transfers: { api: 'S', worker: 'SIU', auditor: 'S' },
  audit_trail: { api: 'S', worker: 'S', auditor: 'S' },
  audit_checkpoints: { api: '', worker: '', auditor: 'SI' },
  audit_sealing_began: { api: '', worker: '', auditor: 'S' },
  interference_log: { api: 'SI', worker: 'S', auditor: 'S' },
  work_assignments: { api: 'SIU', worker: 'S', auditor: '' },
  enforcement_cases: { api: 'SIU', worker: 'S', auditor: '' },
  idempotency_keys: { api: 'SIUD', worker: '', auditor: '' },
  holiday_calendar: { api: 'S', worker: 'S', auditor: '' },
  courts: { api: 'S', worker: 'S', auditor: '' },
  jurisdictions: { api: 'S', worker: 'S', auditor: '' },
  notice_outbox: { api: 'S', worker: 'S', auditor: '' },
  enforcement_queue: { api: 'S', worker: 'S', auditor: '' },
  seizure_register: { api: 'S', worker: 'S', auditor: '' },
  schema_migrations: { api: '', worker: '', auditor: '' },
  process_failures: { api: 'S', worker: 'SIUD', auditor: '' },
  transfer_bars: { api: 'S', worker: 'SI', auditor: '' },
  // Written at sign-in (migration 190, by column for a refresh), printed by the worker (migration 215).
  people: { api: 'SI', worker: 'S', auditor: '' },
  // Every change of a person's name, kept by a trigger (migration 240): nobody but the owner writes it.
  people_changes: { api: '', worker: '', auditor: 'S' },
};
const laterTable: Grants = { api: 'S', worker: 'SIU', auditor: '' };

let db: TestDatabase;
let tables: string[];
const pools: Record<'api' | 'worker', pg.Pool> = {} as never;

beforeAll(async () => {
  db = await freshDatabase();
  tables = (await db.pool.query<{ name: string }>(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'v') order by 1",
  )).rows.map((r) => r.name);
  pools.api = actAsRole(createPool(db.url, 2), apiRole);
  pools.worker = actAsRole(createPool(db.url, 2), workerRole);
});
afterAll(async () => {
  await pools.api.end();
  await pools.worker.end();
  await db.close();
});

async function held(role: string, table: string): Promise<string> {
  let out = '';
  for (const [letter, privilege] of Object.entries(privileges)) {
    const { rows } = await db.pool.query<{ ok: boolean }>('select has_table_privilege($1, $2, $3) as ok', [role, `public.${table}`, privilege]);
    if (rows[0]!.ok) out += letter;
  }
  return out;
}

describe('table privileges of each role', () => {
  it('the schema has the tables the matrix decides on', () => {
    expect(tables).toEqual(expect.arrayContaining(Object.keys(expected)));
  });

  it.each(Object.keys(expected).concat(['(any later table)']))('%s', async (table) => {
    for (const name of table === '(any later table)' ? [] : [table]) {
      const want = expected[name] ?? laterTable;
      expect({ api: await held(apiRole, name), worker: await held(workerRole, name), auditor: await held(auditorRole, name) }, name).toEqual(want);
    }
  });

  it('every other table of the schema holds the default for later tables', async () => {
    for (const name of tables.filter((t) => !(t in expected))) {
      expect({ api: await held(apiRole, name), worker: await held(workerRole, name), auditor: await held(auditorRole, name) }, name).toEqual(laterTable);
    }
  });

  it('column grants: audit rows by content only; a dismissal and a redelivery by their columns only', async () => {
    const col = async (role: string, table: string, column: string, privilege: string) =>
      (await db.pool.query<{ ok: boolean }>('select has_column_privilege($1, $2, $3, $4) as ok', [role, table, column, privilege])).rows[0]!.ok;
    for (const role of [apiRole, workerRole]) {
      expect(await col(role, 'audit_trail', 'process_hash', 'INSERT'), role).toBe(true);
      expect(await col(role, 'audit_trail', 'seal', 'INSERT'), role).toBe(true);
      expect(await col(role, 'audit_trail', 'id', 'INSERT'), role).toBe(false);
      expect(await col(role, 'audit_trail', 'recorded_at', 'INSERT'), role).toBe(false);
      expect(await col(role, 'audit_trail', 'actor_id', 'UPDATE'), role).toBe(false);
    }
    expect(await col(apiRole, 'candidate_worklist', 'status', 'UPDATE')).toBe(true);
    expect(await col(apiRole, 'candidate_worklist', 'courts', 'UPDATE')).toBe(false);
    for (const outbox of ['transfer_notices', 'process_notices']) {
      expect(await col(apiRole, outbox, 'attempts', 'UPDATE'), outbox).toBe(true);
      expect(await col(apiRole, outbox, 'recipient', 'UPDATE'), outbox).toBe(false);
    }
  });

  it('the retired shared role courtrelay_app can no longer log in', async () => {
    const { rows } = await db.pool.query("select rolcanlogin from pg_roles where rolname = 'courtrelay_app'");
    expect(rows[0]).toEqual({ rolcanlogin: false });
  });
});

describe("issue 16's attacks, tried as each role and refused by PostgreSQL (42501)", () => {
  const refused = (pool: pg.Pool, sql: string) => expect(pool.query(sql)).rejects.toMatchObject({ code: '42501' });

  it('the API cannot move a transfer\'s stage, push a measure\'s expiry out, insert a document or widen a candidate\'s courts', async () => {
    await refused(pools.api, "update transfers set stage = 'accepted'");
    await refused(pools.api, "update preservation_measures set expires_at = expires_at + interval '10 years'");
    await refused(pools.api, "update candidate_worklist set courts = '{}'");
    await refused(pools.api, "insert into documents (document_key) values ('fake')");
    await refused(pools.api, 'delete from deadlines');
  });

  it('neither may change or remove documents, audit rows or checkpoints', async () => {
    for (const pool of [pools.api, pools.worker]) {
      await refused(pool, "update documents set sha256 = 'x'");
      await refused(pool, 'delete from documents');
      await refused(pool, "update audit_trail set actor_id = 'x'");
      await refused(pool, 'delete from audit_trail');
      await refused(pool, 'select * from audit_checkpoints');
    }
  });

  it('the API may only put an undelivered notice back in the queue, not mark it delivered or push it out (migration 200)', async () => {
    const seeded = await db.pool.query(
      `insert into process_notices (notice_key, process_kind, process_id, kind, recipient_kind, recipient, body, status, attempts)
       values ('grants-n1', 'preservation', 'preservation-grants', 'ruling', 'party', 'p1', '通知', 'failed', 5) returning notice_key`);
    expect(seeded.rowCount).toBe(1);
    for (const attack of [
      "update process_notices set status = 'delivered' where notice_key = 'grants-n1'",
      "update process_notices set status = 'pending', attempts = 0, next_attempt_at = now() + interval '10 years' where notice_key = 'grants-n1'",
      "update process_notices set claimed_until = now() + interval '10 years' where notice_key = 'grants-n1'",
    ]) await refused(pools.api, attack);
    expect((await db.pool.query("select status, attempts from process_notices where notice_key = 'grants-n1'")).rows[0]).toEqual({ status: 'failed', attempts: 5 });
    // The redelivery itself (activities/notices/redelivery.ts) still goes through.
    await pools.api.query("update process_notices set status = 'pending', attempts = 0, next_attempt_at = now(), claimed_until = null where notice_key = 'grants-n1'");
    expect((await db.pool.query("select status, attempts from process_notices where notice_key = 'grants-n1'")).rows[0]).toEqual({ status: 'pending', attempts: 0 });
    // Once delivered, not even a redelivery-shaped update may undo it; the worker's dispatcher is not held.
    await pools.worker.query("update process_notices set status = 'delivered', delivered_at = now() where notice_key = 'grants-n1'");
    await refused(pools.api, "update process_notices set status = 'pending', attempts = 0, next_attempt_at = now(), claimed_until = null where notice_key = 'grants-n1'");
    // A deployment's own API role (DATABASE_API_ROLE) granted courtrelay_api is held the same way.
    await db.pool.query(`do $$ begin create role courtrelay_api_custom nologin; exception when duplicate_object then null; end $$`);
    await db.pool.query('grant courtrelay_api to courtrelay_api_custom');
    await db.pool.query("update process_notices set status = 'failed', delivered_at = null where notice_key = 'grants-n1'");
    const custom = actAsRole(createPool(db.url, 1), 'courtrelay_api_custom');
    try {
      await refused(custom, "update process_notices set status = 'delivered' where notice_key = 'grants-n1'");
    } finally { await custom.end(); }
  });

  it('a person renamed by the API role stays on record with who renamed them; nobody can undo the record (migration 240)', async () => {
    await pools.api.query("insert into people (user_id, display_name, role, court) values ('grants-p1', '赵院长', 'president', 'BPC-110105')");
    await pools.api.query("update people set seen_at = now() where user_id = 'grants-p1'");
    const client = await pools.api.connect();
    try {
      // Claiming to be someone else first changes nothing: the role is taken from the change itself.
      await client.query("select set_config('courtrelay.people_changed_by', 'migration', false)");
      await client.query("update people set display_name = '李四' where user_id = 'grants-p1'");
    } finally { client.release(); }
    const kept = await db.pool.query<{ display_name: string; previous_name: string | null; changed_by: string }>(
      "select display_name, previous_name, changed_by from people_changes where user_id = 'grants-p1' order by id");
    expect(kept.rows.map((r) => [r.display_name, r.previous_name])).toEqual([['赵院长', null], ['李四', '赵院长']]);
    expect(kept.rows[1]!.changed_by).toMatch(/courtrelay_api$/);
    for (const pool of [pools.api, pools.worker]) {
      await refused(pool, "delete from people_changes where user_id = 'grants-p1'");
      await refused(pool, "update people_changes set display_name = '赵院长'");
      await refused(pool, "insert into people_changes (user_id, display_name, role) values ('grants-p1', '赵院长', 'president')");
      await refused(pool, 'alter table people disable trigger people_changes_kept');
    }
    await expect(db.pool.query("delete from people_changes where user_id = 'grants-p1'")).rejects.toThrow(/append-only/);
  });

  it('the worker cannot delete read-model rows, touch idempotency keys or write interference records', async () => {
    await refused(pools.worker, 'delete from transfers');
    await refused(pools.worker, 'select * from idempotency_keys');
    await refused(pools.worker, "insert into interference_log (id) values (gen_random_uuid())");
    await refused(pools.worker, "update work_assignments set assignee = 'x'");
  });
});
