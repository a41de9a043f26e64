// The audit trail against Temporal's own history of each process (audit:verify --temporal). The
// seals and checkpoints prove a row was written by a holder of the seal key; they cannot tell a
// forged row sealed with a stolen key from a real one. Temporal's history can: every audit write of
// a workflow is a local activity whose result — the row's place in its chain and its hash — is
// recorded in the history as a marker, on a server the database's users cannot write. So each act
// the history records must be in the trail with that hash, and each act row of the trail must be
// one the history records.
//
// Histories are kept for the namespace's retention (TEMPORAL_RETENTION_DAYS, ten years on the
// namespaces courtrelay sets up; README "Retention"). A process whose workflow has been removed
// after its retention is counted, not flagged; one whose rows are younger than the retention but
// which Temporal does not know was never a workflow.
import type { Client, WorkflowExecutionInfo, WorkflowHandle } from '@temporalio/client';
import type { LoadedDataConverter, Payload } from '@temporalio/common';
import type pg from 'pg';
import { actionsAuditedOutsideWorkflows, outsideWriterShape, type OutsideRow } from '../../activities/audit-outside';
import { tsToMs } from '@temporalio/common/lib/time';
import type { Finding } from './verify';

/** An audit row as the history recorded it: written (or found written) by one activity of one run. */
export interface HistoryWitness {
  seq: number;
  hash: string;
  runId: string;
  eventId: number;
  /** When the history recorded the write (its row was committed before). */
  recordedAtMs: number;
}

/** What the histories of one process say it wrote. */
export interface ProcessHistory {
  runs: number;
  witnesses: HistoryWitness[];
  /** A run recorded audit writes whose results do not name their rows (written before they did). */
  unnamedWrites: boolean;
}

interface TrailRow extends OutsideRow {
  id: string;
  seq: string;
  process_hash: string;
  settled: boolean;
  recorded_at: Date;
}

export interface HistoryCheck {
  /** Processes whose histories were read. */
  processes: number;
  runs: number;
  /** Processes whose workflows Temporal no longer keeps (closed beyond the namespace's retention). */
  beyondRetention: number;
  /** Act rows that could not be checked: younger than the grace, or of runs that predate named results. */
  unchecked: number;
  findings: Finding[];
  /**
   * Findings of writes the history recorded about when the rows were read: they may have been
   * committed after the snapshot, so the caller looks again once it has ended (`confirmLate`).
   */
  late: LateWrite[];
}

export interface LateWrite {
  finding: Finding;
  processId: string;
  seq: number;
  hash: string;
}

// An act's row is committed by its local activity before the workflow task that records the
// marker completes; a row this young may not be in the history yet and is not taken for a forgery.
const defaultGraceMinutes = 10;

type AuditResult = { seq?: unknown; hash?: unknown; rows?: unknown };

