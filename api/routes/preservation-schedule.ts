// The daily expiry sweep's Temporal Schedule. Start-up calls `ensureExpirySweepSchedule` (and
// tests do, directly); it creates the schedule or brings an existing one up to date.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import type { Config } from '../../infra/config';
import { statuteProfileFor } from '../../infra/statute-profile';
import type { ExpirySweepInput } from '../../workflows/preservation/sweep';

/** One schedule per task queue, so test runs on their own queues never share one. */
export function expirySweepScheduleId(config: Config): string {
  return `preservation-expiry-sweep-${config.TEMPORAL_TASK_QUEUE}`;
}

// After an outage the sweep still runs once (catch-up), and a slow sweep is never doubled (skip).
export const expirySweepPolicies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' } as const;

// 07:00 China Standard Time, before court staff start work.
const dailySpec = { calendars: [{ hour: 7, minute: 0 }], timezone: 'Asia/Shanghai' };

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
  const scheduleId = expirySweepScheduleId(config);
  const action = sweepAction(config);
  try {
    await client.schedule.create({ scheduleId, spec: dailySpec, action, policies: expirySweepPolicies });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous, spec: dailySpec, action, policies: { ...previous.policies, ...expirySweepPolicies },
    }));
  }
  return scheduleId;
}
