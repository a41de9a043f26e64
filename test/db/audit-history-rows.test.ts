// The cross-check against Temporal's histories takes every row of a workflow's chain, whatever it
// claims to be (issue 16, outside break). It used to read only rows of kind 'transfer' or
// 'preservation', and to pass any row whose action the console or API audits itself: as
// courtrelay_api with the writers' seal key, a `consentWithdrawn` row of kind `system` in a
// transfer's chain — shown on the console's timeline — was never compared with the history. Rows the
// API writes itself are accepted only when they are exactly what their writer writes. A Temporal that
// keeps no run of these processes stands in for the server: no row here is one a history records.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { handOffEventKey } from '../../activities/audit-outside';
import { auditRowHash, type HashedAuditFields } from '../../activities/audit-hash';
import { currentSealKey, sealRow } from '../../activities/audit-seal';
import { verifyAgainstHistories } from '../../infra/audit/history-check';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.close();
});

const noHistories = {
  options: { namespace: 'default' },
  workflowService: { describeNamespace: async () => ({ config: { workflowExecutionRetentionTtl: { seconds: 3650 * 86_400 } } }) },
  workflow: {
    list: () => (async function* () {})(),
    getHandle: () => ({ describe: async () => { throw Object.assign(new Error('not found'), { name: 'WorkflowNotFoundError' }); } }),
  },
} as unknown as Client;

const judge: Actor = { userId: 'judge-1', role: 'bankruptcy_judge', court: 'IPC-110100' };
const officer: Actor = { userId: 'officer-wang', role: 'enforcement_officer', court: 'BPC-110105' };

/** As courtrelay_api, a row at the head of `processId`'s chain, chained and sealed with the writers' key. */
async function insertAsApi(processId: string, row: Omit<HashedAuditFields, 'processId' | 'occurredAt'>): Promise<number> {
  const head = (await db.pool.query<{ seq: string; process_hash: string }>(
    'select seq, process_hash from audit_trail where process_id = $1 order by seq desc limit 1', [processId])).rows[0]!;
  const fields: HashedAuditFields = { ...row, processId, occurredAt: new Date().toISOString() };
  const seq = Number(head.seq) + 1;
  const hash = auditRowHash(head.process_hash, fields);
  const key = currentSealKey();
  const api = actAsRole(createPool(db.url, 1), apiRole);
  try {
    const { rows } = await api.query<{ id: string }>(
      `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
         process_prev_hash, process_hash, seq, seal, seal_key_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
      [fields.eventKey, fields.processKind, processId, fields.actorId, fields.actorRole, fields.actorCourt, fields.action, fields.reason,
        JSON.stringify(fields.details), fields.occurredAt, head.process_hash, hash, seq, sealRow(key, processId, seq, hash), key.id],
    );
    return Number(rows[0]!.id);
  } finally {
    await api.end();
  }
}

async function transferChain(processId: string): Promise<void> {
  await appendAuditEntry(db.pool, {
    eventKey: `${processId}:r:1:recordConsent`, processKind: 'transfer', processId, actor: judge, action: 'recordConsent',
    occurredAt: new Date().toISOString(),
  });
}

const handOff = (processId: string, over: Partial<HashedAuditFields> = {}): Omit<HashedAuditFields, 'processId' | 'occurredAt'> => ({
  eventKey: handOffEventKey(processId, 'BPC-110105', 'enforcement', 1), processKind: 'transfer', actorId: officer.userId,
  actorRole: officer.role, actorCourt: officer.court!, action: 'workqueue.claim', reason: null,
  details: { court: 'BPC-110105', division: 'enforcement', from: null, to: officer.userId, version: 1 }, ...over,
});

const forgedIds = async () => (await verifyAgainstHistories(db.pool as never, noHistories, { graceMinutes: 0 })).findings
  .filter((f) => f.kind === 'forged').map((f) => f.rowId);

describe('history cross-check: every row of a workflow\'s chain, whatever its kind or action', () => {
  it.each<[string, (processId: string) => Omit<HashedAuditFields, 'processId' | 'occurredAt'>]>([
    ['a consentWithdrawn row of kind system', (p) => ({
      eventKey: `${p}:forged:2`, processKind: 'system', actorId: 'creditor-1', actorRole: 'party', actorCourt: null,
      action: 'consentWithdrawn', reason: '撤回', details: {},
    })],
    ['a hand-off of kind system', (p) => handOff(p, { processKind: 'system' })],
    ['a hand-off under another key than its version\'s', (p) => handOff(p, { eventKey: `${p}:workqueue:BPC-110105:enforcement:v9` })],
    ['a hand-off carrying details its writer never writes', (p) => handOff(p, {
      details: { court: 'BPC-110105', division: 'enforcement', from: null, to: officer.userId, version: 1, consent: 'withdrawn' },
    })],
    ['a claim recorded in another court than the item\'s', (p) => handOff(p, { actorCourt: 'BPC-310115' })],
    ['an interference entry under another record\'s key', () => ({
      eventKey: 'interference:00000000-0000-0000-0000-000000000001', processKind: 'transfer', actorId: officer.userId, actorRole: officer.role,
      actorCourt: officer.court!, action: 'interference.record', reason: null,
      details: { interferenceId: '00000000-0000-0000-0000-000000000002', channel: 'phone', contentHash: 'x' },
    })],
    ['a redelivery of a notice under another number than its own', () => ({
      eventKey: 'notice-1:redelivery:3', processKind: 'transfer', actorId: officer.userId, actorRole: officer.role, actorCourt: officer.court!,
      action: 'redeliverNotice', reason: '重新投递',
      details: { noticeKey: 'notice-1', kind: 'k', recipient: 'r', previousStatus: 'failed', previousAttempts: 5, lastError: null },
    })],
  ])('names %s, sealed with the writers\' key by courtrelay_api', async (_case, row) => {
    const processId = `transfer-91110105MA0${String(Math.random()).slice(2, 8)}X`;
    await transferChain(processId);
    const forged = await insertAsApi(processId, row(processId));
    expect(await forgedIds()).toContain(forged);
  });

  it('accepts a hand-off exactly as the console writes it, and names the workflow rows no history records', async () => {
    const processId = 'transfer-91110105MA0HANDOFX';
    await transferChain(processId);
    const genuine = await insertAsApi(processId, handOff(processId));
    const first = Number((await db.pool.query<{ id: string }>('select id from audit_trail where process_id = $1 and seq = 1', [processId])).rows[0]!.id);
    const forged = await forgedIds();
    expect(forged).not.toContain(genuine);
    expect(forged).toContain(first);
  });
});
