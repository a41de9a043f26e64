// Processes Temporal closed without their workflow finishing (issue 12): terminated (an operator's
// `temporal workflow terminate`, the server's history size or count limit), failed (the workflow
// threw), timed out (a run or execution timeout), cancelled (`temporal workflow cancel`: the
// workflows do not handle cancellation, so a cancel ends them at once). Such a process has stopped:
// no deadline fires, no act is taken, and its read model still reads as in force. Nothing in
// PostgreSQL says so — only Temporal's visibility store knows — so /healthz counts them, the
// supervisor's board names them, and a status read says so.
//
// What counts is a process whose latest run ended so. A process an operator brought back (`temporal
// workflow reset`, or a transfer started again under its ID, which ALLOW_DUPLICATE_FAILED_ONLY
// permits after such an end) has a later run Running or Completed and no longer counts: a Completed
// run is always a process's last (a transfer cannot start again after one, a preservation never
// starts twice), and a ContinuedAsNew run is always followed by another.
//
// The filters below are plain SQL-visibility syntax (IN lists, = on a keyword list meaning
// "contains"): checked on the CLI dev server (SQLite) and on the local cluster (PostgreSQL 12
// visibility), server 1.29.1. ORDER BY is refused by both ("operation is not supported"), so the
// newest-first order is ours.
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type pg from 'pg';
import { courtKey, processKindKey } from '../../workflows/search-attributes';

/** How the engine ended a process that did not finish. */
export type EngineEnd = 'terminated' | 'failed' | 'timedOut' | 'cancelled';
/** The latest run's execution status, as a status read reports it (`engineStatus`). */
export type EngineStatus = 'running' | 'completed' | 'continuedAsNew' | EngineEnd;

const engineStatusByName: Record<string, EngineStatus> = {
  RUNNING: 'running', COMPLETED: 'completed', CONTINUED_AS_NEW: 'continuedAsNew',
  TERMINATED: 'terminated', FAILED: 'failed', TIMED_OUT: 'timedOut', CANCELLED: 'cancelled',
};

/** The client's status name (WorkflowExecutionInfo.status.name) as an EngineStatus; unknown names read as running. */
export function engineStatusOf(statusName: string): EngineStatus {
  return engineStatusByName[statusName] ?? 'running';
}

export function endedByEngine(status: EngineStatus): status is EngineEnd {
  return status === 'terminated' || status === 'failed' || status === 'timedOut' || status === 'cancelled';
}

/**
 * What each end means for the people who rely on the process, and what to do: shown on staff pages,
 * so in Chinese only (no Latin letters: test/e2e/console-english.test.ts); the operator's command
 * is in the English part of `engineWarning`.
 */
export const engineEndLabels: Record<EngineEnd, { label: string; remedy: string }> = {
  terminated: {
    label: '已终止',
    remedy: '该程序已被流程引擎强制终止（运维人员终止，或程序记录超出引擎上限）。请技术人员查明终止原因，在流程引擎中将其恢复到终止前的位置；'
      + '恢复前期限不会提醒、不能办理任何事项，须由承办人人工跟进期限。',
  },
  failed: {
    label: '运行失败',
    remedy: '该程序在流程引擎中运行失败并已停止。请技术人员按运行日志查明原因、修复后在流程引擎中将其恢复；'
      + '恢复前期限不会提醒、不能办理任何事项，须由承办人人工跟进期限。',
  },
  timedOut: {
    label: '超时',
    remedy: '该程序因超过流程引擎的运行时限而停止。请技术人员检查启动时设定的时限，并在流程引擎中将其恢复；'
      + '恢复前期限不会提醒、不能办理任何事项，须由承办人人工跟进期限。',
  },
  cancelled: {
    label: '已取消',
    remedy: '该程序已在流程引擎中被取消，未按法定程序结束。请技术人员核实后在流程引擎中将其恢复；'
      + '恢复前期限不会提醒、不能办理任何事项，须由承办人人工跟进期限。',
  },
};

/** The warning a status read carries for a process the engine stopped (Chinese, then English for the operator). */
export function engineWarning(end: EngineEnd): string {
  return `此程序${engineEndLabels[end].label}，以下状态是停止时的记录，并非仍在运行：${engineEndLabels[end].remedy}`
    + ` (this process was ${end} by the workflow engine; the state below is as it stopped, not in force;`
    + ' find why in its history, then restore it with temporal workflow reset --type LastWorkflowTask, and it leaves the board)';
}

const endedStatusFilter = "ExecutionStatus IN ('Terminated', 'Failed', 'TimedOut', 'Canceled')";
const processFilter = `${processKindKey.name} IN ('transfer', 'preservation')`;
/** Court codes and workflow IDs are ours (schemas allow letters, digits, '-' and '_'); anything else never reaches a query. */
const safeLiteral = /^[A-Za-z0-9_-]{1,200}$/;

function endedQuery(court?: string): string {
  if (court !== undefined && !safeLiteral.test(court)) throw new Error(`not a court code: ${JSON.stringify(court)}`);
  return `${processFilter} AND ${endedStatusFilter}${court !== undefined ? ` AND ${courtKey.name} = '${court}'` : ''}`;
}

