// The deadlines read model and escalations, written by workflows as their deadlines move.
import type pg from 'pg';
import type { DeadlineRecordInput, EscalationInput } from '../workflows/shared/deadline-record';

export function createDeadlineActivities(deps: { pool: pg.Pool }) {
  return {
    async recordDeadline(input: DeadlineRecordInput): Promise<void> {
      await deps.pool.query(
        `insert into deadlines (deadline_key, process_kind, process_id, name, label, court, officer, due_at, provisional, status)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         on conflict (deadline_key) do update set due_at = excluded.due_at, provisional = excluded.provisional,
           status = excluded.status, court = excluded.court, officer = excluded.officer, label = excluded.label, updated_at = now()`,
        [input.deadlineKey, input.processKind, input.processId, input.name, input.label, input.court ?? null,
          input.officer ?? null, input.dueAt, input.provisional, input.status],
      );
    },

    /** Records an escalation once per key; returns false when it had already been recorded. */
    async recordEscalation(input: EscalationInput): Promise<boolean> {
      const result = await deps.pool.query(
        `insert into escalations (escalation_key, deadline_key, process_kind, process_id, court, kind, message)
         values ($1,$2,$3,$4,$5,$6,$7) on conflict (escalation_key) do nothing`,
        [input.escalationKey, input.deadlineKey, input.processKind, input.processId, input.court ?? null, input.kind, input.message],
      );
      const column = input.kind === 'reminder' ? 'reminded_at' : 'escalated_at';
      await deps.pool.query(`update deadlines set ${column} = coalesce(${column}, now()) where deadline_key = $1`, [input.deadlineKey]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
