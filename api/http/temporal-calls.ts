// Temporal failures as HTTP answers: an Update refused by its validator (wrong stage, wrong role,
// missing documents) becomes a 4xx carrying the workflow's own reason, and nothing changed. Every
// call has a deadline: with no worker polling (or Temporal unreachable) an Update would wait for
// minutes and a query for its own timeout, so past the deadline the caller gets a 503 with
// Retry-After, and the pending gRPC calls are cancelled.
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Context } from 'hono';
import { ApiError, failureStatus, type FieldProblem } from './errors';
import { localIssuer, type Principal } from './auth';
import { principalKey } from './idempotency';

/**
 * The Update ID for a request that carries an Idempotency-Key: the same person repeating the same
 * request with the same key (after a 503, a dropped connection) reaches the same Update, which
 * Temporal runs once and answers again, even when the first attempt was admitted and ran late.
 * "The same person" is the token's issuer and subject (a court OIDC user whose `sub` is `admin` is
 * not courtrelay's local `admin`).
 * Undefined without a key (Temporal then picks a fresh ID).
 */
export function updateIdFor(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (!key) return undefined;
  const principal = c.get('principal') as Principal | undefined;
  // A local user keeps the IDs it had (its user id), so a repeat across a deploy reaches the same
  // Update; a provider's user is its issuer and subject (see principalKey).
  const who = principal?.issuer === localIssuer ? principal.subject : principal ? principalKey(principal) : 'anonymous';
  return `idem-${createHash('sha256').update(`${who}\n${c.req.method} ${c.req.path}\n${key}`).digest('hex').slice(0, 40)}`;
}

