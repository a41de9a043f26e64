// The preservation workflow's messages, declared once for the workflow and the API. Every human
// action is an Update whose argument carries the Actor; each answers a small acknowledgement (the
// stage and how many acts are recorded), not the state: every answer is kept in the history, and a
// preservation's state with ~190 measures is ~400 KB, so answering it made each act cost that much
// history (issue 12's outside break: 52.8 MB before Temporal terminated the run). The API reads
// the state with `statusQuery` after the act, which costs no history.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SeizureRanked } from '../../activities/preservation/seizures';
import type {
  AnswerConsultationInput, ClosureInput, ConsultInput, EnforcementFiledInput, ExecutionReportInput, RecordMeasureInput, ReleaseMeasureInput,
  RenewMeasureInput, RiskNoticeInput, RulingInput, SuitFiledInput,
} from '../../api/schemas/preservation';
import type { PreservationState } from './types';

/** What an act answers: the stage after it, and how many acts the process has recorded. */
export type PreservationAck = { stage: PreservationState['stage']; recorded: number };

export const recordRiskNoticeUpdate = defineUpdate<PreservationAck, [RiskNoticeInput]>('recordRiskNotice');
export const ruleUpdate = defineUpdate<PreservationAck, [RulingInput]>('rule');
export const recordMeasureUpdate = defineUpdate<PreservationAck, [RecordMeasureInput]>('recordMeasure');
export const reportExecutionUpdate = defineUpdate<PreservationAck, [ExecutionReportInput]>('reportExecution');
export const renewMeasureUpdate = defineUpdate<PreservationAck, [RenewMeasureInput]>('renewMeasure');
export const releaseMeasureUpdate = defineUpdate<PreservationAck, [ReleaseMeasureInput]>('releaseMeasure');
export const recordSuitFiledUpdate = defineUpdate<PreservationAck, [SuitFiledInput]>('recordSuitFiled');
export const consultUpdate = defineUpdate<PreservationAck, [ConsultInput]>('consult');
export const answerConsultationUpdate = defineUpdate<PreservationAck, [AnswerConsultationInput]>('answerConsultation');
export const fileEnforcementUpdate = defineUpdate<PreservationAck, [EnforcementFiledInput]>('fileEnforcement');
export const closeUpdate = defineUpdate<PreservationAck, [ClosureInput]>('close');

export const statusQuery = defineQuery<PreservationState>('status');

/**
 * The seizure register moved one of this process's seizures (查封扣押冻结规定 art. 26): a new rank,
 * and `effectiveAt` when it moved up from the queue to rank 1 (its term starts that day). Sent by the
 * process whose release or lapse ended the seizure ahead of it.
 */
export const seizureRankedSignal = defineSignal<[SeizureRanked]>('seizureRanked');
