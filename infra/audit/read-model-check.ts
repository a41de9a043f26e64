// The read model against the workflows' own state (audit:verify --deep): the lists people see come
// from PostgreSQL, the truth is in each workflow. A transfers row whose stage, courts or numbers
// differ from what its workflow answers at the same version was changed outside the workflow
// (issue 16: `update transfers set stage = 'accepted'` as the application role went unnoticed;
// then an edit of transfer_parties, transfer_consents or involved_courts by the worker's role).
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { statusQuery } from '../../workflows/transfer/messages';
import type { TransferStatus } from '../../workflows/transfer/state';
import {
  clockColumns, distributionRows, knownCreditorRows, transferChildRows, transferChildTables, transferRow, type ReadModelRow,
} from '../../activities/transfer/read-model-rows';
import { distributionRules } from '../../activities/transfer/distribution';
import type { Finding } from './verify';
import { statusQuery as preservationStatusQuery } from '../../workflows/preservation/messages';
import type { MeasureState, PreservationState } from '../../workflows/preservation/types';
import { consultationRow, preservationRow } from '../../activities/preservation/read-model';
import type { DeadlineState } from '../../workflows/clock/deadline';

/** A value as compared: instants as ISO text to the millisecond, numbers and booleans as text, arrays element by element. */
function comparable(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(comparable);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // numeric columns come back as text with their scale ('5000.00'); the state holds the number.
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return String(Number(v));
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  return v;
}

const keyOf = (row: ReadModelRow['columns'] | Record<string, unknown>, key: string[]) => key.map((k) => String(row[k])).join('/');

type Stored = Record<string, unknown>;

// A preservation's rows carry no version to tell a write not yet made from a tampered one, and a
// transfer's row may be behind its workflow for a moment: a row written (updated_at) within this
// window is skipped as possibly behind its workflow. updated_at
// is the writer's to set, so a window in the future is no grace, and a row an insider "freshens"
// is compared at the next run. In minutes.
const readModelGraceMinutes = 2;
/** SQL select item: the row was written within the grace (and not dated in the future). */
const recentlyWritten = `updated_at > now() - make_interval(mins => ${readModelGraceMinutes}) and updated_at <= now() + interval '1 minute' as recent`;

/**
 * The rows a workflow's state implies against the rows stored for it, table by table: each
 * expected row must be there with every column (but `skip`) equal; a stored row the state does not
 * hold is named too. Each difference is a finding naming the table, the row (its key) and the column.
 */
function reconcileRows(processId: string, expected: ReadModelRow[], stored: Map<string, Stored[]>, skip: ReadonlySet<string> = new Set()): Finding[] {
  const findings: Finding[] = [];
  const byTable = new Map<string, ReadModelRow[]>();
  for (const r of expected) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r]);
  for (const [table, rows] of stored) if (!byTable.has(table) && rows.length) byTable.set(table, []);
  for (const [table, rows] of byTable) {
    const have = new Map((stored.get(table) ?? []).map((r) => [keyOf(r, rows[0]?.key ?? keyColumns[table] ?? []), r]));
    const key = rows[0]?.key ?? keyColumns[table] ?? [];
    for (const want of rows) {
      const id = keyOf(want.columns, key);
      const row = have.get(id);
      have.delete(id);
      if (!row) {
        findings.push({ kind: 'missing', processId, table, row: id,
          message: `${table} row ${id} is missing: its workflow holds it (读模型缺失)` });
        continue;
      }
      for (const [column, value] of Object.entries(want.columns)) {
        if (skip.has(column)) continue;
        const a = comparable(row[column]);
        const b = comparable(value);
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          findings.push({ kind: 'changed', processId, table, row: id, column,
            message: `${table} row ${id}: ${column} is ${JSON.stringify(a)}, its workflow says ${JSON.stringify(b)} (读模型被篡改)` });
        }
      }
    }
    for (const id of have.keys()) {
      findings.push({ kind: 'forged', processId, table, row: id,
        message: `${table} row ${id} is a row its workflow's state does not hold (读模型被插入伪造行)` });
    }
  }
  return findings;
}

