// Appends to the audit trail: append-only, hash-chained globally and per process, written once per
// event key however often Temporal retries the activity.
import type pg from 'pg';
import type { AuditEntryInput } from '../workflows/shared/audit';
import { auditRowHash, genesisHash, type HashedAuditFields } from './audit-hash';
import { inTransaction } from '../infra/db/database';

// One writer at a time extends the chain; an advisory lock scoped to the transaction does it.
const auditChainLock = 0x636f7572; // "cour"

export interface AppendedAudit {
  id: number;
  hash: string;
  duplicate: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Takes the chain's lock for the rest of the caller's transaction: call last, just before commit. */
export async function lockAuditChain(client: Queryable): Promise<void> {
  await client.query('select pg_advisory_xact_lock($1)', [auditChainLock]);
}

/**
 * Appends one entry inside the caller's transaction, which must hold the chain's lock
 * (lockAuditChain); entries appended one after another chain in that order.
 */
export async function appendAuditInTransaction(client: Queryable, entry: AuditEntryInput): Promise<AppendedAudit> {
  const existing = await client.query<{ id: number; hash: string }>('select id, hash from audit_trail where event_key = $1', [entry.eventKey]);
  if (existing.rows[0]) return { ...existing.rows[0], duplicate: true };
  const last = await client.query<{ hash: string }>('select hash from audit_trail order by id desc limit 1');
  const lastOfProcess = await client.query<{ process_hash: string }>(
    'select process_hash from audit_trail where process_id = $1 order by id desc limit 1',
    [entry.processId],
  );
  const fields: HashedAuditFields = {
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
  const prevHash = last.rows[0]?.hash ?? genesisHash;
  const processPrevHash = lastOfProcess.rows[0]?.process_hash ?? genesisHash;
  const hash = auditRowHash(prevHash, fields);
  const inserted = await client.query<{ id: number }>(
    `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details,
       occurred_at, prev_hash, hash, process_prev_hash, process_hash)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) returning id`,
    [fields.eventKey, fields.processKind, fields.processId, fields.actorId, fields.actorRole, fields.actorCourt, fields.action,
      fields.reason, JSON.stringify(fields.details), fields.occurredAt, prevHash, hash,
      processPrevHash, auditRowHash(processPrevHash, fields)],
  );
  return { id: inserted.rows[0]!.id, hash, duplicate: false };
}

export async function appendAuditEntry(pool: pg.Pool, entry: AuditEntryInput): Promise<AppendedAudit> {
  return inTransaction(pool, async (client) => {
    await lockAuditChain(client);
    const appended = await appendAuditInTransaction(client, entry);
    return appended;
  });
}

export function createAuditActivities(deps: { pool: pg.Pool }) {
  return {
    async appendAudit(entry: AuditEntryInput): Promise<AppendedAudit> {
      return appendAuditEntry(deps.pool, entry);
    },
  };
}
