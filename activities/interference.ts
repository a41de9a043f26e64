// 反干预: writes an interference record once, and the audit entry that keeps a hash of it, so a
// record changed or removed later (even by a superuser) is found by `npm run audit:verify`.
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { InterferenceRecord, ListInterferenceQuery, RecordInterferenceInput } from '../api/schemas/interference';
import type { Actor } from '../workflows/shared/actor';
import { canonicalJson } from './audit-hash';
import { appendAuditEntry } from './audit';
import { interferenceEventKey, processKindOfId } from './audit-outside';

interface InterferenceRow {
  id: string;
  case_ref: string;
  intervenor_name: string;
  intervenor_position: string;
  intervenor_unit: string;
  channel: InterferenceRecord['channel'];
  request: string;
  response: string | null;
  occurred_at: Date;
  corrects: string | null;
  recorded_by: string;
  recorded_by_role: string;
  recorded_by_court: string | null;
  recorded_at: Date;
}

/** The hash the audit trail keeps of an interference row, as PostgreSQL returns it. */
export function interferenceContentHash(row: object): string {
  const content = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function toRecord(row: InterferenceRow): InterferenceRecord {
  return {
    id: row.id,
    caseRef: row.case_ref,
    intervenor: { name: row.intervenor_name, position: row.intervenor_position, unit: row.intervenor_unit },
    channel: row.channel,
    request: row.request,
    response: row.response,
    occurredAt: row.occurred_at.toISOString(),
    corrects: row.corrects,
    recordedBy: { userId: row.recorded_by, role: row.recorded_by_role, court: row.recorded_by_court },
    recordedAt: row.recorded_at.toISOString(),
  };
}

export class UnknownCorrectedRecord extends Error {}

/**
 * Inserts the record, then appends its audit entry. Two steps, not one transaction: the audit
 * writer takes its own connection and chain lock, and holding a second connection across it could
 * starve the pool. Should the second step fail, `audit:verify` names the record the trail lacks.
 */
export async function recordInterference(pool: pg.Pool, input: RecordInterferenceInput, recordedBy: Actor): Promise<InterferenceRecord> {
  let row: InterferenceRow;
  try {
    const { rows } = await pool.query<InterferenceRow>(
      `insert into interference_log (id, case_ref, intervenor_name, intervenor_position, intervenor_unit, channel, request, response,
         occurred_at, corrects, recorded_by, recorded_by_role, recorded_by_court)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) returning *`,
      [randomUUID(), input.caseRef, input.intervenor.name, input.intervenor.position, input.intervenor.unit, input.channel, input.request,
        input.response ?? null, input.occurredAt, input.corrects ?? null, recordedBy.userId, recordedBy.role, recordedBy.court ?? null],
    );
    row = rows[0]!;
  } catch (err) {
    if ((err as { code?: string }).code === '23503') throw new UnknownCorrectedRecord(`no interference record ${input.corrects} to correct`);
    throw err;
  }
  await appendAuditEntry(pool, {
    eventKey: interferenceEventKey(row.id),
    processKind: processKindOfId(row.case_ref),
    processId: row.case_ref,
    actor: recordedBy,
    action: 'interference.record',
    // Who intervened is in the log, which only supervisors read; the trail keeps its hash.
    details: { interferenceId: row.id, channel: row.channel, contentHash: interferenceContentHash(row) },
    occurredAt: row.recorded_at.toISOString(),
  });
  return toRecord(row);
}

export async function listInterference(pool: pg.Pool, query: ListInterferenceQuery): Promise<InterferenceRecord[]> {
  const { rows } = await pool.query<InterferenceRow>(
    `select * from interference_log
      where ($1::text is null or case_ref = $1) and ($2::timestamptz is null or recorded_at < $2)
        and ($4::text is null or recorded_by_court = $4)
      order by recorded_at desc, id desc limit $3`,
    [query.caseRef ?? null, query.before ?? null, query.limit, query.court ?? null],
  );
  return rows.map(toRecord);
}
