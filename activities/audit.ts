// Appends to the audit trail: append-only, one hash chain per process (case) numbered by `seq`,
// each row sealed by the writer (activities/audit-seal.ts), written once per event key however
// often Temporal retries the activity. No lock is shared between processes: a workflow is its
// process's single writer in practice, and when two writers of one process meet (a hand-off in the
// console while the workflow records an act), the unique (process_id, seq) lets one win and the
// other re-read the head and take the next place.
import type pg from 'pg';
import type { AuditEntryInput } from '../workflows/shared/audit';
import { auditRowHash, genesisHash, type HashedAuditFields } from './audit-hash';
import { currentSealKey, sealRow } from './audit-seal';
import { inTransaction } from '../infra/db/database';

export interface AppendedAudit {
  id: number;
  seq: number;
  /** The row's hash in its process chain. */
  hash: string;
  duplicate: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Actions the API writes into a process's chain itself, outside the workflow, so no workflow
 * history records them: an interference record (activities/interference.ts), a work-queue claim or
 * hand-off (api/console/work-queue.ts), a notice's redelivery (activities/notices/redelivery.ts).
 * Every other row of a transfer's or preservation's chain is a workflow's act.
 */
export const actionsAuditedOutsideWorkflows: ReadonlySet<string> = new Set([
  'interference.record', 'workqueue.claim', 'workqueue.assign', 'redeliverNotice',
]);

// Writers of one process contending for the same place: each loss means another row was appended,
// so a bound this size is reached only by a runaway, which is then an error rather than a spin.
const maxPlaceAttempts = 50;

function fieldsOf(entry: AuditEntryInput): HashedAuditFields {
  return {
    eventKey: entry.eventKey,
    processKind: entry.processKind,
    processId: entry.processId,
    actorId: entry.actor.userId,
    actorRole: entry.actor.role,
    actorCourt: entry.actor.court ?? null,
    action: entry.action,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
    occurredAt: entry.occurredAt,
  };
}

async function existing(client: Queryable, eventKey: string): Promise<AppendedAudit | undefined> {
  const found = await client.query<{ id: string; seq: string; hash: string }>(
    'select id, seq, process_hash as hash from audit_trail where event_key = $1', [eventKey],
  );
  const row = found.rows[0];
  return row ? { id: Number(row.id), seq: Number(row.seq), hash: row.hash, duplicate: true } : undefined;
}

/**
 * Appends one entry at the head of its process's chain inside the caller's transaction (which must
 * be open: a savepoint guards each attempt). Entries appended one after another chain in that
 * order. Returns the row already written under the same event key instead of writing twice.
 */
export async function appendAuditInTransaction(client: Queryable, entry: AuditEntryInput): Promise<AppendedAudit> {
  const fields = fieldsOf(entry);
  for (let attempt = 1; ; attempt++) {
    const already = await existing(client, entry.eventKey);
    if (already) return already;
    const head = await client.query<{ seq: string; process_hash: string }>(
      'select seq, process_hash from audit_trail where process_id = $1 order by seq desc limit 1', [entry.processId],
    );
    const seq = Number(head.rows[0]?.seq ?? 0) + 1;
    const prev = head.rows[0]?.process_hash ?? genesisHash;
    const hash = auditRowHash(prev, fields);
    const key = currentSealKey();
    await client.query('savepoint audit_append');
    try {
      const inserted = await client.query<{ id: string }>(
        `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details,
           occurred_at, seq, process_prev_hash, process_hash, seal, seal_key_id)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) returning id`,
        [fields.eventKey, fields.processKind, fields.processId, fields.actorId, fields.actorRole, fields.actorCourt, fields.action,
          fields.reason, JSON.stringify(fields.details), fields.occurredAt, seq, prev, hash,
          sealRow(key, fields.processId, seq, hash), key.id],
      );
      await client.query('release savepoint audit_append');
      return { id: Number(inserted.rows[0]!.id), seq, hash, duplicate: false };
    } catch (err) {
      const code = (err as { code?: string }).code;
      await client.query('rollback to savepoint audit_append');
      // 23505: another writer took this place, or wrote this very event, and committed first.
      if (code !== '23505' || attempt >= maxPlaceAttempts) throw err;
    }
  }
}

export async function appendAuditEntry(pool: pg.Pool, entry: AuditEntryInput): Promise<AppendedAudit> {
  return inTransaction(pool, (client) => appendAuditInTransaction(client, entry));
}

export function createAuditActivities(deps: { pool: pg.Pool }) {
  return {
    async appendAudit(entry: AuditEntryInput): Promise<AppendedAudit> {
      return appendAuditEntry(deps.pool, entry);
    },
  };
}
