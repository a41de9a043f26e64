// What the soak checks once every process has come to rest: each process reads through the API
// (after a fresh worker, so the read replays its whole history), its read model shows the stage
// the workflow holds, nothing is stuck, and every effect is there exactly once — the audit trail
// and the notices are what the workflow's own record and the acts sent imply, which is what an
// undisturbed run of the same acts writes. Every history then replays with Worker.runReplayHistories.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type pg from 'pg';
import { temporalCliPath } from '../../infra/paths';
import { courtrelayDataConverter } from '../../infra/temporal/payload-codec';
import type { SentAct, SoakClient } from './client';
import { preservationStaff } from './preservation';
import { transferStaff } from './transfer';

export interface Failure { processId: string; check: string; detail: string }

const human = (role: string | undefined) => role !== 'system';

/** The acts sent to one process: per action, how many must be recorded and how many more may be. */
function expectedActs(acts: SentAct[]): Map<string, { required: number; optional: number }> {
  const byAction = new Map<string, { required: number; optional: number }>();
  const bursts = new Map<string, SentAct[]>();
  for (const act of acts) {
    if (act.burst) bursts.set(act.burst, [...bursts.get(act.burst) ?? [], act]);
    else tally(byAction, act.action, act.outcome === 'acked' ? 1 : 0, act.outcome === 'unknown' ? 1 : 0);
  }
  // A burst of identical acts is one act; more than one entry is allowed only where the process
  // recorded something else in between (checked by `adjacentRepeats`), up to the copies sent.
  for (const copies of bursts.values()) {
    const acked = copies.some((a) => a.outcome === 'acked');
    const open = copies.filter((a) => a.outcome !== 'refused').length;
    tally(byAction, copies[0]!.action, acked ? 1 : 0, Math.max(0, open - (acked ? 1 : 0)));
  }
  return byAction;
}

function tally(map: Map<string, { required: number; optional: number }>, action: string, required: number, optional: number): void {
  const t = map.get(action) ?? { required: 0, optional: 0 };
  t.required += required;
  t.optional += optional;
  map.set(action, t);
}

function compareActs(processId: string, acts: SentAct[], recorded: Array<{ action: string }>, failures: Failure[]): void {
  const expected = expectedActs(acts);
  const seen = new Map<string, number>();
  for (const r of recorded) seen.set(r.action, (seen.get(r.action) ?? 0) + 1);
  for (const action of new Set([...expected.keys(), ...seen.keys()])) {
    const { required, optional } = expected.get(action) ?? { required: 0, optional: 0 };
    const n = seen.get(action) ?? 0;
    if (n < required || n > required + optional) {
      failures.push({ processId, check: 'acts', detail: `${action}: recorded ${n}, acknowledged ${required}, unanswered ${optional}` });
    }
  }
}

/** Two identical acts by one person with nothing recorded between them: a repeat that was recorded. */
function adjacentRepeats(processId: string, entries: Array<{ action: string; userId: string; details: unknown }>, failures: Failure[]): void {
  for (let i = 1; i < entries.length; i++) {
    const [a, b] = [entries[i - 1]!, entries[i]!];
    if (a.action === b.action && a.userId === b.userId && JSON.stringify(a.details) === JSON.stringify(b.details)) {
      failures.push({ processId, check: 'repeat recorded', detail: `${b.action} by ${b.userId} twice in a row` });
    }
  }
}

async function stuck(client: Client, pool: pg.Pool, processId: string, failures: Failure[]): Promise<'closed' | 'open'> {
  // Open rows only: since migration 272 a failure its retry got past stays, stamped resolved_at.
  const { rows } = await pool.query<{ activity_type: string; message: string }>(
    'select activity_type, message from process_failures where workflow_id = $1 and resolved_at is null', [processId]);
  for (const r of rows) failures.push({ processId, check: 'stuck activity', detail: `${r.activity_type}: ${r.message}` });
  const description = await client.workflow.getHandle(processId).describe();
  for (const a of description.raw.pendingActivities ?? []) {
    if ((a.attempt ?? 1) > 1) failures.push({ processId, check: 'stuck activity', detail: `${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? ''}` });
  }
  const task = description.raw.pendingWorkflowTask;
  if (task && (task.attempt ?? 1) > 1) failures.push({ processId, check: 'stuck workflow task', detail: `attempt ${task.attempt}` });
  return description.status.name === 'RUNNING' ? 'open' : 'closed';
}