/** One process the engine stopped: its latest run. */
export interface EndedProcess {
  workflowId: string;
  kind: 'transfer' | 'preservation';
  end: EngineEnd;
  /** When the run closed (ISO 8601, UTC). */
  closedAt: string;
  /** The court running it: the read model's, else the first court its search attribute names (the home court for both kinds). */
  court: string | null;
}

/** Runs listed per visibility call: one page, so a call stays within the caller's time. */
export const endedRunsBound = 500;
const idsPerQuery = 100;

async function take(runs: AsyncIterable<WorkflowExecutionInfo>, limit: number): Promise<WorkflowExecutionInfo[]> {
  const taken: WorkflowExecutionInfo[] = [];
  for await (const run of runs) {
    taken.push(run);
    if (taken.length >= limit) break;
  }
  return taken;
}

/** Of these workflow IDs, those with a run Running or Completed: brought back, or finished after all. */
async function broughtBack(client: Client, ids: string[]): Promise<Set<string>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += idsPerQuery) chunks.push(ids.slice(i, i + idsPerQuery));
  const found = await Promise.all(chunks.map((chunk) => take(client.workflow.list({
    query: `WorkflowId IN (${chunk.map((id) => `'${id}'`).join(', ')}) AND ExecutionStatus IN ('Running', 'Completed')`,
    pageSize: endedRunsBound,
  }), endedRunsBound)));
  return new Set(found.flat().map((run) => run.workflowId));
}

/**
 * The processes whose latest run the engine ended, newest first, at most `endedRunsBound` runs
 * looked at. With `court`: those whose court search attribute names it (then narrowed to the home
 * court by the caller, see `listEndedProcesses`). Three visibility calls at most per 100 processes.
 */
async function endedRuns(client: Client, court?: string): Promise<EndedProcess[]> {
  const runs = await take(client.workflow.list({ query: endedQuery(court), pageSize: endedRunsBound }), endedRunsBound);
  const latest = new Map<string, WorkflowExecutionInfo>();
  for (const run of runs) {
    if (!safeLiteral.test(run.workflowId)) continue;
    const seen = latest.get(run.workflowId);
    if (!seen || (run.closeTime?.getTime() ?? 0) > (seen.closeTime?.getTime() ?? 0)) latest.set(run.workflowId, run);
  }
  const back = latest.size ? await broughtBack(client, [...latest.keys()]) : new Set<string>();
  return [...latest.values()]
    .filter((run) => !back.has(run.workflowId))
    .sort((a, b) => (b.closeTime?.getTime() ?? 0) - (a.closeTime?.getTime() ?? 0))
    .map((run) => ({
      workflowId: run.workflowId,
      kind: run.typedSearchAttributes.get(processKindKey) === 'transfer' ? 'transfer' : 'preservation',
      end: engineStatusOf(run.status.name) as EngineEnd,
      closedAt: (run.closeTime ?? run.startTime).toISOString(),
      court: run.typedSearchAttributes.get(courtKey)?.[0] ?? null,
    }));
}

/**
 * How many processes the engine stopped (for /healthz: a number, never which). One count call when
 * there are none, the usual answer; otherwise the runs are listed to leave out processes brought
 * back. `runs` is what visibility counted; past `endedRunsBound` runs, `processes` is that count
 * (it may then include some brought back: it errs towards telling).
 */
export async function countEndedProcesses(client: Client): Promise<{ processes: number; runs: number }> {
  const { count: runs } = await client.workflow.count(endedQuery());
  if (runs === 0) return { processes: 0, runs };
  if (runs > endedRunsBound) return { processes: runs, runs };
  return { processes: (await endedRuns(client)).length, runs };
}

/**
 * The processes the engine stopped, for the board: with `court`, those that court runs (its home
 * court: the read model's `preservations.court` / `transfers.home_court`, else the search
 * attribute's first court), as the board's list scope ('home') has it; without, all of them.
 */
export async function listEndedProcesses(client: Client, pool: Pick<pg.Pool, 'query'>, court?: string): Promise<EndedProcess[]> {
  const ended = await endedRuns(client, court);
  if (ended.length === 0) return ended;
  const { rows } = await pool.query<{ id: string; court: string }>(
    `select preservation_id as id, court from preservations where preservation_id = any($1)
     union all
     select workflow_id, home_court from transfers where workflow_id = any($1)`,
    [ended.map((e) => e.workflowId)],
  );
  const homeCourt = new Map(rows.map((r) => [r.id, r.court]));
  return ended
    .map((e) => ({ ...e, court: homeCourt.get(e.workflowId) ?? e.court }))
    .filter((e) => court === undefined || e.court === court);
}

/** The latest run's status, by one DescribeWorkflowExecution (as `startTransfer` asks before joining a transfer). */
export async function latestRunStatus(handle: { describe(): Promise<{ status: { name: string } }> }): Promise<EngineStatus> {
  return engineStatusOf((await handle.describe()).status.name);
}

/**
 * What a status read adds to the workflow's own state: `engineStatus` always, and for a process the
 * engine stopped a warning saying so (the state is as it stopped; no act can reach it).
 */
export function engineFields(status: EngineStatus): { engineStatus: EngineStatus; engineWarning?: string } {
  return endedByEngine(status) ? { engineStatus: status, engineWarning: engineWarning(status) } : { engineStatus: status };
}
