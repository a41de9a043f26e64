// Per-role logins (issue 16): a pool that switched with SET ROLE from the owner's login is undone
// by RESET ROLE; a pool that logged in as courtrelay_api is not. The migrate job sets the logins.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { setRoleLogins } from '../../infra/db/role-logins';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => { db = await freshDatabase(); });
// Roles are cluster-wide: leave the machine's courtrelay_api without the test's password.
afterAll(async () => { await db.pool.query('alter role courtrelay_api password null'); await db.close(); });

const loginAs = (role: string) => { const url = new URL(db.url); url.username = role; url.password = ''; return url.toString(); };

describe('each process logs in as its own role', () => {
  it('SET ROLE from the owner is undone by RESET ROLE: why a deployment must not share the owner login', async () => {
    const switched = actAsRole(createPool(db.url, 1), apiRole);
    try {
      await expect(switched.query("update transfers set stage = 'accepted'")).rejects.toMatchObject({ code: '42501' });
      const client = await switched.connect();
      try {
        await client.query('reset role');
        expect((await client.query<{ u: string }>('select current_user as u')).rows[0]!.u).not.toBe(apiRole);
      } finally { client.release(true); }
    } finally { await switched.end(); }
  });

  it('logged in as courtrelay_api, RESET ROLE leaves it courtrelay_api and the read model stays out of reach', async () => {
    const client = new pg.Client({ connectionString: loginAs(apiRole) });
    await client.connect();
    try {
      await client.query('reset role');
      expect((await client.query<{ u: string }>('select current_user as u')).rows[0]!.u).toBe(apiRole);
      await expect(client.query("update transfers set stage = 'accepted'")).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('set role postgres')).rejects.toMatchObject({ code: '42501' });
    } finally { await client.end(); }
  });

  it('the migrate job sets the passwords of the roles it is given, quoted by PostgreSQL, and leaves the others', async () => {
    const before = await db.pool.query<{ rolname: string; has: boolean }>(
      "select rolname, rolpassword is not null as has from pg_authid where rolname in ('courtrelay_api', 'courtrelay_worker') order by 1");
    // A quote in a password cannot break out of the statement (the config refuses such passwords too).
    expect(await setRoleLogins(db.pool, { api: "pw'; drop table transfers; --x" })).toEqual([apiRole]);
    expect((await db.pool.query("select to_regclass('public.transfers') is not null as ok")).rows[0]).toEqual({ ok: true });
    const after = await db.pool.query<{ rolname: string; has: boolean; login: boolean }>(
      "select rolname, rolpassword is not null as has, rolcanlogin as login from pg_authid where rolname in ('courtrelay_api', 'courtrelay_worker') order by 1");
    expect(after.rows[0]).toEqual({ rolname: 'courtrelay_api', has: true, login: true });
    expect(after.rows[1]!.has).toBe(before.rows.find((r) => r.rolname === 'courtrelay_worker')!.has);
    expect(await setRoleLogins(db.pool, {})).toEqual([]);
  });
});
