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
import { actionsAuditedOutsideWorkflows } from '../../activities/audit';
import type { Finding } from './verify';

/** An audit row as the history recorded it: written (or found written) by one activity of one run. */
export interface HistoryWitness {
  seq: number;
  hash: string;
  runId: string;
  eventId: number;
}

/** What the histories of one process say it wrote. */
export interface ProcessHistory {
  runs: number;
  witnesses: HistoryWitness[];
  /** A run recorded audit writes whose results do not name their rows (written before they did). */
  unnamedWrites: boolean;
}

interface TrailRow {
  id: string;
  process_id: string;
  seq: string;
  process_hash: string;
  action: string;
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
    else if (named) for (const w of named) witnesses.push({ seq: Number(w.seq), hash: String(w.hash), runId, eventId });
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

/**
 * One process's rows against its histories: each witnessed write must be the row at its place with
 * its hash (else missing, truncated or changed); each act row not witnessed is forged, unless it
 * is young or its runs predate named results (then counted as unchecked).
 */
export function compareWithHistory(processId: string, rows: TrailRow[], history: ProcessHistory): { findings: Finding[]; unchecked: number } {
  const findings: Finding[] = [];
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  const newest = Math.max(0, ...bySeq.keys());
  const witnessed = new Set<number>();
  for (const w of history.witnesses) {
    if (witnessed.has(w.seq)) continue;
    witnessed.add(w.seq);
    const row = bySeq.get(w.seq);
    const source = `event ${w.eventId} of run ${w.runId}`;
    if (!row) {
      findings.push(w.seq > newest
        ? { kind: 'truncated', processId, seq: w.seq, message: `${processId} #${w.seq}, written by the workflow (${source}), is gone: the newest rows were deleted (末尾被截断，与 Temporal 历史不符)` }
        : { kind: 'missing', processId, seq: w.seq, message: `${processId} #${w.seq}, written by the workflow (${source}), is missing from the trail (缺失，与 Temporal 历史不符)` });
    } else if (row.process_hash !== w.hash) {
      findings.push({ kind: 'changed', processId, seq: w.seq, rowId: Number(row.id),
        message: `${rowName(row)} is not the row the workflow wrote at #${w.seq} (${source} records hash ${w.hash.slice(0, 12)}…): rewritten (与 Temporal 历史不符)` });
    }
  }
  let unchecked = 0;
  for (const row of rows) {
    if (witnessed.has(Number(row.seq)) || actionsAuditedOutsideWorkflows.has(row.action)) continue;
    if (!row.settled || history.unnamedWrites) {
      unchecked++;
      continue;
    }
    findings.push({ kind: 'forged', processId, seq: Number(row.seq), rowId: Number(row.id),
      message: `${rowName(row)} is an act no workflow history of ${processId} records (${history.runs} run(s) read): written outside the workflow (伪造，Temporal 历史中无此行为)` });
  }
  return { findings, unchecked };
}

/** The namespace's retention in days, as its server reports it (undefined: none set). */
async function retentionDays(client: Client): Promise<number | undefined> {
  const described = await client.workflowService.describeNamespace({ namespace: client.options.namespace });
  const seconds = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  return seconds > 0 ? seconds / 86_400 : undefined;
}

/**
 * Every transfer's and preservation's chain in `db` (read in the caller's snapshot) against the
 * histories Temporal keeps of it. Rows the API writes itself (actionsAuditedOutsideWorkflows) are
 * not in any history and are checked elsewhere (interference) or only by chain and seal.
 */
export async function verifyAgainstHistories(db: pg.ClientBase, client: Client, options: { graceMinutes?: number } = {}): Promise<HistoryCheck> {
  const { rows } = await db.query<TrailRow>(
    `select id, process_id, seq, process_hash, action, recorded_at, recorded_at < now() - make_interval(mins => $1) as settled
       from audit_trail where process_kind in ('transfer', 'preservation') order by process_id, seq`,
    [options.graceMinutes ?? defaultGraceMinutes],
  );
  const byProcess = new Map<string, TrailRow[]>();
  for (const row of rows) byProcess.set(row.process_id, [...(byProcess.get(row.process_id) ?? []), row]);
  const retention = await retentionDays(client);
  const check: HistoryCheck = { processes: 0, runs: 0, beyondRetention: 0, unchecked: 0, findings: [] };
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
    const compared = compareWithHistory(processId, chain, history);
    check.findings.push(...compared.findings);
    check.unchecked += compared.unchecked;
  }
  return check;
}
