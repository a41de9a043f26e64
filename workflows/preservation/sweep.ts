// The daily expiry sweep, started by a Temporal Schedule: collects the live measures reaching
// their reminder dates and writes one digest per recipient.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
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

// Set by the Schedule on every run it starts: a catch-up run after an outage sweeps for the day it
// was due, so that day's digests are written once, not under the day the outage ended.
const scheduledStartKey = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export async function preservationExpirySweep({ profile, sweepDate }: ExpirySweepInput): Promise<ExpirySweepResult> {
  const nowMs = Date.now();
  const scheduledAt = workflowInfo().typedSearchAttributes.get(scheduledStartKey);
  const date = sweepDate ?? cstDateOf(scheduledAt ? scheduledAt.getTime() : nowMs);
  // The earliest reminder (e.g. 30 days before expiry) opens the window; the renewal lead is inside it.
  const windowMs = Math.max(...[...profile.measureReminders, profile.renewalLead].map((lead) => leadTime(profile, lead)));
  const measures = await collectExpiringMeasures({ asOf: new Date(nowMs).toISOString(), withinMs: windowMs });
  const digestsWritten = await writeReminderDigests({ sweepDate: date, digests: reminderDigests(measures, nowMs) });
  return { sweepDate: date, measures: measures.length, digestsWritten };
}
