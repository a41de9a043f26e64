// Chinese words the console shows for codes the engine uses. Stage and action names the workflows
// have not published yet fall back to the code itself, so a new stage is visible, not hidden.
import type { Role } from '../../workflows/shared/actor';
import type { Notice } from '../../workflows/transfer/state';
import { documentReference } from '../../activities/documents/transfer';
import { withoutGloss } from './forms';
import type { interferenceChannels } from '../schemas/interference';

export const roleLabels: Record<Role, string> = {
  enforcement_officer: '执行法官', panel_member: '合议庭成员', court_president: '院长', bankruptcy_judge: '破产审判庭法官',
  filing_clerk: '立案庭', trial_judge: '审判庭法官', supervisor: '执行指挥中心', party: '当事人', administrator: '系统管理员', system: '系统',
};

/** The division (庭/局) a role works in: work queues are shared within one division of one court. */
export const divisionOf: Partial<Record<Role, string>> = {
  enforcement_officer: 'enforcement', panel_member: 'enforcement', court_president: 'leadership', bankruptcy_judge: 'bankruptcy',
  filing_clerk: 'filing', trial_judge: 'trial', supervisor: 'enforcement',
};

export const divisionLabels: Record<string, string> = {
  enforcement: '执行局', leadership: '院领导', bankruptcy: '破产审判庭', filing: '立案庭', trial: '审判庭',
};

export const processKindLabels: Record<string, string> = { transfer: '执转破', preservation: '财产保全', system: '系统' };

export const stageLabels: Record<string, string> = {
  triggered: '已发起', screening: '审查条件', consent: '征询意见', consent_collection: '征询意见', panel_review: '合议庭评议',
  president_signature: '院长签发', awaiting_signature: '院长签发', decided: '已决定移送', serving: '送达与中止', package_sent: '移送材料',
  at_receiving_court: '受移送法院', docketed: '已立破申案', supplementing: '补充材料', under_review: '受理审查', accepted: '已受理',
  handing_over: '移交财产', bankruptcy_declared: '宣告破产', dismissed: '受理后驳回申请', rejected: '裁定不予受理', appeal_window: '上诉期', returned: '退回恢复执行',
  no_consent: '无人同意·按查封顺序清偿', closed: '已结束',
  applied: '已申请', ruling: '待裁定', granted: '裁定准许', refused: '裁定驳回', implementing: '执行实施', preserved: '保全中',
  in_trial: '审理中', converted: '已转执行', released: '已解除',
};

export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return '—';
  return stageLabels[stage] ?? stage;
}

export const actionLabels: Record<string, string> = {
  'transfer.trigger': '发起执转破', 'transfer.addCase': '并入执行案件', 'transfer.recordScreening': '记录审查结果',
  'transfer.recordConsent': '记录同意意见', 'transfer.recordConsentService': '记录征询意见送达', 'transfer.withdrawConsent': '撤回同意', 'transfer.propose': '提请合议庭评议',
  'transfer.panelReview': '合议庭评议', 'transfer.sign': '院长签发移送决定', 'transfer.recordService': '记录送达',
  'transfer.docket': '立案登记', 'transfer.requestMaterial': '要求补充材料',
  'transfer.supplyMaterial': '补充材料', 'transfer.accept': '裁定受理', 'transfer.reject': '裁定不予受理',
  'transfer.dismissAfterAcceptance': '受理后裁定驳回破产申请', 'transfer.raiseObjection': '对移送决定提出异议',
  'transfer.ruleOnObjection': '处理对移送决定的异议',
  'transfer.recordAppeal': '记录上诉', 'transfer.declareBankruptcy': '宣告破产', 'transfer.recordHandOver': '记录财产移交',
  'transfer.recordReturn': '记录退回', 'transfer.requestSupervision': '申请上级法院监督', 'transfer.suspendProcess': '暂停程序',
  'transfer.correctRecord': '更正记录',
  'preservation.apply': '受理保全申请', 'preservation.grant': '裁定准许保全', 'preservation.refuse': '裁定驳回保全申请',
  'preservation.handOverToEnforcement': '移交执行部门实施', 'preservation.recordRiskNotice': '告知执行风险',
  'preservation.measureLapsed': '保全措施到期失效', 'preservation.releaseForNoSuit': '未按期起诉，解除保全', 'preservation.ruleFilingDesk': '立案庭裁定', 'preservation.ruleTrial': '审判庭裁定',
  'preservation.recordMeasure': '登记保全措施', 'preservation.reportExecution': '报告保全裁定执行完毕', 'preservation.renewMeasure': '续行保全', 'preservation.releaseMeasure': '解除保全',
  'preservation.recordSuitFiled': '记录起诉', 'preservation.consult': '书面征询审判庭', 'preservation.answerConsultation': '答复征询',
  'preservation.fileEnforcement': '申请执行（保全转执行）', 'preservation.closeCase': '结案',
  // The steps as the API lists them in allowedActions (api/routes/preservation-status.ts), named in 待办.
  'preservation.rule': '作出保全裁定', 'preservation.riskNotice': '记录已告知执行风险', 'preservation.close': '结案并解除全部保全',
  'workqueue.claim': '认领事项', 'workqueue.assign': '分派事项',
};

