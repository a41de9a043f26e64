// Activities fail visibly (issue 12). Every activity the worker runs, local or scheduled, passes
// through one interceptor that
// - turns errors no retry can fix into non-retryable failures: PostgreSQL classes 22 (data
//   exception: a value the column cannot hold) and 23 (integrity constraint), and input its zod
//   schema refuses. Retrying those only wedged the process (a 17-digit amount retried for ever).
//   A unique violation (23505) stays retryable: two writers racing on a keyed insert meet it, and
//   the retry finds the row written;
// - records a process whose activity failed for good or three times running in `process_failures`
//   (migration 130), on the recorder's own pool, outside the failing activity's transaction, and
//   marks a retryable one resolved when that activity of that process next succeeds. The worker's
//   role can neither delete rows nor resolve a failure for good (migration 272): the act it stopped
//   was never done, and it stays on the supervisor's board and /healthz until an operator resolves it.
import type { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type pg from 'pg';

/** Attempts after which a retryable failure is shown as a failing process. */
export const visibleFromAttempt = 3;


type PgError = Error & { code: string; detail?: string; table?: string; column?: string; constraint?: string };

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = err, depth = 0; current && depth < 8; depth++) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function asPgError(err: unknown): PgError | undefined {
  return causes(err).find((e): e is PgError =>
    e instanceof Error && typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code)
      && 'severity' in e) as PgError | undefined;
}

function isSchemaViolation(err: unknown): err is Error & { issues: { path: PropertyKey[]; message: string }[] } {
  return causes(err).some((e) => e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues));
}

/**
 * The non-retryable failure for an error no retry can fix, or undefined when a retry may help
 * (connection refused, serialization failure, a race on a unique key, a bug fixed by a deploy).
 */
