// The daily expiry sweep, started by a Temporal Schedule: collects the live measures reaching
// their reminder dates and writes one digest per recipient.
import { proxyActivities } from '@temporalio/workflow';
import type { PreservationActivities } from '../../activities/preservation/index';
import { cstDateOf } from '../clock/cst';
import { leadTime, type StatuteProfile } from '../clock/statute-profile';
import { reminderDigests } from './sweep-digests';

const { collectExpiringMeasures, writeReminderDigests } = proxyActivities<PreservationActivities>({ startToCloseTimeout: '1 minute' });

export interface ExpirySweepInput {
  profile: StatuteProfile;
  /** The day swept (CST 'YYYY-MM-DD'); defaults to the day the sweep runs. */
  sweepDate?: string;
}

export interface ExpirySweepResult {
  sweepDate: string;
  measures: number;
  digestsWritten: number;
}

export async function preservationExpirySweep({ profile, sweepDate }: ExpirySweepInput): Promise<ExpirySweepResult> {
  const nowMs = Date.now();
  const date = sweepDate ?? cstDateOf(nowMs);
  // The earliest reminder (e.g. 30 days before expiry) opens the window; the renewal lead is inside it.
  const windowMs = Math.max(...[...profile.measureReminders, profile.renewalLead].map((lead) => leadTime(profile, lead)));
  const measures = await collectExpiringMeasures({ asOf: new Date(nowMs).toISOString(), withinMs: windowMs });
  const digestsWritten = await writeReminderDigests({ sweepDate: date, digests: reminderDigests(measures, nowMs) });
  return { sweepDate: date, measures: measures.length, digestsWritten };
}