function witnessesOf(activityType: string, result: AuditResult | undefined): Array<{ seq: number; hash: string }> | 'unnamed' | undefined {
  if (activityType === 'appendAudit') {
    return typeof result?.seq === 'number' && typeof result.hash === 'string' ? [{ seq: result.seq, hash: result.hash }] : 'unnamed';
  }
  if (activityType === 'writeTransferEffects') {
    return Array.isArray(result?.rows) ? (result.rows as Array<{ seq: number; hash: string }>) : 'unnamed';
  }
  return undefined;
}

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** The first payload through the codecs (decrypted) and the payload converter. */
async function decodeAt<T>(converter: LoadedDataConverter, payloads: Payload[] | null | undefined): Promise<T | undefined> {
  if (!payloads?.length) return undefined;
  let decoded = [payloads[0]!];
  for (const codec of [...converter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  return converter.payloadConverter.fromPayload<T>(decoded[0]!);
}

/** The audit writes one run's history records: local-activity markers and completed activities. */
export async function auditWritesOfRun(
  history: History, runId: string, converter: LoadedDataConverter,
): Promise<{ witnesses: HistoryWitness[]; unnamedWrites: boolean }> {
  const witnesses: HistoryWitness[] = [];
  let unnamedWrites = false;
  const scheduled = new Map<string, string>();
  for (const event of history.events ?? []) {
    const eventId = Number(event.eventId);
    let activityType: string | undefined;
    let result: AuditResult | undefined;
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity' && !marker.failure) {
      const data = await decodeAt<{ activity_type?: string }>(converter, marker.details?.data?.payloads);
      activityType = data?.activity_type;
      if (activityType === 'appendAudit' || activityType === 'writeTransferEffects') {
        result = await decodeAt<AuditResult>(converter, marker.details?.result?.payloads);
      }
    } else if (event.activityTaskScheduledEventAttributes) {
      scheduled.set(String(event.eventId), event.activityTaskScheduledEventAttributes.activityType?.name ?? '');
    } else if (event.activityTaskCompletedEventAttributes) {
      const done = event.activityTaskCompletedEventAttributes;
      activityType = scheduled.get(String(done.scheduledEventId));
      if (activityType === 'appendAudit' || activityType === 'writeTransferEffects') result = await decodeAt<AuditResult>(converter, done.result?.payloads);
    }
    if (!activityType) continue;
    const named = witnessesOf(activityType, result);
    if (named === 'unnamed') unnamedWrites = true;
    else if (named) for (const w of named) witnesses.push({ seq: Number(w.seq), hash: String(w.hash), runId, eventId, recordedAtMs: event.eventTime ? tsToMs(event.eventTime) : 0 });
  }
  return { witnesses, unnamedWrites };
}

/** Every run Temporal keeps under the workflow id (continued-as-new runs, and a reused id's earlier runs). */
async function runsOf(client: Client, workflowId: string): Promise<string[]> {
  const runs = new Set<string>();
  const escaped = workflowId.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  for await (const run of client.workflow.list({ query: `WorkflowId = '${escaped}'` }) as AsyncIterable<WorkflowExecutionInfo>) runs.add(run.runId);
  // Visibility trails the server by a moment: the newest run may not be listed yet.
  try {
    runs.add((await client.workflow.getHandle(workflowId).describe()).runId);
  } catch (err) {
    if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
  }
  return [...runs];
}

/** The audit writes every history of one workflow id records. */
export async function processHistory(client: Client, workflowId: string): Promise<ProcessHistory> {
  const runs = await runsOf(client, workflowId);
  const witnesses: HistoryWitness[] = [];
  let unnamedWrites = false;
  for (const runId of runs) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const run = await auditWritesOfRun(history, runId, client.options.loadedDataConverter);
    witnesses.push(...run.witnesses);
    unnamedWrites ||= run.unnamedWrites;
  }
  return { runs: runs.length, witnesses, unnamedWrites };
}

function rowName(row: TrailRow): string {
  return `row ${row.id} (${row.process_id} #${row.seq}, ${row.action})`;
}

// Temporal's clock and PostgreSQL's may differ by this much: a write the history recorded this close
// to the start of the verifier's snapshot (or after it) may have been committed after it, and is
// looked for again once the snapshot has ended (a live process keeps writing while it is verified).
const clockSkewMs = 5_000;

/**
 * One process's rows against its histories: each witnessed write must be the row at its place with
 * its hash (else missing, truncated or changed); each row not witnessed, whatever its kind, is
 * forged, unless it is young or its runs predate named results (then counted as unchecked), or it
 * is exactly what one of the API's own writers writes (activities/audit-outside.ts). `snapshotAtMs`:
 * when the rows were read; a write the history recorded after it is not looked for among them.
 */
export function compareWithHistory(
  processId: string, rows: TrailRow[], history: ProcessHistory, snapshotAtMs = Number.POSITIVE_INFINITY,
): { findings: Finding[]; unchecked: number; late: LateWrite[] } {
  const findings: Finding[] = [];
  const late: LateWrite[] = [];
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  const newest = Math.max(0, ...bySeq.keys());
  const witnessed = new Set<number>();
  for (const w of history.witnesses) {
    if (witnessed.has(w.seq)) continue;
    witnessed.add(w.seq);
    const row = bySeq.get(w.seq);
    const source = `event ${w.eventId} of run ${w.runId}`;
    if (!row) {
      const finding: Finding = w.seq > newest
        ? { kind: 'truncated', processId, seq: w.seq, message: `${processId} #${w.seq}, written by the workflow (${source}), is gone: the newest rows were deleted (末尾被截断，与 Temporal 历史不符)` }
        : { kind: 'missing', processId, seq: w.seq, message: `${processId} #${w.seq}, written by the workflow (${source}), is missing from the trail (缺失，与 Temporal 历史不符)` };
      findings.push(finding);
      if (w.recordedAtMs > snapshotAtMs - clockSkewMs) late.push({ finding, processId, seq: w.seq, hash: w.hash });
    } else if (row.process_hash !== w.hash) {
      findings.push({ kind: 'changed', processId, seq: w.seq, rowId: Number(row.id),
        message: `${rowName(row)} is not the row the workflow wrote at #${w.seq} (${source} records hash ${w.hash.slice(0, 12)}…): rewritten (与 Temporal 历史不符)` });
    }
  }
  let unchecked = 0;
  for (const [i, row] of rows.entries()) {
    if (witnessed.has(Number(row.seq))) continue;
    if (actionsAuditedOutsideWorkflows.has(row.action)) {
      const wrong = outsideWriterShape(row, rows.slice(0, i));
      if (!wrong) continue;
      findings.push({ kind: 'forged', processId, seq: Number(row.seq), rowId: Number(row.id),
        message: `${rowName(row)} names an act the console or API records, but is not what its writer writes: ${wrong} (伪造，非系统写入的格式)` });
      continue;
    }
    if (!row.settled || history.unnamedWrites) {
      unchecked++;
      continue;
    }
    findings.push({ kind: 'forged', processId, seq: Number(row.seq), rowId: Number(row.id),
      message: `${rowName(row)} is an act no workflow history of ${processId} records (${history.runs} run(s) read): written outside the workflow (伪造，Temporal 历史中无此行为)` });
  }
  return { findings, unchecked, late };
}

