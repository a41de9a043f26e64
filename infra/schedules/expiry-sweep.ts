// The daily expiry sweep's Temporal Schedule. Start-up calls `ensureExpirySweepSchedule` (and
// tests do, directly); it creates the schedule or brings an existing one up to date.
import type { Client, ScheduleOptionsAction } from '@temporalio/client';
import type { Config } from '../config';
import { statuteProfileFor } from '../statute-profile';
import type { ExpirySweepInput } from '../../workflows/preservation/sweep';
import { dailyAtCst, ensureDailySchedule } from './daily';

/** One schedule per task queue, so test runs on their own queues never share one. */
export function expirySweepScheduleId(config: Config): string {
  return `preservation-expiry-sweep-${config.TEMPORAL_TASK_QUEUE}`;
}

// 07:00 China Standard Time, before court staff start work.
const dailySpec = dailyAtCst(7);

function sweepAction(config: Config): ScheduleOptionsAction {
  const input: ExpirySweepInput = { profile: statuteProfileFor(config) };
  return {
    type: 'startWorkflow',
    workflowType: 'preservationExpirySweep',
    workflowId: `${expirySweepScheduleId(config)}-run`,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [input],
    workflowExecutionTimeout: '1 hour',
  };
}

export async function ensureExpirySweepSchedule(client: Client, config: Config): Promise<string> {
  return ensureDailySchedule(client, expirySweepScheduleId(config), dailySpec, sweepAction(config));
}
