// Temporal failures as HTTP answers: an Update refused by its validator (wrong stage, wrong role,
// missing documents) becomes a 4xx carrying the workflow's own reason, and nothing changed.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { ApiError, failureStatus } from './errors';

function rootApplicationFailure(err: unknown): ApplicationFailure | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof ApplicationFailure) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function asApiError(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowNotFoundError) {
    // An Update to a finished run comes back NOT_FOUND "workflow execution already completed": the
    // process exists and has ended, so the act is refused in its stage rather than the process unknown.
    if (/already completed/i.test(err.message)) {
      return new ApiError(409, { error: 'WrongStage', message: `该程序已经结束，不再办理 (process ${err.workflowId} has ended)` });
    }
    return new ApiError(404, { error: 'NotFound', message: `no such process: ${err.workflowId ?? ''}`.trim() });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new ApiError(409, { error: 'AlreadyExists', message: `process ${err.workflowId} already exists` });
  }
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError || err instanceof TemporalFailure) {
    const failure = rootApplicationFailure(err);
    const type = failure?.type ?? 'Refused';
    return new ApiError(failureStatus[type] ?? 409, { error: type, message: failure?.message ?? err.message });
  }
  return undefined;
}

/** Runs a Temporal call, turning its refusals into ApiErrors; anything else propagates (500). */
export async function temporalCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw asApiError(err) ?? err;
  }
}