/** Audit rows of a process, in the order of its chain. */
async function auditOf(pool: pg.Pool, processId: string) {
  const { rows } = await pool.query<{ event_key: string; action: string; actor_id: string; actor_role: string; details: unknown }>(
    'select event_key, action, actor_id, actor_role, details from audit_trail where process_id = $1 order by seq, id', [processId]);
  return rows;
}

export async function checkTransfer(soak: SoakClient, client: Client, pool: pg.Pool, processId: string, acts: SentAct[], failures: Failure[]): Promise<'closed' | 'open'> {
  const code = processId.slice('transfer-'.length);
  const view = await soak.read(`/transfers/${code}`, transferStaff.officer);
  if (view.status !== 200) {
    failures.push({ processId, check: 'unreadable', detail: `GET answered ${view.status}: ${JSON.stringify(view.body).slice(0, 300)}` });
    return stuck(client, pool, processId, failures);
  }
  const status = view.body as {
    stage: string; seq: number; parties: unknown[]; cases: Array<{ court: string }>;
    history: Array<{ seq: number; action: string; actor: { userId: string; role: string }; details?: Record<string, unknown> }>;
  };
  const model = await pool.query<{ stage: string }>('select stage from transfers where credit_code = $1', [code]);
  if (model.rows[0]?.stage !== status.stage) failures.push({ processId, check: 'read model', detail: `read model ${model.rows[0]?.stage}, workflow ${status.stage}` });

  // The audit trail holds every act of the workflow's record once: seq 1..N, each with its action.
  const audit = await auditOf(pool, processId);
  const bySeq = new Map<number, string[]>();
  for (const row of audit) {
    const [, , seq, action] = row.event_key.split(':');
    bySeq.set(Number(seq), [...bySeq.get(Number(seq)) ?? [], action!]);
  }
  for (let seq = 1; seq <= status.seq; seq++) {
    const actions = bySeq.get(seq) ?? [];
    const act = status.history.find((h) => h.seq === seq);
    if (actions.length !== 1 || (act && actions[0] !== act.action)) {
      failures.push({ processId, check: 'audit', detail: `act ${seq} (${act?.action ?? '?'}) audited ${actions.length} times: ${actions.join(', ')}` });
    }
  }
  if (audit.length !== status.seq) failures.push({ processId, check: 'audit', detail: `${audit.length} audit rows for ${status.seq} acts` });

  const entries = status.history.filter((h) => human(h.actor.role));
  compareActs(processId, acts, entries, failures);
  adjacentRepeats(processId, entries.map((h) => ({ action: h.action, userId: h.actor.userId, details: h.details })), failures);

  // Notices: what each act of the record sends, to whom (one per party, per enforcing court...).
  const parties = status.parties.length;
  const courts = new Set(status.cases.map((c) => c.court)).size;
  const count = (action: string) => status.history.filter((h) => h.action === action).length;
  const implied: Record<string, number> = {
    consent: status.history.filter((h) => h.action === 'requestConsent').reduce((n, h) => n + ((h.details?.partyIds as unknown[]) ?? []).length, 0),
    decision: parties * count('signDecision'),
    suspension: courts * count('signDecision'),
    package: count('signDecision'),
    'suspension-party': parties * count('signDecision'),
    ruling: (parties + courts) * (count('acceptTransfer') + count('rejectTransfer')),
    'hand-over': (parties + 1) * count('recordHandOver'),
    terminated: courts * count('declareBankruptcy'),
    resumed: courts * count('recordReturn'),
    'resumed-party': parties * count('recordReturn'),
  };
  const { rows: notices } = await pool.query<{ notice_key: string }>('select notice_key from transfer_notices where credit_code = $1', [code]);
  const sent: Record<string, number> = {};
  for (const n of notices) {
    const kind = n.notice_key.split(':')[3]!;
    sent[kind] = (sent[kind] ?? 0) + 1;
  }
  for (const kind of new Set([...Object.keys(implied), ...Object.keys(sent)])) {
    if ((implied[kind] ?? 0) !== (sent[kind] ?? 0)) failures.push({ processId, check: 'notices', detail: `${kind}: ${sent[kind] ?? 0} in the outbox, the record implies ${implied[kind] ?? 0}` });
  }
  return stuck(client, pool, processId, failures);
}

