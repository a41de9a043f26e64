// The audit trail on real PostgreSQL. The worker's role may read and append but PostgreSQL
// refuses its UPDATE, DELETE and TRUNCATE, its choosing a row's id, and any write to the
// checkpoints. Each tampering case of issue 16 is then done as an attacker would and found by the
// verifier, named by kind and row: a correctly chained append by the worker's role (forged), the newest
// row deleted (truncated), a superuser's rewrite with the chain recomputed (forged, and changed
// against the checkpoint), a middle row deleted (missing), two rows' places swapped (reordered), and
// a checkpoint deleted (found with the exported witness).
import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { auditRowHash, type HashedAuditFields } from '../../activities/audit-hash';
import { recordInterference } from '../../activities/interference';
import { createPool } from '../../infra/db/database';
import { actAsRole, apiRole, workerRole } from '../../infra/db/app-role';
import { checkpointSigningKey, trustedCheckpointKeys } from '../../infra/audit/keys';
import { exportCheckpoints, writeCheckpoint } from '../../infra/audit/checkpoint';
import { readWitnessFile, verifyAuditTrail, type AuditRow, type Finding } from '../../infra/audit/verify';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const officer: Actor = { userId: 'officer-wang', role: 'enforcement_officer', court: 'BPC-110105' };
const cases = ['forge', 'truncate', 'rechain', 'gap', 'swap'].map((c) => `transfer-${c}`);
let db: TestDatabase;
let appPool: pg.Pool;

async function append(processId: string, step: number, details: Record<string, unknown> = {}) {
  return appendAuditEntry(appPool, {
    eventKey: `${processId}:${step}`, processKind: 'transfer', processId, actor: officer,
    action: `transfer.step${step}`, details, occurredAt: new Date(Date.UTC(2025, 9, 9, 2, 0, step)).toISOString(),
  });
}

/** A superuser session with the append-only triggers off, as an attacker with the keys would do it. */
async function asTamperingSuperuser(work: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('set session_replication_role = replica');
    await work(client);
  } finally {
    await client.query('reset session_replication_role');
    client.release();
  }
}

function fieldsOf(r: AuditRow): HashedAuditFields {
  return {
    eventKey: r.event_key, processKind: r.process_kind, processId: r.process_id, actorId: r.actor_id, actorRole: r.actor_role,
    actorCourt: r.actor_court, action: r.action, reason: r.reason, details: r.details, occurredAt: new Date(r.occurred_at).toISOString(),
  };
}

const checkpoint = () => writeCheckpoint(db.pool, checkpointSigningKey({}), trustedCheckpointKeys({}));
const verifyCli = (...args: string[]) => spawnSync('npx', ['tsx', 'infra/audit/verify.ts', '--database-url', db.url, ...args], { encoding: 'utf8' });

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 3), workerRole);
  for (const processId of cases) for (let step = 1; step <= 4; step++) await append(processId, step, { step });
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

