// The transfer's human actions as console forms, one per Update of the transfer API.
import type { ActionForm } from './forms';

export const transferForms: ActionForm[] = [
  {
    action: 'transfer.recordScreening', label: '记录移送审查', path: '/screening',
    fields: [
      { name: 'enterpriseLegalPerson', label: '被执行人为企业法人', kind: 'yesno' },
      { name: 'insolvency.debtsCents', label: '到期债务（分）', kind: 'integer' },
      { name: 'insolvency.assetsFoundCents', label: '查控到的财产（分）', kind: 'integer' },
      { name: 'insolvency.unsatisfiedCases', label: '未履行完毕的执行案件数', kind: 'integer' },
      { name: 'insolvency.terminatedForNowCases', label: '终本案件数', kind: 'integer' },
      { name: 'insolvency.evidence', label: '不能清偿、资不抵债的证据', kind: 'textarea' },
      { name: 'receivingCourtOverride.court', label: '指定受移送法院（可选）', kind: 'text', optional: true },
      { name: 'receivingCourtOverride.reason', label: '指定理由', kind: 'text', optional: true },
    ],
  },
  {
    action: 'transfer.recordConsent', label: '记录是否同意移送', path: '/consents',
    fields: [
      { name: 'partyId', label: '当事人编号', kind: 'text' },
      { name: 'consents', label: '同意移送破产审查', kind: 'yesno' },
      { name: 'documentRef', label: '书面意见文号', kind: 'text', optional: true, hint: '同意须书面作出（民诉法解释第511条）' },
      { name: 'note', label: '备注', kind: 'textarea', optional: true },
    ],
  },
  {
    action: 'transfer.withdrawConsent', label: '撤回同意', path: '/consents/withdraw',
    fields: [{ name: 'reason', label: '撤回理由', kind: 'textarea' }],
  },
  {
    action: 'transfer.propose', label: '提请合议庭评议', path: '/proposal',
    fields: [
      { name: 'reasons', label: '移送理由', kind: 'textarea' },
      { name: 'documents.distributedPropertyList', label: '已分配财产清单', kind: 'text', optional: true },
      { name: 'documents.debtList', label: '被执行人债务清单', kind: 'text', optional: true },
      { name: 'documents.other', label: '其他材料（每行一件）', kind: 'lines', optional: true },
    ],
  },
  {
    action: 'transfer.panelReview', label: '合议庭评议', path: '/panel-review',
    fields: [{ name: 'agree', label: '同意移送', kind: 'yesno' }, { name: 'reasons', label: '评议意见', kind: 'textarea' }],
  },
  {
    action: 'transfer.sign', label: '院长签发移送决定书', path: '/signature',
    fields: [
      { name: 'sign', label: '签发', kind: 'yesno', hint: '选“否”即退回，须写明理由' },
      { name: 'decisionNumber', label: '决定书文号', kind: 'text', optional: true },
      { name: 'reasons', label: '理由', kind: 'textarea', optional: true },
    ],
  },
  {
    action: 'transfer.recordService', label: '记录送达移送决定书', path: '/service',
    fields: [
      { name: 'servedPartyIds', label: '受送达当事人编号（每行一个）', kind: 'lines' },
      { name: 'servedOn', label: '送达日期', kind: 'date' },
    ],
  },
  {
    action: 'transfer.recordRulingService', label: '记录送达受理/不予受理裁定', path: '/ruling-service',
    fields: [
      { name: 'servedPartyIds', label: '受送达当事人编号（每行一个）', kind: 'lines' },
      { name: 'servedOn', label: '送达日期', kind: 'date' },
    ],
  },
  { action: 'transfer.docket', label: '受移送法院立案', path: '/receipt', fields: [{ name: 'docketNumber', label: '破申案号', kind: 'text' }] },
  {
    action: 'transfer.requestMaterial', label: '要求补充材料', path: '/material-requests',
    fields: [{ name: 'items', label: '需补充的材料（每行一项）', kind: 'lines' }, { name: 'reason', label: '理由', kind: 'textarea' }],
  },
  {
    action: 'transfer.supplyMaterial', label: '补充材料', path: '/material-supplies',
    fields: [{ name: 'requestId', label: '补充要求编号', kind: 'text' }, { name: 'documents', label: '材料（每行一件）', kind: 'lines' }],
  },
  {
    action: 'transfer.accept', label: '裁定受理', path: '/acceptance',
    fields: [{ name: 'rulingNumber', label: '裁定书文号', kind: 'text' }, { name: 'reasons', label: '理由', kind: 'textarea', optional: true }],
  },
  {
    action: 'transfer.reject', label: '裁定不予受理', path: '/rejection',
    fields: [{ name: 'rulingNumber', label: '裁定书文号', kind: 'text' }, { name: 'reasons', label: '理由', kind: 'textarea' }],
  },
  {
    action: 'transfer.declareBankruptcy', label: '宣告破产', path: '/bankruptcy-declaration',
    fields: [{ name: 'rulingNumber', label: '裁定书文号', kind: 'text' }],
  },
];

export function transferForm(action: string): ActionForm | undefined {
  return transferForms.find((form) => form.action === action);
}