interface PreservationView {
  stage: string; riskNotifiedAt?: string; ruling?: { decision: string }; suitFiled?: unknown; enforcementCaseNumber?: string;
  closure?: unknown; measures: Array<{ measureId: string; term: number; status: string; effectiveAt?: string }>;
  consultations: Array<{ consultationId: string; answer?: string }>;
}

/** The audit steps the process's state implies (one per act and per consequence of a deadline). */
function impliedSteps(p: PreservationView, acts: SentAct[]): string[] {
  const steps = ['apply'];
  if (p.riskNotifiedAt) steps.push('risk-notice');
  if (p.ruling) steps.push('ruling', ...(p.ruling.decision === 'granted' ? ['hand-over'] : []));
  const releasedByAct = new Set(acts.filter((a) => a.action === 'preservation.releaseMeasure' && a.outcome !== 'refused').map((a) => a.route.split('/')[2]));
  for (const m of p.measures) {
    steps.push(`measure:${m.measureId}`);
    // Queued behind another seizure of the same asset and moved up when it ended (查封扣押冻结规定 art. 26).
    if (m.effectiveAt) steps.push(`promoted:${m.measureId}`);
    for (let term = 2; term <= m.term; term++) steps.push(`renew:${m.measureId}:${term}`);
    if (m.status === 'released' && releasedByAct.has(m.measureId)) steps.push(`release:${m.measureId}`);
    if (m.status === 'lapsed') steps.push(`lapsed:${m.measureId}:${m.term}`);
  }
  if (p.suitFiled) steps.push('suit-filed');
  for (const c of p.consultations) steps.push(`consult:${c.consultationId}`, ...(c.answer !== undefined ? [`answer:${c.consultationId}`] : []));
  if (p.enforcementCaseNumber) steps.push('enforcement-filed');
  if (p.closure) steps.push('closure');
  if (p.stage === 'released' && !p.closure) steps.push('pre-suit-lapsed');
  return steps.sort();
}