describe('the worker role (courtrelay_worker), the audit trail\'s main writer', () => {
  it('is who the app pool acts as, and may read and append once per event key', async () => {
    expect((await appPool.query('select current_user as u')).rows[0].u).toBe('courtrelay_worker');
    expect((await appPool.query('select count(*)::int as n from audit_trail')).rows[0].n).toBe(20);
    expect(await append('transfer-C', 1)).toMatchObject({ seq: 1, duplicate: false });
    expect(await append('transfer-C', 1)).toMatchObject({ seq: 1, duplicate: true });
  });

  it('is refused UPDATE, DELETE and TRUNCATE on the trail, the interference log and the checkpoints, and any checkpoint insert (42501)', async () => {
    for (const table of ['audit_trail', 'interference_log', 'audit_checkpoints']) {
      await expect(appPool.query(`update ${table} set created_at = now()`.replace('created_at', table === 'audit_checkpoints' ? 'created_at' : 'recorded_at')))
        .rejects.toMatchObject({ code: '42501' });
      await expect(appPool.query(`delete from ${table}`)).rejects.toMatchObject({ code: '42501' });
      await expect(appPool.query(`truncate ${table}`)).rejects.toMatchObject({ code: '42501' });
    }
    await expect(appPool.query("insert into audit_checkpoints (number, statement, statement_hash, key_id, signature) values (99, '{}', 'x', 'k', 's')"))
      .rejects.toMatchObject({ code: '42501' });
    await expect(appPool.query('update audit_sealing_began set first_sealed_id = 999999')).rejects.toMatchObject({ code: '42501' });
  });

  it('may not choose a row\'s id (so it cannot pass a row off as written before sealing began)', async () => {
    await expect(appPool.query(
      `insert into audit_trail (id, event_key, process_kind, process_id, actor_id, actor_role, action, occurred_at, seq, process_prev_hash, process_hash)
       values (0, 'x', 'transfer', 'transfer-x', 'a', 'b', 'c', now(), 1, 'p', 'h')`,
    )).rejects.toMatchObject({ code: '42501' });
  });

  it('may only extend a chain at its head: no place far ahead (which blocked every later act), no gap, no wrong link', async () => {
    await append('transfer-ahead', 1);
    const head = (await appPool.query<AuditRow>("select * from audit_trail where process_id = 'transfer-ahead' order by seq desc limit 1")).rows[0]!;
    const insertAt = (seq: string, prev: string) => appPool.query(
      `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, action, occurred_at, seq, process_prev_hash, process_hash)
       values ($1, 'transfer', 'transfer-ahead', 'a', 'administrator', 'consentWithdrawn', now(), $2, $3, 'h')`,
      [`transfer-ahead:forged:${seq}`, seq, prev],
    );
    await expect(insertAt('9223372036854775807', head.process_hash)).rejects.toMatchObject({ code: '23514' });
    await expect(insertAt('3', head.process_hash)).rejects.toMatchObject({ code: '23514' });
    await expect(insertAt('2', 'f'.repeat(64))).rejects.toMatchObject({ code: '23514' });
    await expect(insertAt('1', '0'.repeat(64))).rejects.toMatchObject({ code: '23505' });
    // The process still records its next act at place 2.
    await expect(append('transfer-ahead', 2)).resolves.toMatchObject({ seq: 2, duplicate: false });
  });

  it('appends from 16 concurrent writers to one process take places 1…16 of one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 16 }, (_, i) => append('transfer-race', i + 1)));
    const { rows } = await db.pool.query<{ seq: string }>("select seq from audit_trail where process_id = 'transfer-race' order by seq");
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const report = await verifyAuditTrail(db.pool);
    expect(report.findings).toEqual([]);
  });
});

