// audit:verify --deep on real PostgreSQL: every stored document against its own hash and the hash
// its issuing act put in the audit trail. Issue 16's fake 移送决定书 with a made-up SHA-256, inserted
// by a database role, is named; so is a document changed by a superuser, and one deleted.
import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { contentHash } from '../../activities/documents/store';
import { createPool } from '../../infra/db/database';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { verifyAuditTrail } from '../../infra/audit/verify';
import { systemActor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let worker: pg.Pool;
const processId = 'transfer-911101050000DEEP01';

async function insertDocument(pool: pg.Pool, id: string, content: string, sha256 = contentHash(content), age = '1 hour'): Promise<void> {
  await pool.query(
    `insert into documents (id, document_key, process_kind, process_id, kind, title, recipient_kind, content, sha256, created_at)
     values ($1, $1, 'transfer', $2, 'transfer_decision', '移送决定书', 'file', $3, $4, now() - $5::interval)`,
    [id, processId, content, sha256, age],
  );
}

beforeAll(async () => {
  db = await freshDatabase();
  worker = actAsRole(createPool(db.url, 2), workerRole);
  for (const id of ['doc-issued-1', 'doc-issued-2']) await insertDocument(worker, id, `移送决定书 ${id}`);
  await appendAuditEntry(worker, {
    eventKey: `${processId}:issue:1`, processKind: 'transfer', processId, actor: systemActor,
    action: 'issueDocuments', occurredAt: new Date().toISOString(),
    details: { documents: ['doc-issued-1', 'doc-issued-2'].map((id) => ({ documentId: id, kind: 'transfer_decision', sha256: contentHash(`移送决定书 ${id}`) })) },
  });
});
afterAll(async () => {
  await worker.end();
  await db.close();
});

describe('audit:verify --deep', () => {
  it('passes documents that match what their act audited', async () => {
    expect(await verifyAuditTrail(db.pool, undefined, undefined, { deep: true })).toMatchObject({ ok: true, documents: 2, findings: [] });
  });

  it('names a document a database role inserted (false hash or true), one changed, and one deleted', async () => {
    await insertDocument(worker, 'doc-fake-1', '伪造的移送决定书', 'a'.repeat(64));
    await insertDocument(worker, 'doc-fake-2', '伪造的移送决定书（哈希正确）');
    await insertDocument(worker, 'doc-just-issued', '刚刚生成、尚未入审计链', undefined, '1 second');
    // created_at is the inserter's to set: dated ahead, a forgery must not stay "just issued" for ever.
    await insertDocument(worker, 'doc-fake-future', '伪造的移送决定书（日期在未来）', undefined, '-50 years');
    const superuser = await db.pool.connect();
    try {
      await superuser.query('set session_replication_role = replica');
      await superuser.query("update documents set content = '改过的内容' where id = 'doc-issued-1'");
      await superuser.query("delete from documents where id = 'doc-issued-2'");
    } finally {
      await superuser.query('reset session_replication_role');
      superuser.release();
    }
    const report = await verifyAuditTrail(db.pool, undefined, undefined, { deep: true });
    expect(report.findings.map((f) => [f.kind, f.message.split(' ')[1]])).toEqual([
      ['changed', 'doc-issued-1'],
      ['changed', 'doc-fake-1'],
      ['forged', 'doc-fake-1'],
      ['forged', 'doc-fake-2'],
      ['forged', 'doc-fake-future'],
      ['missing', 'doc-issued-2'],
    ]);
    expect((await verifyAuditTrail(db.pool)).ok).toBe(true); // without --deep, documents are not read
    // --deep also asks each transfer's workflow (none here), so the CLI needs the test's Temporal.
    const cli = spawnSync('npx', ['tsx', 'infra/audit/verify.ts', '--database-url', db.url, '--deep'],
      { encoding: 'utf8', env: { ...process.env, TEMPORAL_ADDRESS: inject('temporalAddress') } });
    expect(cli.stdout).toContain('FORGED: document doc-fake-1');
    expect(cli.status).toBe(1);
  });
});
