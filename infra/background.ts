// What keeps running in Temporal besides the cases themselves, started (or found running) at each
// start-up: the daily sweeps as Schedules, and the notice dispatcher. Each call is idempotent.
import type { Client } from '@temporalio/client';
import { ensureNoticeDispatcher } from '../activities/notices/dispatcher-start';
import { ensureCandidateSweepSchedule } from './schedules/candidate-sweep';
import { ensureExpirySweepSchedule } from './schedules/expiry-sweep';
import type { Config } from './config';

export async function ensureBackgroundWork(client: Client, config: Config): Promise<void> {
  await ensureExpirySweepSchedule(client, config);
  await ensureCandidateSweepSchedule(client, config);
  await ensureNoticeDispatcher(client, config);
}