describe('tampering is found by audit:verify, naming each row', () => {
  let witnessFile: string;

  it('an intact trail with a checkpoint verifies, with the CLI exiting 0', async () => {
    expect(await checkpoint()).toMatchObject({ number: 1 });
    expect(await checkpoint()).toBeUndefined();
    expect(await verifyAuditTrail(db.pool)).toMatchObject({ ok: true, checkpoints: 1, rowsSinceLastCheckpoint: 0, findings: [] });
    const cli = verifyCli();
    expect(cli.stdout).toContain('intact');
    expect(cli.status).toBe(0);
  });

  it('each case of issue 16 is named with its kind and place', async () => {
    // The newest row of transfer-truncate is deleted once a checkpoint has witnessed it.
    await asTamperingSuperuser((c) => c.query("delete from audit_trail where process_id = 'transfer-truncate' and seq = 4"));
    // The worker's database role appends a consentWithdrawn row chained with the project's own hash function.
    const head = (await appPool.query<AuditRow>("select * from audit_trail where process_id = 'transfer-forge' order by seq desc limit 1")).rows[0]!;
    const forged: HashedAuditFields = { ...fieldsOf(head), eventKey: 'transfer-forge:forged', action: 'consentWithdrawn', details: {} };
    await appPool.query(
      `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
         seq, process_prev_hash, process_hash) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,5,$11,$12)`,
      [forged.eventKey, forged.processKind, forged.processId, forged.actorId, forged.actorRole, forged.actorCourt, forged.action,
        forged.reason, JSON.stringify(forged.details), forged.occurredAt, head.process_hash, auditRowHash(head.process_hash, forged)],
    );
    // A superuser rewrites row #2's actor and recomputes the rest of the chain.
    await asTamperingSuperuser(async (c) => {
      const rows = (await c.query<AuditRow>("select * from audit_trail where process_id = 'transfer-rechain' order by seq")).rows;
      let prev = rows[0]!.process_hash;
      for (const row of rows.slice(1)) {
        const fields = { ...fieldsOf(row), actorId: row.seq === '2' || row.seq === 2 ? 'president-li' : row.actor_id };
        const hash = auditRowHash(prev, fields);
        await c.query('update audit_trail set actor_id = $2, process_prev_hash = $3, process_hash = $4 where id = $1', [row.id, fields.actorId, prev, hash]);
        prev = hash;
      }
    });
    await asTamperingSuperuser((c) => c.query("delete from audit_trail where process_id = 'transfer-gap' and seq = 2"));
    await asTamperingSuperuser(async (c) => {
      await c.query("update audit_trail set seq = 100 where process_id = 'transfer-swap' and seq = 2");
      await c.query("update audit_trail set seq = 2 where process_id = 'transfer-swap' and seq = 3");
      await c.query("update audit_trail set seq = 3 where process_id = 'transfer-swap' and seq = 100");
    });

    const report = await verifyAuditTrail(db.pool);
    const of = (p: string) => report.findings.filter((f) => f.processId === p).map((f: Finding) => ({ kind: f.kind, seq: f.seq }));
    expect(report.ok).toBe(false);
    expect(of('transfer-forge')).toEqual([{ kind: 'forged', seq: 5 }]);
    expect(of('transfer-truncate')).toEqual([{ kind: 'truncated', seq: 4 }]);
    expect(of('transfer-rechain')).toEqual([
      { kind: 'forged', seq: 2 }, { kind: 'forged', seq: 3 }, { kind: 'forged', seq: 4 }, { kind: 'changed', seq: 4 },
    ]);
    expect(of('transfer-gap')).toEqual([{ kind: 'missing', seq: 2 }]);
    expect(of('transfer-swap')).toEqual([{ kind: 'reordered', seq: 2 }, { kind: 'reordered', seq: 3 }]);
    expect(report.findings.find((f) => f.kind === 'forged' && f.processId === 'transfer-forge')!.message).toContain('consentWithdrawn');

    const cli = verifyCli();
    expect(cli.stdout).toContain('TRUNCATED: transfer-truncate #4');
    expect(cli.stdout).toContain('FORGED: row');
    expect(cli.status).toBe(1);
  });

  it('a checkpoint deleted from the database is found with the exported witness', async () => {
    // The rows changed above stop further checkpoints only if the checkpoints themselves break.
    expect(await checkpoint()).toMatchObject({ number: 2 });
    witnessFile = join(mkdtempSync(join(tmpdir(), 'courtrelay-witness-')), 'checkpoints.jsonl');
    writeFileSync(witnessFile, await exportCheckpoints(db.pool));
    expect(readWitnessFile(witnessFile).map((c) => c.number)).toEqual([1, 2]);
    await asTamperingSuperuser((c) => c.query('delete from audit_checkpoints where number = 2'));
    const cli = verifyCli('--witness', witnessFile);
    expect(cli.stdout).toContain('checkpoint #2 of the exported witness is missing from the database');
    expect(cli.status).toBe(1);
  });
});