export async function checkPreservation(soak: SoakClient, client: Client, pool: pg.Pool, processId: string, acts: SentAct[], failures: Failure[]): Promise<'closed' | 'open'> {
  const view = await soak.read(`/preservations/${processId}`, preservationStaff.clerk);
  if (view.status !== 200) {
    failures.push({ processId, check: 'unreadable', detail: `GET answered ${view.status}: ${JSON.stringify(view.body).slice(0, 300)}` });
    return stuck(client, pool, processId, failures);
  }
  const p = view.body as PreservationView;
  const model = await pool.query<{ stage: string }>('select stage from preservations where preservation_id = $1', [processId]);
  if (model.rows[0]?.stage !== p.stage) failures.push({ processId, check: 'read model', detail: `read model ${model.rows[0]?.stage}, workflow ${p.stage}` });
  const measures = await pool.query<{ measure_id: string; status: string; term: number }>('select measure_id, status, term from preservation_measures where preservation_id = $1', [processId]);
  for (const m of p.measures) {
    const row = measures.rows.find((r) => r.measure_id === m.measureId);
    if (!row || row.status !== m.status || row.term !== m.term) {
      failures.push({ processId, check: 'read model', detail: `measure ${m.measureId}: read model ${row?.status}/${row?.term}, workflow ${m.status}/${m.term}` });
    }
  }

  const audit = await auditOf(pool, processId);
  const steps = audit.map((r) => r.event_key.slice(processId.length + 1)).sort();
  const implied = impliedSteps(p, acts);
  if (JSON.stringify(steps) !== JSON.stringify(implied)) {
    const extra = steps.filter((s) => !implied.includes(s));
    const missing = implied.filter((s) => !steps.includes(s));
    failures.push({ processId, check: 'audit', detail: `audited but not implied: [${extra.join(', ')}]; implied but not audited: [${missing.join(', ')}]` });
  }
  const entries = audit.filter((r) => human(r.actor_role));
  compareActs(processId, acts, entries, failures);
  // A preservation's audit details may repeat for different things (two measures of one kind taken
  // together); the step names the thing (`measure:m2`), less the term a renewal counts.
  adjacentRepeats(processId, entries.map((r) => ({ action: r.action, userId: r.actor_id, details: r.event_key.replace(/:\d+$/, '') })), failures);

  // Each reminder before a measure expires is escalated to staff and sent to the applicant, once each.
  const reminders = await pool.query<{ escalation_key: string }>(
    "select escalation_key from escalations where process_id = $1 and kind = 'reminder' and deadline_key like '%:measure:%'", [processId]);
  const notices = await pool.query<{ notice_key: string }>('select notice_key from process_notices where process_id = $1', [processId]);
  const expectedNotices = reminders.rows.map((r) => `${r.escalation_key}:applicant`).sort();
  // A seizure moved up from the queue tells its officer once (activities/preservation/seizures.ts).
  const promotedNotice = (key: string) => key.startsWith('seizure-promoted:');
  const keys = notices.rows.map((r) => r.notice_key).filter((k) => !promotedNotice(k)).sort();
  if (JSON.stringify(keys) !== JSON.stringify(expectedNotices)) {
    failures.push({ processId, check: 'notices', detail: `${keys.length} applicant notices for ${expectedNotices.length} renewal reminders` });
  }
  const promotions = notices.rows.filter((r) => promotedNotice(r.notice_key)).length;
  const promoted = p.measures.filter((m) => m.effectiveAt).length;
  // At least one per seizure moved up: the register also tells the officer of a queued seizure whose
  // process was releasing it at that moment and so never took the promotion.
  if (promotions < promoted) failures.push({ processId, check: 'notices', detail: `${promotions} promotion notices for ${promoted} seizures moved up` });
  return stuck(client, pool, processId, failures);
}

/**
 * Replays every history — every run of each process, when it continued as new — with
 * Worker.runReplayHistories against the bundle the workers ran. Answers how many runs were
 * replayed and how many processes had more than one run.
 */
export async function replayAll(client: Client, bundlePath: string, processIds: string[], failures: Failure[], keep?: { workDir: string; temporalAddress: string }): Promise<{ runs: number; continued: number }> {
  let replayed = 0;
  let continued = 0;
  const runsOf = new Map<string, Array<string | undefined>>();
  const histories = (async function* () {
    for (const workflowId of processIds) {
      const runs: Array<string | undefined> = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run.runId);
      // Visibility may not list a run yet: the latest run is still replayed.
      if (runs.length === 0) runs.push(undefined);
      if (runs.length > 1) continued++;
      for (const runId of runs) {
        runsOf.set(workflowId, runs);
        yield { workflowId, history: await client.workflow.getHandle(workflowId, runId).fetchHistory() };
      }
    }
  })();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath }, dataConverter: courtrelayDataConverter() }, histories)) {
    replayed++;
    if (result.error) {
      // Every run of a process that does not replay is kept (proto3 JSON, as test/histories holds
      // them), to become a replay test.
      const kept = keep ? keepHistories(keep.workDir, keep.temporalAddress, result.workflowId, runsOf.get(result.workflowId) ?? []) : [];
      failures.push({ processId: result.workflowId, check: 'replay', detail: `${String(result.error).slice(0, 400)}${kept.length ? ` (histories: ${kept.join(' ')})` : ''}` });
    }
  }
  return { runs: replayed, continued };
}

function keepHistories(workDir: string, address: string, workflowId: string, runIds: Array<string | undefined>): string[] {
  return runIds.map((runId, i) => {
    const file = join(workDir, `replay-failed-${workflowId}-run${i + 1}.json`);
    const args = ['workflow', 'show', '--workflow-id', workflowId, ...(runId ? ['--run-id', runId] : []), '--address', address, '--output', 'json'];
    writeFileSync(file, execFileSync(temporalCliPath, args, { maxBuffer: 64 * 1024 * 1024 }));
    return file;
  });
}
