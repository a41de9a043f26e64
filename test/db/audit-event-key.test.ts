// An act's event key held by a row that is not the act's own (courtrelay issue 16). Event keys are
// predictable (`${stepPrefix}:${seq}:${action}`): the worker's database role can insert a correctly
// chained row under the key of an act not yet recorded, and the append used to return that row as
// "already written", so the real act was never recorded. A genuine retry must still find its own
// row, however many rows were appended after it, and the console's hand-off still follows a genuine
// other hand-off under its version key (test/e2e/work-queue-audit.test.ts). Keys are unique per
// chain (migration 271): a row in another chain holding the key blocks nothing.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { auditRowHash, type HashedAuditFields } from '../../activities/audit-hash';
import { developmentSeal, trustSealPublicKeys, useSealKeyFile } from '../../activities/audit-seal';
import { FailureRecorder, failureInterceptors } from '../../activities/failures';
import { createPool } from '../../infra/db/database';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { verifyAuditTrail, type AuditRow } from '../../infra/audit/verify';
import type { Actor } from '../../workflows/shared/actor';
import type { AuditEntryInput } from '../../workflows/shared/audit';
import { freshDatabase, type TestDatabase } from '../support/database';

const officer: Actor = { userId: 'officer-wang', role: 'enforcement_officer', court: 'BPC-110105' };
let db: TestDatabase;
let appPool: pg.Pool;

beforeAll(async () => {
  db = await freshDatabase();
  // Twenty connections, so twenty appends really run at once.
  appPool = actAsRole(createPool(db.url, 20), workerRole);
});
afterAll(async () => {
  await appPool?.end();
  await db?.close();
});

function entry(processId: string, step: number, details: Record<string, unknown> = { step }): AuditEntryInput {
  return {
    eventKey: `${processId}:${step}`, processKind: 'transfer', processId, actor: officer,
    action: `transfer.step${step}`, details, occurredAt: new Date(Date.UTC(2025, 9, 9, 2, 0, step)).toISOString(),
  };
}

const append = (processId: string, step: number) => appendAuditEntry(appPool, entry(processId, step));

const refusal = (work: Promise<unknown>) => work.then(() => undefined, (err: unknown) => err);

async function trail(processId: string) {
  return (await db.pool.query<{ seq: string; event_key: string; action: string }>(
    'select seq, event_key, action from audit_trail where process_id = $1 order by seq', [processId])).rows;
}

/** The worker's role inserts a correctly chained row under the key of step `step`, as an insider would. */
async function preempt(processId: string, step: number, row: Partial<HashedAuditFields>, seal?: { seal: string; keyId: string }): Promise<void> {
  const head = (await appPool.query<AuditRow>('select * from audit_trail where process_id = $1 order by seq desc limit 1', [processId])).rows[0]!;
  const e = entry(processId, step);
  const fields: HashedAuditFields = {
    eventKey: e.eventKey, processKind: e.processKind, processId, actorId: officer.userId, actorRole: officer.role,
    actorCourt: officer.court ?? null, action: e.action, reason: null, details: e.details, occurredAt: e.occurredAt, ...row,
  };
  await appPool.query(
    `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
       seq, process_prev_hash, process_hash, seal, seal_key_id) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [fields.eventKey, fields.processKind, fields.processId, fields.actorId, fields.actorRole, fields.actorCourt, fields.action,
      fields.reason, JSON.stringify(fields.details), fields.occurredAt, Number(head.seq) + 1, head.process_hash,
      auditRowHash(head.process_hash, fields), seal?.seal ?? null, seal?.keyId ?? null],
  );
}

describe('a row pre-empting an act\'s event key', () => {
  it.each([
    ['other content under the key', 'transfer-preempt-content', { action: 'consentWithdrawn', details: {} }, false],
    ['the act\'s exact content, unsealed', 'transfer-preempt-unsealed', {}, false],
    ['the act\'s exact content with a seal copied from another row', 'transfer-preempt-copied', {}, true],
  ])('holding %s: the act fails for good, naming the row, and is not counted as written', async (_case, processId, row, copySeal) => {
    await append(processId, 1);
    const donor = copySeal
      ? (await appPool.query<AuditRow>('select seal, seal_key_id from audit_trail where process_id = $1 and seq = 1', [processId])).rows[0]!
      : undefined;
    await preempt(processId, 2, row, donor ? { seal: donor.seal!, keyId: donor.seal_key_id! } : undefined);
    const before = await trail(processId);

    const refused = await refusal(append(processId, 2));
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'AuditEventKeyTaken', nonRetryable: true });
    expect((refused as Error).message).toMatch(new RegExp(`审计事件键已被占用.*${processId} #2`));
    // Refused again on every attempt: the act is never taken for written.
    await expect(append(processId, 2)).rejects.toMatchObject({ type: 'AuditEventKeyTaken' });
    expect(await trail(processId)).toEqual(before);

    const report = await verifyAuditTrail(db.pool);
    expect(report.findings.filter((f) => f.processId === processId).map((f) => ({ kind: f.kind, seq: f.seq })))
      .toEqual([{ kind: 'forged', seq: 2 }]);
  });

  it('is put on the supervisor\'s board (process_failures) as non-retryable by the worker\'s interceptor', async () => {
    await append('transfer-preempt-board', 1);
    await preempt('transfer-preempt-board', 2, { action: 'consentWithdrawn' });
    const interceptors = failureInterceptors(new FailureRecorder(db.pool))({
      info: { workflowExecution: { workflowId: 'transfer-preempt-board', runId: 'run-1' }, workflowType: 'transferWorkflow', activityType: 'appendAudit', attempt: 1 },
      log: { warn: () => {} },
    } as unknown as Context);
    await expect(interceptors.inbound!.execute!({ args: [], headers: {} }, () => append('transfer-preempt-board', 2)))
      .rejects.toMatchObject({ type: 'AuditEventKeyTaken' });
    const { rows } = await db.pool.query('select activity_type, retryable, error_type from process_failures where workflow_id = $1', ['transfer-preempt-board']);
    expect(rows).toEqual([{ activity_type: 'appendAudit', retryable: false, error_type: 'AuditEventKeyTaken' }]);
  });
});

