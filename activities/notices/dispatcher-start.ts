// Starts the notice dispatcher for a task queue, or finds it running: start-up calls this (the
// worker's or the API's), tests call it directly. Settings from configuration, defaults for a court.
import type { Client } from '@temporalio/client';
import type { Config } from '../../infra/config';
import { noticeDispatcherWorkflowId, type NoticeDispatcherInput } from '../../workflows/notices/dispatcher';

export const defaultDispatcherInput: NoticeDispatcherInput = {
  pollIntervalMs: 5_000,
  heartbeatTimeoutMs: 30_000,
  roundsPerRun: 200,
  settings: { batchSize: 20, leaseMs: 60_000, backoff: { initialMs: 5_000, maxMs: 3_600_000 }, maxAttempts: 25 },
};

export async function ensureNoticeDispatcher(
  client: Client, config: Pick<Config, 'TEMPORAL_TASK_QUEUE'>, input: NoticeDispatcherInput = defaultDispatcherInput,
): Promise<string> {
  const workflowId = noticeDispatcherWorkflowId(config.TEMPORAL_TASK_QUEUE);
  await client.workflow.start('noticeDispatcher', {
    workflowId, taskQueue: config.TEMPORAL_TASK_QUEUE, args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return workflowId;
}
