// A daily Temporal Schedule for a sweep workflow, created at start-up or brought up to date when it
// exists. Shared by the preservation expiry sweep and the transfer-candidate sweep.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';

// After an outage the sweep still runs once (catch-up), and a slow sweep is never doubled (skip).
export const dailySweepPolicies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' } as const;

/** Every day at this hour and minute, China Standard Time. */
export function dailyAtCst(hour: number, minute = 0) {
  return { calendars: [{ hour, minute }], timezone: 'Asia/Shanghai' };
}

export async function ensureDailySchedule(
  client: Client, scheduleId: string, spec: ReturnType<typeof dailyAtCst>, action: ScheduleOptionsAction,
): Promise<string> {
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: dailySweepPolicies });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous, spec, action, policies: { ...previous.policies, ...dailySweepPolicies },
    }));
  }
  return scheduleId;
}
