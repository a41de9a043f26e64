// The audit trail on real PostgreSQL: the application's role may read and insert but PostgreSQL
// itself refuses its UPDATE, DELETE and TRUNCATE; a superuser who switches the guard off and
// changes or deletes a row is found by the verifier (and by the CLI's exit code).
import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { recordInterference } from '../../activities/interference';
import { createPool } from '../../infra/db/database';
import { actAsAppRole } from '../../infra/db/app-role';
import { verifyAuditTrail } from '../../infra/audit/verify';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';

const officer: Actor = { userId: 'officer-wang', role: 'enforcement_officer', court: 'bj-chaoyang' };
let db: TestDatabase;
let appPool: pg.Pool;

async function append(processId: string, step: number, details: Record<string, unknown> = {}) {
  return appendAuditEntry(appPool, {
    eventKey: `${processId}:${step}`, processKind: 'transfer', processId, actor: officer,
    action: `transfer.step${step}`, details, occurredAt: new Date(Date.UTC(2025, 9, 9, 2, 0, step)).toISOString(),
  });
}

/** A superuser session with the append-only triggers off, as an attacker with the keys would do it. */
async function asTamperingSuperuser(sql: string, params: unknown[] = []): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('set session_replication_role = replica');
    await client.query(sql, params);
  } finally {
    await client.query('reset session_replication_role');
    client.release();
  }
}

async function expectRefused(pool: pg.Pool, sql: string): Promise<void> {
  await expect(pool.query(sql)).rejects.toMatchObject({ code: '42501' });
}

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsAppRole(createPool(db.url, 3));
  for (let step = 1; step <= 6; step++) await append(step % 2 ? 'transfer-A' : 'transfer-B', step, { step });
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

describe('the application role (courtrelay_app)', () => {
  it('is who the app pool acts as, and may read and append', async () => {
    expect((await appPool.query('select current_user as u')).rows[0].u).toBe('courtrelay_app');
    expect((await appPool.query('select count(*)::int as n from audit_trail')).rows[0].n).toBe(6);
    expect((await append('transfer-C', 7)).duplicate).toBe(false);
    expect((await append('transfer-C', 7)).duplicate).toBe(true);
  });

  it('is refused UPDATE, DELETE and TRUNCATE on the audit trail and the interference log by PostgreSQL (42501)', async () => {
    for (const table of ['audit_trail', 'interference_log']) {
      await expectRefused(appPool, `update ${table} set recorded_at = now()`);
      await expectRefused(appPool, `delete from ${table}`);
      await expectRefused(appPool, `truncate ${table}`);
      const { rows } = await db.pool.query(
        `select has_table_privilege('courtrelay_app', $1, 'UPDATE') as u, has_table_privilege('courtrelay_app', $1, 'DELETE') as d,
                has_table_privilege('courtrelay_app', $1, 'INSERT') as i, has_table_privilege('courtrelay_app', $1, 'SELECT') as s`, [table]);
      expect(rows[0], table).toEqual({ u: false, d: false, i: true, s: true });
    }
  });

  it('keeps full DML on the read model, and cannot touch the migrations table', async () => {
    const { rows } = await db.pool.query(
      `select has_table_privilege('courtrelay_app', 'deadlines', 'UPDATE') as deadlines,
              has_table_privilege('courtrelay_app', 'escalations', 'DELETE') as escalations,
              has_table_privilege('courtrelay_app', 'schema_migrations', 'SELECT') as migrations`);
    expect(rows[0]).toEqual({ deadlines: true, escalations: true, migrations: false });
  });

  it('the owner too is stopped by the append-only trigger unless it is switched off', async () => {
    await expect(db.pool.query("update audit_trail set reason = 'x' where id = 1")).rejects.toMatchObject({ code: '42501' });
    await expect(db.pool.query('delete from audit_trail where id = 1')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('tampering by a superuser is found by the verifier', () => {
  it('an intact trail verifies, with the CLI exiting 0', async () => {
    expect(await verifyAuditTrail(db.pool)).toMatchObject({ ok: true, rows: 7, processes: 3, breaks: [] });
    const cli = spawnSync('npx', ['tsx', 'infra/audit/verify.ts', '--database-url', db.url], { encoding: 'utf8' });
    expect(cli.stdout).toContain('intact');
    expect(cli.status).toBe(0);
  });

  it('a changed row is named, in both chains, and the CLI exits 1', async () => {
    await asTamperingSuperuser(`update audit_trail set details = '{"step": 99}' where id = 3`);
    const report = await verifyAuditTrail(db.pool);
    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([
      expect.objectContaining({ chain: 'global', rowId: 3, kind: 'content-changed' }),
      expect.objectContaining({ chain: 'transfer-A', rowId: 3, kind: 'content-changed' }),
    ]);
    const cli = spawnSync('npx', ['tsx', 'infra/audit/verify.ts', '--database-url', db.url], { encoding: 'utf8' });
    expect(cli.stdout).toContain('BROKEN [global] row 3');
    expect(cli.status).toBe(1);
    await asTamperingSuperuser(`update audit_trail set details = '{"step": 3}' where id = 3`);
    expect((await verifyAuditTrail(db.pool)).ok).toBe(true);
  });

  it('a deleted row is found at the row after it', async () => {
    await asTamperingSuperuser('delete from audit_trail where id = 4');
    const report = await verifyAuditTrail(db.pool);
    expect(report.breaks).toEqual([
      expect.objectContaining({ chain: 'global', rowId: 5, kind: 'link-broken' }),
      expect.objectContaining({ chain: 'transfer-B', rowId: 6, kind: 'link-broken' }),
    ]);
  });
});

describe('the interference log under the same guard', () => {
  it('a changed or deleted interference record is found through the hash its audit entry keeps', async () => {
    const fresh = await freshDatabase();
    const pool = actAsAppRole(createPool(fresh.url, 3));
    try {
      const input = {
        caseRef: '(2025)京0105执1234号', intervenor: { name: '某某', position: '副主任', unit: '某区某局' }, channel: 'phone' as const,
        request: '询问案件何时能执行完毕，希望暂缓查封', occurredAt: '2025-10-09T10:30:00+08:00',
      };
      const first = await recordInterference(pool, input, officer);
      const second = await recordInterference(pool, { ...input, channel: 'in_person' }, officer);
      expect(await verifyAuditTrail(fresh.pool)).toMatchObject({ ok: true, interferenceRows: 2 });
      const superuser = await fresh.pool.connect();
      try {
        await superuser.query('set session_replication_role = replica');
        await superuser.query("update interference_log set request = '无' where id = $1", [first.id]);
        await superuser.query('delete from interference_log where id = $1', [second.id]);
      } finally {
        superuser.release();
      }
      const report = await verifyAuditTrail(fresh.pool);
      expect(report.ok).toBe(false);
      expect(report.breaks.map((b) => b.message)).toEqual([
        expect.stringContaining(`${first.id} was changed`),
        expect.stringContaining(`${second.id} named by audit row`),
      ]);
    } finally {
      await pool.end();
      await fresh.close();
    }
  });
});
