// The preservation workflow's messages, declared once for the workflow and the API. Every human
// action is an Update whose argument carries the Actor; each returns the state after the act.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SeizureRanked } from '../../activities/preservation/seizures';
import type {
  AnswerConsultationInput, ClosureInput, ConsultInput, EnforcementFiledInput, ExecutionReportInput, RecordMeasureInput, ReleaseMeasureInput,
  RenewMeasureInput, RiskNoticeInput, RulingInput, SuitFiledInput,
} from '../../api/schemas/preservation';
import type { PreservationState } from './types';

export const recordRiskNoticeUpdate = defineUpdate<PreservationState, [RiskNoticeInput]>('recordRiskNotice');
export const ruleUpdate = defineUpdate<PreservationState, [RulingInput]>('rule');
export const recordMeasureUpdate = defineUpdate<PreservationState, [RecordMeasureInput]>('recordMeasure');
export const reportExecutionUpdate = defineUpdate<PreservationState, [ExecutionReportInput]>('reportExecution');
export const renewMeasureUpdate = defineUpdate<PreservationState, [RenewMeasureInput]>('renewMeasure');
export const releaseMeasureUpdate = defineUpdate<PreservationState, [ReleaseMeasureInput]>('releaseMeasure');
export const recordSuitFiledUpdate = defineUpdate<PreservationState, [SuitFiledInput]>('recordSuitFiled');
export const consultUpdate = defineUpdate<PreservationState, [ConsultInput]>('consult');
export const answerConsultationUpdate = defineUpdate<PreservationState, [AnswerConsultationInput]>('answerConsultation');
export const fileEnforcementUpdate = defineUpdate<PreservationState, [EnforcementFiledInput]>('fileEnforcement');
export const closeUpdate = defineUpdate<PreservationState, [ClosureInput]>('close');

export const statusQuery = defineQuery<PreservationState>('status');

/**
 * The seizure register moved one of this process's seizures (查封扣押冻结规定 art. 26): a new rank,
 * and `effectiveAt` when it moved up from the queue to rank 1 (its term starts that day). Sent by the
 * process whose release or lapse ended the seizure ahead of it.
 */
export const seizureRankedSignal = defineSignal<[SeizureRanked]>('seizureRanked');