function rootApplicationFailure(err: unknown): ApplicationFailure | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof ApplicationFailure) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The gRPC status Temporal answered with, under the client's wrapping (ServiceError's cause). */
function grpcStatusOf(err: unknown): { code: number; details: string } | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 8; depth++) {
    const { code, details } = current as { code?: unknown; details?: unknown };
    if (typeof code === 'number' && typeof details === 'string') return { code, details };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const failedPrecondition = 9;
const resourceExhausted = 8;
const unavailableCode = 14;

/**
 * Answers Temporal gives when the act was not taken up, so nothing of it is recorded and the same
 * request may be sent again: the workflow task that carried the Update failed (its worker was
 * killed, or new events — timers firing — arrived while it completed and the server had it redone:
 * "Unable to perform workflow execution update due to unexpected workflow task failure"); no worker
 * is polling ("no poller seen for task queue recently", a worker restarting); the run closed with
 * the Update not yet accepted ("workflow update was aborted by closing workflow": when the run
 * continued as new, the same request reaches the new run; when the process ended, it is refused);
 * the server dropped the Update before its outcome ("workflow update was aborted", "workflow is
 * closing").
 */
export function isNotTakenUp(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return /aborted by closing workflow/i.test(err.message);
  const status = grpcStatusOf(err);
  if (!status) return false;
  // The server's own words for an Update it dropped before an outcome (temporal server
  // service/history/workflow/update): UNAVAILABLE "workflow update was aborted" when the
  // workflow's update registry is cleared (its task failed, a worker died, the shard moved), and
  // RESOURCE_EXHAUSTED "…because workflow is closing" while the run continues as new. Sent again with
  // the same Update ID, the act reaches the process once (the 500-process soak saw 50 answered 500).
  if (status.code === unavailableCode) return /update was aborted/i.test(status.details);
  if (status.code === resourceExhausted) return /workflow is closing/i.test(status.details);
  // "…due to Workflow Task in failed state": the Update arrived while the run's last task had failed
  // (its worker SIGKILLed mid-task; the server rejects Updates until a task completes) — the 60-process
  // soak of 2026-12-02 saw 29 such answered 500 that the same request a moment later recorded once.
  // A query that reaches a run continued a moment ago, before its first workflow task
  // ("Workflow task is not scheduled yet"), is answered by the same query a moment later.
  return status.code === failedPrecondition
    && /unexpected workflow task failure|workflow task in failed state|no poller seen|workflow task is not scheduled yet/i.test(status.details);
}

function notTakenUp(): ApiError {
  return new ApiError(503, {
    error: 'TemporalUnavailable',
    message: `流程引擎未能受理该操作（工作进程重启或程序正在交接），未作任何记录，请${retryAfterSeconds}秒后带同一 Idempotency-Key 重试 `
      + `(Temporal did not take the act up — a worker restarting, or the process handing over to a new run — and recorded nothing; `
      + `retry in ${retryAfterSeconds} s with the same Idempotency-Key)`,
  }, { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * 404 for a process Temporal does not know. Also the answer for a process kept secret from the caller
 * (preservation-status.ts): it must read the same, word for word, or the difference would tell.
 */
export function noSuchProcess(workflowId: string): ApiError {
  return new ApiError(404, { error: 'NotFound', message: `未找到该程序 (no such process: ${workflowId})` });
}

export function asApiError(err: unknown): ApiError | undefined {
  if (isNotTakenUp(err) || isUnprocessedUpdate(err)) return notTakenUp();
  if (err instanceof WorkflowNotFoundError) {
    // An Update to a finished run comes back NOT_FOUND "workflow execution already completed": the
    // process exists and has ended, so the act is refused in its stage rather than the process unknown.
    if (/already completed/i.test(err.message)) {
      return new ApiError(409, { error: 'WrongStage', message: `该程序已经结束，不再办理 (process ${err.workflowId} has ended)` });
    }
    return noSuchProcess(err.workflowId ?? '');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new ApiError(409, { error: 'AlreadyExists', message: `该程序已经存在 (process ${err.workflowId} already exists)` });
  }
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError || err instanceof TemporalFailure) {
    const failure = rootApplicationFailure(err);
    const type = failure?.type ?? 'Refused';
    const message = failure?.message ?? err.message;
    const field = type === 'ValidationFailed' ? fieldOfRefusal(message) : undefined;
    return new ApiError(failureStatus[type] ?? 409, { error: type, message, ...(field ? { fields: [field] } : {}) });
  }
  return undefined;
}

/**
 * The field a workflow's validation refusal names at its head (`takenOn：2026-11-01早于…`, `filedAt: …`),
 * as the door's 422s name theirs, so a form can put the message beside the field (issue 14, outside
 * break: the workflow's 422s carried no `fields`). A refusal that names no field gives none.
 */
export function fieldOfRefusal(message: string): FieldProblem | undefined {
  const head = /^([A-Za-z][\w.]*)(?:（[^）]*）)?(?:：|: )\s*([^]+)$/u.exec(message);
  return head ? { field: head[1]!, message: head[2]! } : undefined;
}

/** What a deadline needs: the client whose calls it cancels, and the configured deadline. */
export interface TemporalCallDeps {
  client: Client;
  config: { API_TEMPORAL_DEADLINE_MS: number };
}

/** Seconds a caller is told to wait before trying again after a missed deadline. */
export const retryAfterSeconds = 5;

function unavailable(deadlineMs: number): ApiError {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return new ApiError(503, {
    error: 'TemporalUnavailable',
    message: `流程引擎${seconds}秒内未应答（该程序前面可能还有其他操作在排队办理，或工作进程未在运行），请${retryAfterSeconds}秒后重试。`
      + '该操作可能已被受理、稍后生效：重试时请带同一 Idempotency-Key，或先查看程序状态 '
      + `(no answer from Temporal within ${seconds} s: other acts on this process may be queued ahead of it, or no worker may be running; the act may still take effect — `
      + `retry with the same Idempotency-Key, or read the process first)`,
  }, { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * Runs `call` (any number of Temporal calls) within the configured deadline
 * (API_TEMPORAL_DEADLINE_MS): past it, its gRPC calls are cancelled and a 503 TemporalUnavailable
 * with Retry-After is thrown. Errors inside are left as they are (see `temporalCall`).
 */
export async function withTemporalDeadline<T>(deps: TemporalCallDeps, call: () => Promise<T>): Promise<T> {
  const deadlineMs = deps.config.API_TEMPORAL_DEADLINE_MS;
  const controller = new AbortController();
  // Every gRPC attempt inside (an act sent again after "not taken up", the client's own retries)
  // listens on this one signal; past Node's default of 10 it warned of a leak that is none.
  setMaxListeners(64, controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const missed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(unavailable(deadlineMs));
    }, deadlineMs);
  });
  const work = deps.client.withAbortSignal(controller.signal, call);
  // Once the deadline has answered, the cancelled call's own rejection is expected and dropped.
  work.catch(() => {});
  try {
    return await Promise.race([work, missed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True when the Update was turned away without being recorded and the same request may be sent
 * again at once: the worker's task did not take it up (UnprocessedUpdate), or the run refused it
 * because it is handing over to a new run (HandingOver, workflows/shared/continuation.ts), which
 * takes the request a moment later.
 */
export function isUnprocessedUpdate(err: unknown): boolean {
  if (!(err instanceof WorkflowUpdateFailedError)) return false;
  const type = rootApplicationFailure(err)?.type;
  return type === 'UnprocessedUpdate' || type === 'HandingOver';
}

/**
 * Runs `call`, sending it again (up to `attempts` times, 200 ms apart, doubling: 6.2 s in all) while the server
 * answers UnprocessedUpdate or another answer that says the act was not taken up (`isNotTakenUp`).
 * Under load the server can complete a workflow task that carried an Update message the worker did
 * not take up (many Updates at once, a task retried after a sticky timeout); it then rejects the
 * Update without recording anything, so sending it again — with the same Update ID when there is
 * one — is safe, and the person gets the answer instead of an error. Past the attempts (or the
 * caller's deadline) a not-taken-up answer becomes a 503 with Retry-After (`asApiError`).
 */
export async function retryUnprocessedUpdates<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(isUnprocessedUpdate(err) || isNotTakenUp(err)) || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
  }
}

/** Runs Temporal calls turning their refusals into ApiErrors, with no deadline of its own (a caller's applies). */
export async function withRefusalsMapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await retryUnprocessedUpdates(call);
  } catch (err) {
    throw asApiError(err) ?? err;
  }
}

/**
 * Runs a Temporal call within the deadline, turning its refusals into ApiErrors (4xx) and a missed
 * deadline into a 503; anything else propagates (500).
 */
export async function temporalCall<T>(deps: TemporalCallDeps, call: () => Promise<T>): Promise<T> {
  try {
    return await withTemporalDeadline(deps, () => retryUnprocessedUpdates(call));
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw asApiError(err) ?? err;
  }
}
