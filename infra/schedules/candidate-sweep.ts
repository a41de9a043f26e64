// The daily transfer-candidate sweep's Temporal Schedule. Start-up calls
// `ensureCandidateSweepSchedule` (and tests do, directly); it creates the schedule or updates it.
import type { Client, ScheduleOptionsAction } from '@temporalio/client';
import type { Config } from '../config';
import type { CandidateSweepWorkflowInput } from '../../workflows/candidates/sweep';
import { dailyAtCst, ensureDailySchedule } from './daily';

/** One schedule per task queue, so test runs on their own queues never share one. */
export function candidateSweepScheduleId(config: Config): string {
  return `transfer-candidate-sweep-${config.TEMPORAL_TASK_QUEUE}`;
}

function sweepAction(config: Config): ScheduleOptionsAction {
  const input: CandidateSweepWorkflowInput = {};
  return {
    type: 'startWorkflow',
    workflowType: 'transferCandidateSweep',
    workflowId: `${candidateSweepScheduleId(config)}-run`,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [input],
    workflowExecutionTimeout: '1 hour',
  };
}

// 06:30 China Standard Time: the worklist is fresh when enforcement officers start work.
export async function ensureCandidateSweepSchedule(client: Client, config: Config): Promise<string> {
  return ensureDailySchedule(client, candidateSweepScheduleId(config), dailyAtCst(6, 30), sweepAction(config));
}