/** Primary keys of the tables reconciled, for stored rows the state has none of. */
const keyColumns: Record<string, string[]> = {
  transfer_cases: ['credit_code', 'case_number'], transfer_parties: ['credit_code', 'party_id'], transfer_consents: ['credit_code', 'party_id'],
  transfer_material_items: ['credit_code', 'item_key'], transfer_property: ['credit_code', 'item_id'], known_creditors: ['credit_code', 'party_id'],
  preservation_consultations: ['preservation_id', 'consultation_id'],
  attachment_distribution_rows: ['distribution_key', 'position'],
};

/** Rows of `table` grouped by the column `by`. */
async function rowsBy(db: pg.ClientBase, sql: string, by: string): Promise<Map<string, Stored[]>> {
  const grouped = new Map<string, Stored[]>();
  for (const row of (await db.query<Stored>(sql)).rows) {
    const k = String(row[by]);
    grouped.set(k, [...(grouped.get(k) ?? []), row]);
  }
  return grouped;
}

/**
 * Every transfer's read model against its workflow's status query at the same version: the
 * transfers row (every column but the clock's, `clockColumns`), its cases, parties, consents,
 * material items and property, the known creditors it handed over and the attachment-order
 * distribution it recorded. The expected rows come from the functions the writers use
 * (activities/transfer/read-model-rows.ts). A transfer whose row is behind its workflow (an effect
 * not yet written) is not judged while it was written within `readModelGraceMinutes` (it is
 * named in `behind`); behind for longer it is a finding: either a write is stuck (see
 * process_failures) or someone lowered `version` so that a tampered row would never be compared
 * (an outside review found that a lowered version hid every other edit from the check).
 */
export async function verifyTransferReadModel(db: pg.ClientBase, client: Client): Promise<{ rows: number; findings: Finding[]; behind: string[] }> {
  const { rows } = await db.query<Stored & { credit_code: string; workflow_id: string; run_id: string; version: number; recent: boolean }>(
    `select *, ${recentlyWritten} from transfers order by credit_code`,
  );
  const behind: string[] = [];
  const children = new Map<string, Map<string, Stored[]>>();
  for (const table of [...transferChildTables, 'known_creditors']) {
    children.set(table, await rowsBy(db, `select * from ${table}`, 'credit_code'));
  }
  children.set('attachment_distribution_rows', await rowsBy(db,
    'select r.*, d.credit_code, d.workflow_id from attachment_distribution_rows r join attachment_distributions d using (distribution_key)', 'credit_code'));
  const headers = await rowsBy(db, 'select distribution_key, credit_code, workflow_id, rules from attachment_distributions', 'credit_code');
  const findings: Finding[] = [];
  for (const row of rows) {
    const name = `transfers row ${row.credit_code}`;
    let status: TransferStatus;
    try {
      status = await client.workflow.getHandle(row.workflow_id, row.run_id).query(statusQuery);
    } catch (err) {
      findings.push({ kind: 'forged', processId: row.workflow_id, table: 'transfers', row: row.credit_code,
        message: `${name} has no workflow run ${row.run_id} to answer for it (${(err as Error).message}) (读模型无对应流程)` });
      continue;
    }
    if (row.version > status.seq) {
      findings.push({ kind: 'forged', processId: row.workflow_id, table: 'transfers', row: row.credit_code, column: 'version',
        message: `${name} claims version ${row.version}, beyond its workflow's ${status.seq} (读模型超前于流程)` });
      continue;
    }
    if (row.version < status.seq) {
      if (row.recent) {
        behind.push(row.workflow_id);
      } else {
        findings.push({ kind: 'missing', processId: row.workflow_id, table: 'transfers', row: row.credit_code, column: 'version',
          message: `${name} is at version ${row.version}, its workflow at ${status.seq}, and was last written more than `
            + `${readModelGraceMinutes} minutes ago: a write is missing or the version was changed (读模型落后于流程)` });
      }
      continue;
    }
    const distribution = status.around?.distribution;
    const expected = [
      transferRow(status, { workflowId: status.workflowId, runId: row.run_id, triggeredAt: '', overdue: false }),
      ...transferChildRows(status), ...knownCreditorRows(status, status.around?.knownCreditors), ...distributionRows(distribution),
    ];
    const { recent: _recent, ...own } = row;
    const stored = new Map<string, Stored[]>([['transfers', [own]]]);
    for (const [table, byCode] of children) {
      const mine = byCode.get(row.credit_code) ?? [];
      // A distribution of another run of this debtor is that run's; only this run's key is judged.
      stored.set(table, table === 'attachment_distribution_rows'
        ? mine.filter((r) => r.workflow_id === status.workflowId && r.distribution_key === distribution?.distributionKey) : mine);
    }
    findings.push(...reconcileRows(row.workflow_id, expected, stored, clockColumns));
    for (const h of headers.get(row.credit_code) ?? []) {
      if (h.distribution_key === distribution?.distributionKey && h.rules !== distributionRules) {
        findings.push({ kind: 'changed', processId: row.workflow_id, table: 'attachment_distributions', row: String(h.distribution_key), column: 'rules',
          message: `attachment_distributions row ${String(h.distribution_key)}: rules are not the rules the distribution was computed by (读模型被篡改)` });
      }
    }
  }
  return { rows: rows.length, findings, behind };
}

