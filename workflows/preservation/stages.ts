// The stage machine of a preservation application, in one place: which stage follows which, and
// which actions each stage accepts. Validators, the status endpoint's "allowed actions" and the
// read model all read it.
import type { Action } from '../shared/permissions';

export const preservationStages = ['awaiting_ruling', 'refused', 'in_force', 'converted', 'released', 'concluded'] as const;
export type PreservationStage = (typeof preservationStages)[number];

export const stageLabels: Record<PreservationStage, string> = {
  awaiting_ruling: '待裁定',
  refused: '驳回申请',
  in_force: '保全实施中',
  converted: '已转执行',
  released: '已解除保全',
  concluded: '执行终结',
};

/** The process's own step names; each maps to one row of the permission table. */
export type PreservationStep =
  | 'riskNotice' | 'rule' | 'recordMeasure' | 'renewMeasure' | 'releaseMeasure' | 'recordSuitFiled'
  | 'consult' | 'answerConsultation' | 'fileEnforcement' | 'close' | 'reportExecution';

export const stepsByStage: Record<PreservationStage, readonly PreservationStep[]> = {
  awaiting_ruling: ['riskNotice', 'rule', 'close'],
  in_force: ['riskNotice', 'recordMeasure', 'reportExecution', 'renewMeasure', 'releaseMeasure', 'recordSuitFiled', 'consult', 'answerConsultation', 'fileEnforcement', 'close'],
  // After conversion the measures are enforcement's: the enforcement court renews (on the
  // creditor's application) and releases them; the trial division still answers questions about
  // the judgment (CO) until the enforcement case concludes.
  converted: ['renewMeasure', 'releaseMeasure', 'consult', 'answerConsultation', 'close'],
  refused: [],
  released: [],
  concluded: [],
};

export const terminalStages: readonly PreservationStage[] = ['refused', 'released', 'concluded'];

export function stepAllowedIn(stage: PreservationStage, step: PreservationStep): boolean {
  return stepsByStage[stage].includes(step);
}

/** Pre-suit and pre-arbitration rulings belong to the filing desk, in-suit ones to the trial judge. */
export function rulingAction(kind: 'pre_suit' | 'pre_arbitration' | 'in_suit'): Action {
  return kind === 'in_suit' ? 'preservation.ruleTrial' : 'preservation.ruleFilingDesk';
}

export const stepActions: Record<Exclude<PreservationStep, 'rule'>, Action> = {
  riskNotice: 'preservation.recordRiskNotice',
  recordMeasure: 'preservation.recordMeasure',
  reportExecution: 'preservation.reportExecution',
  renewMeasure: 'preservation.renewMeasure',
  releaseMeasure: 'preservation.releaseMeasure',
  recordSuitFiled: 'preservation.recordSuitFiled',
  consult: 'preservation.consult',
  answerConsultation: 'preservation.answerConsultation',
  fileEnforcement: 'preservation.fileEnforcement',
  close: 'preservation.closeCase',
};

export function actionFor(step: PreservationStep, kind: 'pre_suit' | 'pre_arbitration' | 'in_suit'): Action {
  return step === 'rule' ? rulingAction(kind) : stepActions[step];
}