describe('the sealing start moved by a superuser', () => {
  // audit_sealing_began says from which row on seals are required. Raised past the rows an attacker
  // rewrites (seals stripped, chain recomputed) or appends, it would pass them off as rows written
  // before sealing began: the verifier reported such a trail intact.
  /** Raises the start, strips every seal of the process, rewrites row `rewrite`'s actor and rechains from there. */
  async function rewriteUnsealed(pool: pg.Pool, processId: string, rewrite: number): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('set session_replication_role = replica');
      await client.query('update audit_sealing_began set first_sealed_id = 1000000');
      await client.query('update audit_trail set seal = null, seal_key_id = null where process_id = $1', [processId]);
      const rows = (await client.query<AuditRow>('select * from audit_trail where process_id = $1 order by seq', [processId])).rows;
      let prev = rows[rewrite - 2]!.process_hash;
      for (const row of rows.slice(rewrite - 1)) {
        const fields = { ...fieldsOf(row), actorId: Number(row.seq) === rewrite ? 'president-li' : row.actor_id };
        const hash = auditRowHash(prev, fields);
        await client.query('update audit_trail set actor_id = $2, process_prev_hash = $3, process_hash = $4 where id = $1', [row.id, fields.actorId, prev, hash]);
        prev = hash;
      }
    } finally {
      await client.query('reset session_replication_role');
      client.release();
    }
  }

  async function appendSteps(pool: pg.Pool, processId: string, from: number, to: number): Promise<void> {
    for (let step = from; step <= to; step++) {
      await appendAuditEntry(pool, {
        eventKey: `${processId}:${step}`, processKind: 'transfer', processId, actor: officer,
        action: `transfer.step${step}`, details: { step }, occurredAt: new Date(Date.UTC(2025, 9, 9, 2, 0, step)).toISOString(),
      });
    }
  }

  async function withFreshTrail(processIds: string[], work: (fresh: TestDatabase, pool: pg.Pool) => Promise<void>): Promise<void> {
    const fresh = await freshDatabase();
    const pool = actAsRole(createPool(fresh.url, 2), workerRole);
    try {
      for (const processId of processIds) await appendSteps(pool, processId, 1, 3);
      await work(fresh, pool);
    } finally {
      await pool.end();
      await fresh.close();
    }
  }

  it('is found when sealed rows of other processes now lie below it', async () => {
    await withFreshTrail(['transfer-bump-a', 'transfer-bump-b'], async (fresh) => {
      await rewriteUnsealed(fresh.pool, 'transfer-bump-a', 2);
      const report = await verifyAuditTrail(fresh.pool);
      expect(report.ok).toBe(false);
      expect(report.findings).toEqual([expect.objectContaining({ kind: 'changed', message: expect.stringContaining('封印起点被篡改') })]);
      expect(report.findings[0]!.message).toContain('transfer-bump-b');
    });
  });

  it('is found against the checkpoint that signed it when every row below it was stripped of its seal', async () => {
    await withFreshTrail(['transfer-bump-only'], async (fresh, pool) => {
      expect(await writeCheckpoint(fresh.pool, checkpointSigningKey({}), trustedCheckpointKeys({}))).toMatchObject({ number: 1 });
      // Rows after the checkpoint are witnessed by their seals only: those are what the attacker rewrites.
      await appendSteps(pool, 'transfer-bump-only', 4, 6);
      await rewriteUnsealed(fresh.pool, 'transfer-bump-only', 5);
      const report = await verifyAuditTrail(fresh.pool);
      expect(report.findings).toEqual([expect.objectContaining({ kind: 'changed', checkpoint: 1, message: expect.stringContaining('sealing began at row 1') })]);
    });
  });
});

describe('the interference log under the same guard', () => {
  it('a changed or deleted interference record is found through the hash its audit entry keeps', async () => {
    const fresh = await freshDatabase();
    const pool = actAsRole(createPool(fresh.url, 3), apiRole);
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
      expect(report.findings.map((b) => b.message)).toEqual([
        expect.stringContaining(`${first.id} was changed`),
        expect.stringContaining(`${second.id} named by audit row`),
      ]);
    } finally {
      await pool.end();
      await fresh.close();
    }
  });
});