describe('a row under the key in another chain (issue 16, outside break)', () => {
  it('takes nothing from the process: its act is recorded in its own chain', async () => {
    const processId = 'transfer-preempt-elsewhere';
    await append(processId, 1);
    // The worker's role opens a throwaway chain whose first row holds the process's next key.
    const e = entry(processId, 2);
    const fields: HashedAuditFields = {
      eventKey: e.eventKey, processKind: 'transfer', processId: 'dos-1', actorId: officer.userId, actorRole: officer.role,
      actorCourt: officer.court ?? null, action: e.action, reason: null, details: e.details, occurredAt: e.occurredAt,
    };
    await appPool.query(
      `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
         seq, process_prev_hash, process_hash) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1,$11,$12)`,
      [fields.eventKey, fields.processKind, fields.processId, fields.actorId, fields.actorRole, fields.actorCourt, fields.action, null,
        JSON.stringify(fields.details), fields.occurredAt, '0'.repeat(64), auditRowHash('0'.repeat(64), fields)],
    );
    expect(await append(processId, 2)).toMatchObject({ seq: 2, duplicate: false });
    expect((await trail(processId)).map((r) => r.event_key)).toEqual([`${processId}:1`, `${processId}:2`]);
    // The same key in two chains: each process's own act, each written once.
    const elsewhere = { ...entry(processId, 2), processId: 'transfer-repeat-elsewhere' };
    expect(await appendAuditEntry(appPool, elsewhere)).toMatchObject({ seq: 1, duplicate: false });
    expect(await appendAuditEntry(appPool, elsewhere)).toMatchObject({ seq: 1, duplicate: true });
  });
});

describe('a genuine repeat of an act', () => {
  it('after other rows were appended in between, returns the act\'s row where it stands', async () => {
    const processId = 'transfer-repeat-later';
    // Details whose key order jsonb does not keep, and a time written with an offset: compared as stored.
    const act: AuditEntryInput = {
      ...entry(processId, 2, { to: 'screening', from: 'triggered', nested: { b: 2, a: [1, { d: null, c: '甲' }] } }),
      reason: '财产不足以清偿', occurredAt: '2025-10-09T10:00:02.000+08:00',
    };
    await append(processId, 1);
    const first = await appendAuditEntry(appPool, act);
    expect(first).toMatchObject({ seq: 2, duplicate: false });
    for (let step = 3; step <= 6; step++) await append(processId, step);

    expect(await appendAuditEntry(appPool, act)).toEqual({ ...first, duplicate: true });
    expect(await appendAuditEntry(appPool, { ...act, occurredAt: '2025-10-09T02:00:02Z' })).toEqual({ ...first, duplicate: true });
    // The workflow task run again: its clock, and the dates the act takes from it, are later.
    const rerun = { ...act, occurredAt: '2025-10-09T02:00:09.351Z', details: { ...act.details, ruledOn: '2025-10-09T02:00:09.351Z' } };
    expect(await appendAuditEntry(appPool, rerun)).toEqual({ ...first, duplicate: true });
    expect((await trail(processId)).map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['another actor', { actor: { userId: 'supervisor-zhou', role: 'supervisor', court: 'BPC-110105' } as Actor }],
    ['another reason', { reason: '另一理由' }],
  ])('is not a row a writer sealed for %s under the same key: that fails for good too', async (_case, other) => {
    const processId = `transfer-other-${Object.keys(other)[0]}`;
    await appendAuditEntry(appPool, entry(processId, 1));
    const refused = await refusal(appendAuditEntry(appPool, { ...entry(processId, 1), ...other }));
    expect(refused).toMatchObject({ type: 'AuditEventKeyTaken', nonRetryable: true });
    expect((refused as Error).message).toContain('it records another act');
  });

  it('after the writer\'s seal key was rotated, finds its row sealed with the retired key (AUDIT_SEAL_PUBLIC_KEY_FILES)', async () => {
    const processId = 'transfer-repeat-rotated';
    const first = await append(processId, 1);
    await append(processId, 2);
    const dir = mkdtempSync(join(tmpdir(), 'courtrelay-seal-'));
    try {
      const file = join(dir, 'seal.pem');
      writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
      useSealKeyFile(file);
      await expect(append(processId, 1)).rejects.toMatchObject({ type: 'AuditEventKeyTaken' });
      trustSealPublicKeys(new Map([[developmentSeal.id, createPublicKey(developmentSeal.privateKey)]]));
      expect(await append(processId, 1)).toEqual({ ...first, duplicate: true });
    } finally {
      useSealKeyFile(undefined);
      trustSealPublicKeys(new Map());
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('20 at once: exactly one row, and all 20 return it', async () => {
    const processId = 'transfer-repeat-concurrent';
    await append(processId, 1);
    const results = await Promise.all(Array.from({ length: 20 }, () => append(processId, 2)));
    const rows = await trail(processId);
    expect(rows.filter((r) => r.event_key === `${processId}:2`)).toHaveLength(1);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2]);
    expect(new Set(results.map((r) => `${r.id}:${r.seq}:${r.hash}`)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });
});