interface Snapshot {
  recent: boolean;
}

/** Two instants (ISO text, Date or null) equal to the millisecond; both absent counts as equal. */
function sameInstant(a: Date | string | null | undefined, b: Date | string | null | undefined): boolean {
  if (a == null || b == null) return (a ?? null) === (b ?? null);
  return new Date(a).getTime() === new Date(b).getTime();
}

const shown = (v: Date | string | number | boolean | null | undefined) => JSON.stringify(v instanceof Date ? v.toISOString() : v ?? null);

/** The register's status of a preservation measure, as activities/preservation/seizures.ts writes it. */
function registerStatusOf(m: MeasureState): 'live' | 'lapsed' | 'released' {
  if (m.status === 'converted') return m.endedAt ? 'released' : 'live';
  return m.status;
}

/** The deadlines row status a workflow deadline's state implies, or undefined once completed (met, overdue or cancelled). */
function liveDeadlineStatus(d: DeadlineState): 'open' | 'paused' | 'overdue' | undefined {
  if (d.completed) return undefined;
  if (d.paused) return 'paused';
  return d.overdue ? 'overdue' : 'open';
}

/**
 * Every preservation's rows against its workflow's status query: the `preservations` row (every
 * column, from `preservationRow`, the function its writer uses) and its `preservation_consultations`
 * rows (`consultationRow`), each `preservation_measures`
 * row and its seizure-register row (status, term, expiry, renew-by), and each `deadlines` row of the
 * process (due and status, by deadline name; a name the workflow no longer tracks is not judged).
 * Rows written in the last `readModelGraceMinutes` are skipped. Each difference is a finding
 * naming the table, the row and the column.
 */
