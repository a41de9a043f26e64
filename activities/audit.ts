// Appends to the audit trail: append-only, one hash chain per process (case) numbered by `seq`,
// each row sealed by the writer (activities/audit-seal.ts), written once per event key however
// often Temporal retries the activity. No lock is shared between processes: a workflow is its
// process's single writer in practice, and when two writers of one process meet (a hand-off in the
// console while the workflow records an act), the unique (process_id, seq) lets one win and the
// other re-read the head and take the next place.
import type pg from 'pg';
import type { AuditEntryInput } from '../workflows/shared/audit';
import { ApplicationFailure } from '@temporalio/common';
import { auditRowHash, canonicalJson, genesisHash, type HashedAuditFields } from './audit-hash';
import { currentSealKey, sealRow, sealVerifies, writerTrustedSealKey } from './audit-seal';
import { inTransaction } from '../infra/db/database';

export interface AppendedAudit {
  id: number;
  seq: number;
  /** The row's hash in its process chain. */
  hash: string;
  duplicate: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

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

interface StoredAuditRow {
  id: string;
  seq: string;
  event_key: string;
  process_kind: string;
  process_id: string;
  actor_id: string;
  actor_role: string;
  actor_court: string | null;
  action: string;
  reason: string | null;
  details: unknown;
  occurred_at: Date | string;
  process_prev_hash: string;
  process_hash: string;
  seal: string | null;
  seal_key_id: string | null;
}

function storedFieldsOf(row: StoredAuditRow): HashedAuditFields {
  return {
    eventKey: row.event_key, processKind: row.process_kind, processId: row.process_id, actorId: row.actor_id,
    actorRole: row.actor_role, actorCourt: row.actor_court, action: row.action, reason: row.reason,
    details: row.details ?? {}, occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/**
 * Why the row as stored is not one a trusted writer wrote, or undefined when it is: its hash must be
 * the one its own content gives after its own previous hash, and a writer's key (this writer's, or
 * one in AUDIT_SEAL_PUBLIC_KEY_FILES) must have sealed its own place and hash. Nothing here depends
 * on where this append would put the entry now: a genuine retry after other rows were appended finds
 * its row below the head.
 */
function unverified(row: StoredAuditRow): string | undefined {
  if (auditRowHash(row.process_prev_hash, storedFieldsOf(row)) !== row.process_hash) return 'its hash is not its content\'s';
  // Unsealed rows predate sealing (migration 122); no retry of an act that old is still running.
  if (!row.seal || !row.seal_key_id) return 'it carries no writer\'s seal';
  const key = writerTrustedSealKey(row.seal_key_id);
  if (!key) return `its seal key ${row.seal_key_id} is not one this writer trusts`;
  if (!sealVerifies(key, row.process_id, Number(row.seq), row.process_hash, row.seal)) return 'its seal does not match its place and hash';
  return undefined;
}

export interface AppendOptions {
  /**
   * The event key names a slot that another genuine act may have taken first (the n-th version of a
   * work assignment): a verified row of another act under it is returned (`duplicate`), for the
   * caller to follow. A row that does not verify is still refused.
   */
  keyMayHoldAnotherAct?: boolean;
}

/**
 * Who did what and why: what a repeat of the act reproduces. Not its time, nor the details: a
 * workflow task that Temporal runs again (seen with 20 concurrent updates of one act,
 * test/workflows/repeated-acts.test.ts; so too after its worker died mid-task) records the act again
 * from the workflow's clock at that run, so `occurredAt` and the dates in the details taken from it
 * (a decision's `ruledOn` when none was given) are the later run's; the row keeps the earlier run's.
 */
function actOf(f: HashedAuditFields): string {
  return canonicalJson([f.eventKey, f.processKind, f.processId, f.actorId, f.actorRole, f.actorCourt, f.action, f.reason]);
}

/**
 * The row already written under this entry's event key in its process's chain (keys are unique
 * per chain, migration 271: a row in another chain cannot take a process's key) when it is this
 * entry's own earlier write (a retry or a repeat), or undefined when the key is free. Its own: the same act (`actOf`: process,
 * actor, action, reason, as stored), and the row verifies where it stands (`unverified`: its own
 * hash and a trusted writer's seal). Event keys are predictable (`${stepPrefix}:${seq}:${action}`),
 * so a database role could insert a row under a future act's key and have the act dropped as
 * "already written"; without the seal key it cannot make that row verify. Any other row under the
 * key throws a non-retryable ApplicationFailure `AuditEventKeyTaken`: the act cannot be recorded,
 * and its process must show as failing (the worker's interceptor, activities/failures.ts, puts it in
 * process_failures for the supervisor's board) rather than carry on unaudited. audit:verify names a
 * forged row.
 */
async function existing(client: Queryable, fields: HashedAuditFields, options: AppendOptions): Promise<AppendedAudit | undefined> {
  const found = await client.query<StoredAuditRow>(
    `select id, seq, event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
            process_prev_hash, process_hash, seal, seal_key_id
       from audit_trail where process_id = $1 and event_key = $2`, [fields.processId, fields.eventKey],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  const forged = unverified(row);
  const sameAct = actOf(storedFieldsOf(row)) === actOf(fields);
  if (!forged && (sameAct || options.keyMayHoldAnotherAct)) {
    return { id: Number(row.id), seq: Number(row.seq), hash: row.process_hash, duplicate: true };
  }
  throw ApplicationFailure.create({
    type: 'AuditEventKeyTaken',
    nonRetryable: true,
    message: `审计事件键已被占用，本次行为无法记入审计链 (audit row ${row.id} (${row.process_id} #${row.seq}, ${row.action}) holds event key `
      + `${fields.eventKey} but is not this act's: ${forged ?? 'it records another act'}; run npm run audit:verify)`,
    details: [{ eventKey: fields.eventKey, rowId: Number(row.id), processId: row.process_id, seq: Number(row.seq) }],
  });
}

/**
 * Appends one entry at the head of its process's chain inside the caller's transaction (which must
 * be open: a savepoint guards each attempt). Entries appended one after another chain in that
 * order. Returns the row already written under the same event key instead of writing twice, when
 * it is this entry's own (see `existing`); throws a non-retryable ApplicationFailure
 * `AuditEventKeyTaken` when another row holds the key.
 */
export async function appendAuditInTransaction(client: Queryable, entry: AuditEntryInput, options: AppendOptions = {}): Promise<AppendedAudit> {
  const fields = fieldsOf(entry);
  for (let attempt = 1; ; attempt++) {
    const already = await existing(client, fields, options);
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

export async function appendAuditEntry(pool: pg.Pool, entry: AuditEntryInput, options: AppendOptions = {}): Promise<AppendedAudit> {
  return inTransaction(pool, (client) => appendAuditInTransaction(client, entry, options));
}

export function createAuditActivities(deps: { pool: pg.Pool }) {
  return {
    async appendAudit(entry: AuditEntryInput): Promise<AppendedAudit> {
      return appendAuditEntry(deps.pool, entry);
    },
  };
}
