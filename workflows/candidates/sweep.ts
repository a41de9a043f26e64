// The daily transfer-candidate sweep, started by a Temporal Schedule: lists the debtor companies
// that look transferable (GO art. 2) on the enforcement officers' worklist.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CandidateActivities } from '../../activities/candidates/index';
import type { CandidateSweepResult } from '../../activities/candidates/worklist';
import { cstDateOf } from '../clock/cst';

const { sweepTransferCandidates } = proxyActivities<CandidateActivities>({ startToCloseTimeout: '5 minutes' });

export interface CandidateSweepWorkflowInput {
  /** The day swept (CST 'YYYY-MM-DD'); defaults to the day the Schedule meant the run for. */
  sweepDate?: string;
}

// Set by the Schedule on every run: a catch-up run after an outage sweeps for the day it was due.
const scheduledStartKey = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export async function transferCandidateSweep(input: CandidateSweepWorkflowInput = {}): Promise<CandidateSweepResult> {
  const nowMs = Date.now();
  const scheduledAt = workflowInfo().typedSearchAttributes.get(scheduledStartKey);
  const sweepDate = input.sweepDate ?? cstDateOf(scheduledAt ? scheduledAt.getTime() : nowMs);
  return sweepTransferCandidates({ sweepDate, sweptAt: new Date(nowMs).toISOString() });
}