export async function verifyPreservationReadModel(db: pg.ClientBase, client: Client): Promise<{ rows: number; findings: Finding[] }> {
  const recent = recentlyWritten;
  const processes = (await db.query<Stored & { preservation_id: string } & Snapshot>(
    `select *, ${recent} from preservations order by preservation_id`)).rows;
  const consultations = await rowsBy(db, 'select * from preservation_consultations', 'preservation_id');
  const measures = (await db.query<{ preservation_id: string; measure_id: string; status: string; term: number; expires_at: Date; renew_by: Date } & Snapshot>(
    `select preservation_id, measure_id, status, term, expires_at, renew_by, ${recent} from preservation_measures`)).rows;
  const seizures = (await db.query<{ seizure_key: string; preservation_id: string; measure_id: string; status: string; term: number | null;
    expires_at: Date | null; renew_by: Date | null } & Snapshot>(
    `select seizure_key, preservation_id, measure_id, status, term, expires_at, renew_by, ${recent}
       from seizures where preservation_id is not null and measure_id is not null`)).rows;
  const deadlines = (await db.query<{ deadline_key: string; process_id: string; name: string; due_at: Date; status: string } & Snapshot>(
    `select deadline_key, process_id, name, due_at, status, ${recent} from deadlines where process_kind = 'preservation'`)).rows;
  const findings: Finding[] = [];
  const changed = (processId: string, name: string, column: string, stored: unknown, expected: unknown) => findings.push({
    kind: 'changed', processId,
    message: `${name}: ${column} is ${shown(stored as string)}, its workflow says ${shown(expected as string)} (读模型被篡改)`,
  });
  const states = new Map<string, PreservationState | undefined>();
  for (const row of processes) {
    const name = `preservations row ${row.preservation_id}`;
    let state: PreservationState;
    try {
      state = await client.workflow.getHandle(row.preservation_id).query(preservationStatusQuery);
    } catch (err) {
      states.set(row.preservation_id, undefined);
      findings.push({ kind: 'forged', processId: row.preservation_id, message: `${name} has no workflow to answer for it (${(err as Error).message}) (读模型无对应流程)` });
      continue;
    }
    states.set(row.preservation_id, state);
    if (row.recent) continue;
    // The row and the consultations from the functions their writers use (activities/preservation/read-model.ts).
    const { recent: _recent, updated_at: _updated, ...stored } = row;
    findings.push(...reconcileRows(row.preservation_id, [preservationRow(state), ...state.consultations.map((c) => consultationRow(row.preservation_id, c))],
      new Map([['preservations', [stored]], ['preservation_consultations', consultations.get(row.preservation_id) ?? []]])));
  }
  const measureOf = (preservationId: string, measureId: string) => states.get(preservationId)?.measures.find((m) => m.measureId === measureId);
  for (const row of measures) {
    if (row.recent || !states.get(row.preservation_id)) continue;
    const name = `preservation_measures row ${row.preservation_id}/${row.measure_id}`;
    const m = measureOf(row.preservation_id, row.measure_id);
    if (!m) {
      findings.push({ kind: 'forged', processId: row.preservation_id, message: `${name} is a measure its workflow never recorded (伪造措施)` });
      continue;
    }
    if (row.status !== m.status) changed(row.preservation_id, name, 'status', row.status, m.status);
    if (Number(row.term) !== m.term) changed(row.preservation_id, name, 'term', row.term, m.term);
    if (!sameInstant(row.expires_at, m.expiresAt)) changed(row.preservation_id, name, 'expires_at', row.expires_at, m.expiresAt);
    if (!sameInstant(row.renew_by, m.renewBy)) changed(row.preservation_id, name, 'renew_by', row.renew_by, m.renewBy);
  }
  for (const row of seizures) {
    // A register row of a preservation this database has no row for is judged by its measure's row.
    if (row.recent || !states.get(row.preservation_id)) continue;
    const name = `seizures row ${row.seizure_key}`;
    const m = measureOf(row.preservation_id, row.measure_id);
    if (!m) {
      findings.push({ kind: 'forged', processId: row.preservation_id, message: `${name} is a seizure its preservation's workflow never recorded (伪造查封登记)` });
      continue;
    }
    if (row.status !== registerStatusOf(m)) changed(row.preservation_id, name, 'status', row.status, registerStatusOf(m));
    // Rows from before the register (migration 170) carry no term; nothing to compare.
    if (row.term === null) continue;
    if (Number(row.term) !== m.term) changed(row.preservation_id, name, 'term', row.term, m.term);
    if (!sameInstant(row.expires_at, m.expiresAt)) changed(row.preservation_id, name, 'expires_at', row.expires_at, m.expiresAt);
    if (!sameInstant(row.renew_by, m.renewBy)) changed(row.preservation_id, name, 'renew_by', row.renew_by, m.renewBy);
  }
  for (const row of deadlines) {
    const state = states.get(row.process_id);
    if (row.recent || !state) continue;
    const name = `deadlines row ${row.deadline_key}`;
    const same = state.deadlines.filter((d) => d.name === row.name);
    if (same.length === 0) continue;
    const match = same.find((d) => sameInstant(d.dueAt, row.due_at));
    const live = ['open', 'paused', 'overdue'].includes(row.status);
    if (!match) {
      // A closed row of an earlier term keeps its own due; only a row still live must match a due the workflow runs.
      const running = same.find((d) => !d.completed);
      if (live && running) changed(row.process_id, name, 'due_at', row.due_at, running.dueAt);
      continue;
    }
    const expected = liveDeadlineStatus(match);
    if (expected === undefined ? live : row.status !== expected) {
      changed(row.process_id, name, 'status', row.status, expected ?? 'met, overdue or cancelled');
    }
  }
  return { rows: processes.length + measures.length + seizures.length + deadlines.length, findings };
}
