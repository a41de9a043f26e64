// How the API answers when Temporal did not take an act up (issue 12): after worker kills an Update
// came back FAILED_PRECONDITION "Unable to perform workflow execution update due to unexpected
// workflow task failure" and the person got a 500. Such answers record nothing, so the API sends the
// act again a few times and, if Temporal still does not take it up, answers 503 with Retry-After:
// the same request with the same Idempotency-Key may be sent again. The errors are built as
// @temporalio/client builds them from the server's gRPC answer (ServiceError around the gRPC error,
// WorkflowNotFoundError from NOT_FOUND).
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { errorResponse } from '../../api/http/errors';
import { asApiError, fieldOfRefusal, isNotTakenUp, retryUnprocessedUpdates, temporalCall } from '../../api/http/temporal-calls';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const taskInFailedState = () => new ServiceError('Workflow Update failed', {
  cause: grpc(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.'),
});
const taskFailed = () => new ServiceError('Workflow Update failed', {
  cause: grpc(9, 'Unable to perform workflow execution update due to unexpected workflow task failure.'),
});
const noPoller = () => new ServiceError('Failed to query Workflow', { cause: grpc(9, 'no poller seen for task queue recently, worker may be down') });
const abortedByClose = () => new WorkflowNotFoundError('workflow update was aborted by closing workflow', 'transfer-x', undefined);
const abortedByServer = () => new ServiceError('Workflow Update failed', { cause: grpc(14, 'workflow update was aborted') });
const closing = () => new ServiceError('Workflow Update failed', {
  cause: grpc(8, 'workflow operation can not be applied because workflow is closing'),
});
// A query that reached a run continued a moment ago, before its first task.
const notScheduled = () => new ServiceError('Failed to query Workflow', { cause: grpc(9, 'Workflow task is not scheduled yet.') });
// The run refused the act because it is handing over (workflows/shared/continuation.ts).
const handingOver = () => new WorkflowUpdateFailedError('Workflow Update failed',
  ApplicationFailure.create({ type: 'HandingOver', nonRetryable: true, message: '本程序正在交接至新的运行记录' }));
const deps = { client: { withAbortSignal: <T>(_s: AbortSignal, fn: () => Promise<T>) => fn() } as never, config: { API_TEMPORAL_DEADLINE_MS: 30_000 } };

describe('acts Temporal did not take up', () => {
  it('are told apart from refusals and from other failures', () => {
    expect(isNotTakenUp(taskFailed())).toBe(true);
    expect(isNotTakenUp(taskInFailedState())).toBe(true);
    expect(isNotTakenUp(noPoller())).toBe(true);
    expect(isNotTakenUp(abortedByClose())).toBe(true);
    expect(isNotTakenUp(abortedByServer())).toBe(true);
    expect(isNotTakenUp(closing())).toBe(true);
    expect(isNotTakenUp(notScheduled())).toBe(true);
    // Other UNAVAILABLE and RESOURCE_EXHAUSTED answers are the client's deadline's to handle.
    expect(isNotTakenUp(new ServiceError('x', { cause: grpc(14, 'connection refused') }))).toBe(false);
    expect(isNotTakenUp(new ServiceError('x', { cause: grpc(8, 'namespace rate limit exceeded') }))).toBe(false);
    // Another FAILED_PRECONDITION, a process that ended, an unknown process: not retried.
    expect(isNotTakenUp(new ServiceError('Workflow Update failed', { cause: grpc(9, 'namespace is not active') }))).toBe(false);
    expect(isNotTakenUp(new WorkflowNotFoundError('workflow execution already completed', 'transfer-x', undefined))).toBe(false);
    expect(isNotTakenUp(new WorkflowNotFoundError('workflow not found for ID: transfer-x', 'transfer-x', undefined))).toBe(false);
    expect(isNotTakenUp(new Error('Unable to perform workflow execution update due to unexpected workflow task failure'))).toBe(false);
  });

  it('answer 503 with Retry-After, not 500 or 404, once the retries are spent', async () => {
    for (const failure of [taskFailed, taskInFailedState, noPoller, abortedByClose, abortedByServer, closing, notScheduled, handingOver]) {
      let calls = 0;
      // Through the API's own error handler, as a route answers.
      const app = new Hono();
      app.onError((err, c) => errorResponse(c, err));
      app.post('/act', async (c) => c.json(await temporalCall(deps, async () => { calls++; throw failure(); })));
      const res = await app.request('/act', { method: 'POST' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = await res.json() as { error: string; message: string };
      expect(body.error).toBe('TemporalUnavailable');
      expect(body.message).toContain('Idempotency-Key');
      expect(calls, 'sent again before answering').toBe(6);
    }
    expect(asApiError(new WorkflowNotFoundError('workflow execution already completed', 'transfer-x', undefined))?.status).toBe(409);
  }, 120_000);

  it('are sent again, and the answer of the attempt that is taken up is returned', async () => {
    let calls = 0;
    const answer = await retryUnprocessedUpdates(async () => {
      calls++;
      if (calls === 1) throw taskFailed();
      if (calls === 2) throw abortedByClose();
      return 'recorded';
    });
    expect(answer).toBe('recorded');
    expect(calls).toBe(3);
  });

  it('other failures are not sent again and stay errors (500)', async () => {
    let calls = 0;
    const failure = new ServiceError('Workflow Update failed', { cause: grpc(9, 'namespace is not active') });
    await expect(temporalCall(deps, async () => { calls++; throw failure; })).rejects.toBe(failure);
    expect(calls).toBe(1);
  });
});

describe('a workflow\'s validation refusal', () => {
  it('names the field at its head as the door\'s 422s do; one that names none gives no fields', () => {
    expect(fieldOfRefusal('takenOn：2026-11-01早于ruledOn（保全裁定作出时间）（2026-11-24）'))
      .toEqual({ field: 'takenOn', message: '2026-11-01早于ruledOn（保全裁定作出时间）（2026-11-24）' });
    expect(fieldOfRefusal('filedAt: 已超过30日起诉期限 (filed after the 30-day pre-suit deadline)'))
      .toEqual({ field: 'filedAt', message: '已超过30日起诉期限 (filed after the 30-day pre-suit deadline)' });
    expect(fieldOfRefusal('ruledOn（裁定作出日期）：不能晚于今天')).toEqual({ field: 'ruledOn', message: '不能晚于今天' });
    expect(fieldOfRefusal('已于 2026-11-20 告知执行风险 (risk notice already recorded)')).toBeUndefined();
    const refused = asApiError(new WorkflowUpdateFailedError('Workflow Update failed',
      ApplicationFailure.create({ type: 'ValidationFailed', message: 'servedOn：2026-11-17早于ruledOn（裁定作出日期）（2026-11-18）', nonRetryable: true })));
    expect(refused?.status).toBe(422);
    expect(refused?.body).toMatchObject({ error: 'ValidationFailed', fields: [{ field: 'servedOn', message: expect.stringMatching(/^2026-11-17早于/) }] });
  });
});