/** The transfer workflow records its acts under bare names (workflows/transfer/workflow.ts). */
export const transferActLabels: Record<string, string> = {
  trigger: '发起执转破（查无可供执行财产）', addCase: '并入执行案件', openScreening: '开始移送审查', recordScreening: '记录审查结果',
  requestConsent: '征询是否同意移送（已释明）', consentGiven: '书面同意移送', consentRefused: '不同意移送', withdrawConsent: '撤回同意',
  consentPeriodEnded: '答复期限届满', serveConsentRequest: '征询意见送达（答复期限自送达起算）', awaitServedReplies: '等待已送达当事人的答复期限届满', propose: '提请合议庭评议', panelAgreed: '合议庭同意移送', panelSentBack: '合议庭退回',
  signDecision: '院长签发移送决定书', presidentSentBack: '院长退回', serveDecision: '送达移送决定书', suspendEnforcement: '通知中止执行',
  sendTransferPackage: '移送材料', docket: '受移送法院立案（破申）', passToBankruptcyDivision: '移交破产审判庭',
  requestMaterial: '要求补充材料（审查期限暂停）', supplyMaterial: '补充材料', acceptTransfer: '裁定受理', rejectTransfer: '裁定不予受理',
  serveRuling: '送达裁定', rulingEffective: '裁定生效', dismissAfterAcceptance: '受理后裁定驳回破产申请',
  raiseObjection: '当事人对移送决定提出异议', ruleOnObjection: '处理对移送决定的异议', recordHandOver: '移交财产', recordReturn: '退回材料和财产',
  issueDocument: '制作文书', issueDocuments: '制作文书', appealFiled: '记录上诉', appealDecided: '上诉裁定', resumeEnforcement: '恢复执行', handKnownCreditors: '已知债权人移交破产程序',
  notifyKnownCreditors: '通知已知债权人并公告', requestSupervision: '申请上级法院监督', recordSupervisionOrder: '记录上级法院监督意见',
  suspendProcess: '暂停程序', resumeProcess: '恢复程序', correctRecord: '更正记录', openAppealWindow: '上诉期开始',
  appealWindowPassed: '上诉期届满', attachmentDistribution: '按查封顺序清偿', declareBankruptcy: '宣告破产', terminateEnforcement: '终结执行', deadlineOverdue: '期限届满未办结（已报督办）',
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? transferActLabels[action] ?? action;
}

export { measureKindLabels, seizureHolderLabels } from '../../activities/documents/seizure-list';

/** Every notice kind the transfer sends (typed, so a new kind without a Chinese name fails to compile), and the preservation's. */
const transferNoticeKindLabels: Record<Notice['kind'], string> = {
  consent_request: '征询是否同意移送', decision_service: '送达移送决定书', ruling_service: '送达裁定书', suspension: '通知中止执行',
  transfer_package: '移送材料', hand_over_request: '通知移交财产', return_request: '通知退回材料和财产',
  enforcement_resumed: '通知恢复执行', enforcement_terminated: '通知终结执行',
  party_suspension: '告知中止执行', hand_over_recorded: '告知财产已移交', party_resumption: '告知恢复执行',
  objection_ruling: '告知异议处理结果',
};

export const noticeKindLabels: Record<string, string> = {
  ...transferNoticeKindLabels, suspension_notice: '中止执行通知', measure_renewal_reminder: '提醒申请续行保全', expiry_digest: '保全措施到期汇总',
};

/** How an outside inquiry reached the person who records it (api/schemas/interference.ts). */
export const interferenceChannelLabels: Record<(typeof interferenceChannels)[number], string> = {
  phone: '电话', letter: '信函', in_person: '当面', message: '短信/即时消息', email: '电子邮件', via_third_party: '托人转达', other: '其他',
};

export const noticeStatusLabels: Record<string, string> = { pending: '待发送', sending: '发送中', delivered: '已送达', failed: '发送失败' };

/**
 * A material's reference as staff read it: the workflow records the investigation as
 * `investigation:<date>`, read as the documents print it (财产调查记录（二〇二五年九月一日）); other
 * references are the document numbers people typed, shown as written.
 */
export function materialReference(ref: string): string {
  return documentReference(ref);
}

/**
 * Why a notice could not be delivered, in words a supervisor acts on. The dispatcher records the
 * receiver's or the network's own words (activities/notices/outbox.ts), which stay in the API and
 * the logs for the operator; the console names the kind of failure.
 */
export function deliveryFailureLabel(lastError: string): string {
  const answered = /^webhook answered (\d{3})/.exec(lastError);
  if (answered) return `接收系统拒收（答复代码${answered[1]}），请联系接收系统核实`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|fetch failed|timeout|aborted/i.test(lastError)) return '无法连接接收系统（网络不通或超时），请联系信息技术部门';
  return '发送失败，详情见运行日志';
}

/**
 * Why a process is stuck, for the supervisor: the activity's own Chinese reason where it gave one
 * (数据库拒绝写入…, without its English gloss), else the kind of failure; the raw error stays in
 * process_failures and the worker's log for the technician.
 */
export function processFailureLabel(failure: { retryable: boolean; message: string }): string {
  const chinese = /[\u3400-\u9fff]/.test(failure.message) ? withoutGloss(failure.message) : '';
  if (chinese) return chinese;
  return failure.retryable ? '系统写入反复失败，正在自动重试；技术详情见运行日志' : '系统写入失败，重试无法修复；技术详情见运行日志';
}
