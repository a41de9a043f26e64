// Outside break of issue 16: the cross-check against Temporal's histories reads only rows whose
// process_kind is 'transfer' or 'preservation' (infra/audit/history-check.ts). A row written into a
// transfer's chain with process_kind 'system' — by a holder of the writers' seal key, e.g. the
// public development key a deployment forgot to replace — passes chain and seal, is shown in the
// console's timeline of that transfer (timelineOf reads by process_id), and is never compared with
// the history, so it is not named even though no workflow wrote it. The README says a row forged with
// a stolen seal key is caught by this check.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { auditRowHash } from '../../activities/audit-hash';
import { currentSealKey, sealRow } from '../../activities/audit-seal';
import { verifyAgainstHistories } from '../../infra/audit/history-check';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.close();
});

/** A Temporal that keeps no run of the process: every act row of it is one no history records. */
const noHistories = {
  options: { namespace: 'default' },
  workflowService: { describeNamespace: async () => ({ config: { workflowExecutionRetentionTtl: { seconds: 3650 * 86_400 } } }) },
  workflow: {
    list: () => (async function* () {})(),
    getHandle: () => ({ describe: async () => { throw Object.assign(new Error('not found'), { name: 'WorkflowNotFoundError' }); } }),
  },
} as unknown as Client;

describe('history cross-check and process kinds (issue 16, outside break)', () => {
  it('names a sealed row of kind system in a transfer chain that no workflow wrote', async () => {
    const processId = 'transfer-91110105MA0SCOPE1X';
    await appendAuditEntry(db.pool, {
      eventKey: `${processId}:r:1:recordConsent`, processKind: 'transfer', processId,
      actor: { userId: 'judge-1', role: 'bankruptcy_judge', court: 'IPC-110100' }, action: 'recordConsent', occurredAt: new Date().toISOString(),
    });
    const head = (await db.pool.query<{ process_hash: string }>('select process_hash from audit_trail where process_id = $1 and seq = 1', [processId])).rows[0]!;
    const fields = {
      eventKey: `${processId}:forged:2`, processKind: 'system', processId, actorId: 'creditor-1', actorRole: 'party', actorCourt: null,
      action: 'consentWithdrawn', reason: '撤回', details: {}, occurredAt: new Date().toISOString(),
    };
    const hash = auditRowHash(head.process_hash, fields as never);
    const key = currentSealKey();
    const api = actAsRole(createPool(db.url, 1), apiRole);
    const { rows } = await api.query<{ id: string }>(
      `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
         process_prev_hash, process_hash, seq, seal, seal_key_id)
       values ($1, $2, $3, $4, $5, null, $6, $7, '{}', $8, $9, $10, 2, $11, $12) returning id`,
      [fields.eventKey, fields.processKind, processId, fields.actorId, fields.actorRole, fields.action, fields.reason, fields.occurredAt,
        head.process_hash, hash, sealRow(key, processId, 2, hash), key.id],
    );
    await api.end();
    const forgedId = Number(rows[0]!.id);
    const check = await verifyAgainstHistories(db.pool as never, noHistories, { graceMinutes: 0 });
    // The genuine-looking transfer row without a history is named; so must the system row be.
    expect(check.findings.map((f) => f.rowId)).toContain(forgedId);
  });
});
