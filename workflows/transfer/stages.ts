// The transfer's stage machine, once: its stages, the moves between them, and the stages in which
// each human action may be taken. The workflow's validators and the API's "allowed next actions"
// both read this file. Chinese labels are what court staff see.
import type { Action } from '../shared/permissions';

export const transferStages = [
  'triggered', 'screening', 'consent', 'panel_review', 'president_signature', 'decided', 'at_receiving_court',
  'under_review', 'accepted', 'bankruptcy_declared', 'dismissed', 'rejected', 'returned', 'no_consent',
] as const;
export type TransferStage = (typeof transferStages)[number];

export const stageLabels: Record<TransferStage, string> = {
  triggered: '已启动（无财产可供执行）',
  screening: '移送审查',
  consent: '征询同意',
  panel_review: '合议庭评议',
  president_signature: '院长签发',
  decided: '已决定移送',
  at_receiving_court: '受移送法院已立案',
  under_review: '破产审查中',
  accepted: '已裁定受理',
  bankruptcy_declared: '已宣告破产，终结执行',
  dismissed: '受理后裁定驳回破产申请',
  rejected: '已裁定不予受理',
  returned: '已退回，恢复执行',
  no_consent: '无人同意，不予移送',
};

const transitions: Record<TransferStage, readonly TransferStage[]> = {
  triggered: ['screening'],
  screening: ['consent'],
  consent: ['panel_review', 'no_consent'],
  // Sent back by the panel or the president, or every consent withdrawn before the decision.
  panel_review: ['president_signature', 'consent', 'no_consent'],
  president_signature: ['decided', 'consent', 'no_consent'],
  decided: ['at_receiving_court'],
  at_receiving_court: ['under_review'],
  under_review: ['accepted', 'rejected'],
  // Dismissed after acceptance, before any declaration (企业破产法 art. 12 para. 2).
  accepted: ['bankruptcy_declared', 'dismissed'],
  // Returned once the dismissal takes effect; an appeal that overturns it restores the acceptance.
  dismissed: ['returned', 'accepted'],
  // An appeal against the rejection overturned: the receiving court must accept (企业破产法 art. 12).
  rejected: ['returned', 'accepted'],
  bankruptcy_declared: [],
  returned: [],
  no_consent: [],
};

export function isTerminal(stage: TransferStage): boolean {
  return transitions[stage].length === 0;
}

export function canMove(from: TransferStage, to: TransferStage): boolean {
  return transitions[from].includes(to);
}

const open = transferStages.filter((s) => !isTerminal(s));

/** The stages in which each human action is open; an action not listed is not a transfer Update. */
export const actionStages = {
  'transfer.addCase': open.filter((s) => s !== 'accepted' && s !== 'rejected' && s !== 'dismissed'),
  'transfer.recordScreening': ['screening'],
  // Beyond `consent` only for an applicant asked late, within its own period (validators.ts).
  'transfer.recordConsent': ['consent', 'panel_review', 'president_signature'],
  // While the request's replies are open (validators.ts): it moves the party's reply period (issue 13).
  'transfer.recordConsentService': ['consent'],
  'transfer.withdrawConsent': ['consent', 'panel_review', 'president_signature'],
  'transfer.propose': ['consent'],
  'transfer.panelReview': ['panel_review'],
  'transfer.sign': ['president_signature'],
  'transfer.recordService': ['decided', 'at_receiving_court', 'under_review'],
  'transfer.docket': ['decided'],
  'transfer.requestMaterial': ['under_review'],
  'transfer.supplyMaterial': ['under_review'],
  // A party's objection to the transfer decision is raised at the receiving court during its review and
  // dealt with there together with the acceptance (DOMAIN.md transfer step 5).
  'transfer.raiseObjection': ['at_receiving_court', 'under_review'],
  'transfer.ruleOnObjection': ['under_review'],
  'transfer.accept': ['under_review'],
  'transfer.reject': ['under_review'],
  'transfer.recordRulingService': ['accepted', 'rejected', 'dismissed'],
  'transfer.recordHandOver': ['accepted'],
  'transfer.declareBankruptcy': ['accepted'],
  // The window of 企业破产法 art. 12 para. 2 is from acceptance to the declaration: the declaration
  // moves the transfer on to `bankruptcy_declared`, where no dismissal is open any more. A hand-over
  // already made does not close it (the property goes back with the material, GO art. 18).
  'transfer.dismissAfterAcceptance': ['accepted'],
  'transfer.recordReturn': ['rejected', 'dismissed'],
  // Issue 5: appeal, supervision, known creditors, a supervisor's suspension and correction.
  // A dismissal is appealed as a rejection is (企业破产法 art. 12).
  'transfer.recordAppeal': ['rejected', 'dismissed'],
  'transfer.requestSupervision': ['decided', 'under_review'],
  'transfer.recordSupervisionOrder': ['decided', 'at_receiving_court', 'under_review', 'accepted', 'rejected'],
  'transfer.recordCreditorNotice': ['accepted'],
  'transfer.suspendProcess': open,
  'transfer.correctRecord': open,
} as const satisfies Partial<Record<Action, readonly TransferStage[]>>;

export type TransferAction = keyof typeof actionStages;

export const actionLabels: Record<TransferAction, string> = {
  'transfer.addCase': '并入执行案件',
  'transfer.recordScreening': '记录移送审查',
  'transfer.recordConsent': '记录是否同意移送',
  'transfer.recordConsentService': '记录征询意见送达',
  'transfer.withdrawConsent': '撤回同意',
  'transfer.propose': '提请移送',
  'transfer.panelReview': '合议庭评议',
  'transfer.sign': '院长签发',
  'transfer.recordService': '记录送达移送决定书',
  'transfer.docket': '受移送法院立案',
  'transfer.requestMaterial': '要求补充材料',
  'transfer.supplyMaterial': '补充材料',
  'transfer.raiseObjection': '对移送决定提出异议',
  'transfer.ruleOnObjection': '处理对移送决定的异议',
  'transfer.accept': '裁定受理',
  'transfer.reject': '裁定不予受理',
  'transfer.recordRulingService': '记录送达受理/不予受理/驳回申请裁定',
  'transfer.recordHandOver': '记录移交财产',
  'transfer.declareBankruptcy': '宣告破产',
  'transfer.dismissAfterAcceptance': '受理后裁定驳回破产申请',
  'transfer.recordReturn': '记录退回材料和财产',
  'transfer.recordAppeal': '记录上诉及上诉结果',
  'transfer.requestSupervision': '申请上一级法院监督',
  'transfer.recordSupervisionOrder': '记录上一级法院的监督指令',
  'transfer.recordCreditorNotice': '记录通知已知债权人并公告',
  'transfer.suspendProcess': '暂停或恢复移送程序',
  'transfer.correctRecord': '更正记录',
};

export function actionOpenIn(action: TransferAction, stage: TransferStage): boolean {
  return (actionStages[action] as readonly TransferStage[]).includes(stage);
}