export function unfixable(err: unknown): ApplicationFailure | undefined {
  if (err instanceof ApplicationFailure) return undefined;
  const pgError = asPgError(err);
  if (pgError && (pgError.code.startsWith('22') || (pgError.code.startsWith('23') && pgError.code !== '23505'))) {
    const where = [pgError.table, pgError.column ?? pgError.constraint].filter(Boolean).join('.');
    return ApplicationFailure.create({
      type: 'DataRejected',
      nonRetryable: true,
      message: `数据库拒绝写入，重试无法修复 (the database refused the write, SQLSTATE ${pgError.code}${where ? ` on ${where}` : ''}: ${pgError.message})`,
      details: [{ sqlState: pgError.code, table: pgError.table ?? null, column: pgError.column ?? null, constraint: pgError.constraint ?? null }],
      cause: pgError,
    });
  }
  if (isSchemaViolation(err)) {
    const zodError = causes(err).find((e) => e instanceof Error && e.name === 'ZodError') as Error & { issues: { path: PropertyKey[]; message: string }[] };
    const fields = zodError.issues.map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`).join('; ');
    return ApplicationFailure.create({
      type: 'InvalidActivityInput',
      nonRetryable: true,
      message: `活动输入不符合格式，重试无法修复 (activity input refused by its schema: ${fields.slice(0, 1000)})`,
    });
  }
  return undefined;
}

/** One failing activity of one process, as the board and /healthz show it. */
export interface ProcessFailure {
  workflowId: string;
  workflowType: string;
  activityType: string;
  attempt: number;
  retryable: boolean;
  errorType: string;
  message: string;
  firstFailedAt: string;
  lastFailedAt: string;
}

const cacheMs = 30_000;

/**
 * Writes and clears `process_failures`. It keeps the set of open rows for `cacheMs`, so a
 * successful activity costs a lookup in memory, not a statement, unless its process is failing.
 */
export class FailureRecorder {
  private open = new Set<string>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  private static key(workflowId: string, activityType: string): string {
    return `${workflowId}\u0000${activityType}`;
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.loadedAt < cacheMs) return;
    this.loading ??= this.pool.query<{ workflow_id: string; activity_type: string }>(
      'select workflow_id, activity_type from process_failures where resolved_at is null and retryable',
    )
      .then(({ rows }) => {
        this.open = new Set(rows.map((r) => FailureRecorder.key(r.workflow_id, r.activity_type)));
        this.loadedAt = Date.now();
      })
      .finally(() => { this.loading = undefined; });
    await this.loading;
  }

  async failed(info: Context['info'], failure: { retryable: boolean; errorType: string; message: string }): Promise<void> {
    const { workflowExecution, workflowType, activityType, attempt } = info;
    if (!workflowExecution) return;
    await this.pool.query(
      'select record_process_failure($1, $2, $3, $4, $5, $6, $7, $8)',
      [workflowExecution.workflowId, activityType, workflowType ?? 'unknown', workflowExecution.runId, Math.min(attempt, 2 ** 31 - 1),
        failure.retryable, failure.errorType, failure.message.slice(0, 2000)],
    );
    this.open.add(FailureRecorder.key(workflowExecution.workflowId, activityType));
  }

  async succeeded(info: Context['info']): Promise<void> {
    const { workflowExecution, activityType, attempt } = info;
    if (!workflowExecution) return;
    const key = FailureRecorder.key(workflowExecution.workflowId, activityType);
    // A retry that succeeds may clear a row another worker wrote; a first attempt only one seen open.
    if (attempt <= 1) {
      await this.refresh();
      if (!this.open.has(key)) return;
    }
    // Resolved, not deleted, and only a retryable failure (migration 272): a failure for good stays for an operator.
    await this.pool.query('select resolve_process_failure($1, $2)', [workflowExecution.workflowId, activityType]);
    this.open.delete(key);
  }
}

function describeFailure(err: unknown): { retryable: boolean; errorType: string; message: string } {
  if (err instanceof ApplicationFailure) {
    return { retryable: !err.nonRetryable, errorType: err.type ?? 'Error', message: err.message };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const code = asPgError(err)?.code;
  return { retryable: true, errorType: code ? `SQLSTATE ${code}` : e.name, message: e.message };
}

/**
 * The worker's activity interceptor: classifies errors (see `unfixable`) and records failing
 * processes with `recorder`. A recording that fails itself is logged and never hides the
 * activity's own error.
 */
export function failureInterceptors(recorder: FailureRecorder): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        let result: unknown;
        try {
          result = await next(input);
        } catch (err) {
          const thrown = unfixable(err) ?? err;
          if (!(thrown instanceof CancelledFailure)) {
            const failure = describeFailure(thrown);
            if (!failure.retryable || ctx.info.attempt >= visibleFromAttempt) {
              await recorder.failed(ctx.info, failure).catch((recordErr: Error) =>
                ctx.log.warn('could not record a failing process', { error: recordErr.message }));
            }
          }
          throw thrown;
        }
        await recorder.succeeded(ctx.info).catch((clearErr: Error) =>
          ctx.log.warn('could not clear a recovered process', { error: clearErr.message }));
        return result;
      },
    },
  });
}

/** A failing process with the court it belongs to, when the read model or its id says. */
export type ProcessFailureRow = ProcessFailure & { court: string | null };

/**
 * Failing processes, most recent first. With `court`, that court's and those whose court is not
 * known yet (a process whose very first write failed has no read-model row): a supervisor must
 * see those too, or nobody would.
 */
export async function listProcessFailures(pool: Pick<pg.Pool, 'query'>, court?: string, limit = 200): Promise<ProcessFailureRow[]> {
  const { rows } = await pool.query<ProcessFailureRow>(
    `select * from (
       select f.workflow_id as "workflowId", f.workflow_type as "workflowType", f.activity_type as "activityType", f.attempt,
              f.retryable, f.error_type as "errorType", f.message,
              to_char(f.first_failed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "firstFailedAt",
              to_char(f.last_failed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastFailedAt",
              coalesce(p.court, t.home_court, substring(f.workflow_id from '^preservation-((?:BPC|IPC|HPC)-[0-9]{6})-')) as court
         from process_failures f
         left join preservations p on p.preservation_id = f.workflow_id
         left join transfers t on t.workflow_id = f.workflow_id
        where f.resolved_at is null
     ) x
     where $1::text is null or x.court is null or x.court = $1
     order by x."lastFailedAt" desc
     limit $2`,
    [court ?? null, limit],
  );
  return rows;
}

/** How many processes are failing, and how many of those for good (non-retryable). */
export async function countProcessFailures(pool: Pick<pg.Pool, 'query'>): Promise<{ processes: number; nonRetryable: number }> {
  const { rows } = await pool.query<{ processes: number; non_retryable: number }>(
    'select count(distinct workflow_id)::int as processes, count(distinct workflow_id) filter (where not retryable)::int as non_retryable from process_failures where resolved_at is null',
  );
  return { processes: rows[0]!.processes, nonRetryable: rows[0]!.non_retryable };
}