/** The namespace's retention in days, as its server reports it (undefined: none set). */
async function retentionDays(client: Client): Promise<number | undefined> {
  const described = await client.workflowService.describeNamespace({ namespace: client.options.namespace });
  const seconds = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  return seconds > 0 ? seconds / 86_400 : undefined;
}

/**
 * Every transfer's and preservation's chain in `db` (read in the caller's snapshot) against the
 * histories Temporal keeps of it. A chain is a workflow's when its id is a workflow id
 * (`transfer-…`, `preservation-…`) or any of its rows says it is; then every row of it, whatever
 * kind it claims, is compared (a row of kind `system` in a transfer's chain was skipped before).
 * Rows the API writes itself are accepted only in their writer's exact shape
 * (activities/audit-outside.ts); the interference entries are also checked against the log.
 */
export async function verifyAgainstHistories(db: pg.ClientBase, client: Client, options: { graceMinutes?: number } = {}): Promise<HistoryCheck> {
  // now() is the transaction's start, at or before its snapshot: a row committed before it is read
  // (asked first, so that outside a transaction too).
  const snapshotAtMs = new Date((await db.query<{ at: Date }>('select now() as at')).rows[0]!.at).getTime();
  const { rows } = await db.query<TrailRow>(
    `select id, process_id, process_kind, seq, event_key, process_hash, action, actor_court, reason, details, recorded_at,
            recorded_at < now() - make_interval(mins => $1) as settled
       from audit_trail
      where process_id like 'transfer-%' or process_id like 'preservation-%'
         or process_id in (select process_id from audit_trail where process_kind in ('transfer', 'preservation'))
      order by process_id, seq`,
    [options.graceMinutes ?? defaultGraceMinutes],
  );
  const byProcess = new Map<string, TrailRow[]>();
  for (const row of rows) byProcess.set(row.process_id, [...(byProcess.get(row.process_id) ?? []), row]);
  const retention = await retentionDays(client);
  const check: HistoryCheck = { processes: 0, runs: 0, beyondRetention: 0, unchecked: 0, findings: [], late: [] };
  for (const [processId, chain] of byProcess) {
    const history = await processHistory(client, processId);
    if (history.runs === 0) {
      const newestAgeDays = (Date.now() - Math.max(...chain.map((r) => new Date(r.recorded_at).getTime()))) / 86_400_000;
      if (retention !== undefined && newestAgeDays > retention) {
        check.beyondRetention++;
        continue;
      }
    }
    check.processes++;
    check.runs += history.runs;
    const compared = compareWithHistory(processId, chain, history, snapshotAtMs);
    check.findings.push(...compared.findings);
    check.late.push(...compared.late);
    check.unchecked += compared.unchecked;
  }
  return check;
}

/**
 * The findings of late writes that still hold once the snapshot has ended: a row now at its place
 * with the hash the history recorded was written after the snapshot, not deleted (`db` outside the
 * snapshot's transaction).
 */
export async function confirmLate(db: pg.ClientBase | pg.Pool, late: LateWrite[]): Promise<Set<Finding>> {
  const cleared = new Set<Finding>();
  for (const l of late) {
    const { rows } = await db.query<{ process_hash: string }>('select process_hash from audit_trail where process_id = $1 and seq = $2', [l.processId, l.seq]);
    if (rows[0]?.process_hash === l.hash) cleared.add(l.finding);
  }
  return cleared;
}
