// The transfer's human actions as console forms, one per Update route of the transfer API
// (api/routes/transfers.ts); field names are the body's keys in api/schemas/transfer.ts, dotted
// for nested objects, so the API's 422 lands next to the field it names.
import type { ActionForm, FormField } from './forms';

/** A legal date (README "Statutory clock"): prefilled with today in China time, changed to the day the act happened. */
const legalDate = (name: string, label: string, hint: string): FormField => ({ name, label, kind: 'date', optional: true, defaultNow: true, hint });
const ruledOn = legalDate('ruledOn', '裁定作出日期', '五日内送达（指导意见第十二条）');

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
      // A pick-list of the registry's intermediate courts and the table's courts (routes.tsx fills the options).
      { name: 'receivingCourtOverride.court', label: '指定受移送法院（可选）', kind: 'select', optional: true, hint: '不选则按管辖表确定（指导意见第三条）' },
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
    action: 'transfer.recordConsentService', label: '记录征询意见送达', path: '/consent-service',
    fields: [
      // The parties are listed by name (routes.tsx fills the options from the transfer's parties).
      { name: 'partyIds', label: '受送达当事人', kind: 'checkboxes' },
      { name: 'servedOn', label: '送达日期', kind: 'date', defaultNow: true, hint: '以送达回证上的日期为准；该当事人的答复期限自送达次日起算，记录送达前按征询发出时起算（暂定）' },
    ],
  },
  {
    action: 'transfer.withdrawConsent', label: '撤回同意', path: '/consents/{partyId}/withdraw',
    fields: [{ name: 'partyId', label: '撤回同意的当事人编号', kind: 'text' }, { name: 'reason', label: '撤回理由', kind: 'textarea' }],
  },
  {
    action: 'transfer.propose', label: '提请合议庭评议', path: '/proposal',
    fields: [
      { name: 'reasons', label: '移送理由', kind: 'textarea' },
      // Optional in the schema, but the workflow refuses a proposal without them (GO art. 10): asked for here, so
      // an empty one comes back next to its field.
      { name: 'documents.distributedPropertyList', label: '已分配财产清单（文书编号）', kind: 'text', hint: '移送材料，指导意见第十条' },
      { name: 'documents.debtList', label: '被执行人债务清单（文书编号）', kind: 'text', hint: '移送材料，指导意见第十条' },
      // Not optional: an empty list still sends `documents`, which the schema requires.
      { name: 'documents.other', label: '其他材料（每行一件）', kind: 'lines', hint: '没有可不填' },
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
      legalDate('ruledOn', '决定作出日期', '作出之日起五日内送达（指导意见第七条）'),
    ],
  },
  {
    action: 'transfer.recordService', label: '记录送达移送决定书', path: '/service',
    fields: [
      { name: 'servedPartyIds', label: '受送达当事人', kind: 'checkboxes' },
      legalDate('servedOn', '送达日期', '以送达回证上的日期为准'),
    ],
  },
  {
    action: 'transfer.recordRulingService', label: '记录送达受理/不予受理/驳回申请裁定', path: '/ruling-service',
    fields: [
      { name: 'servedPartyIds', label: '受送达当事人', kind: 'checkboxes' },
      legalDate('servedOn', '送达日期', '以送达回证上的日期为准；上诉期（企业破产法第十二条）和移交期限（指导意见第十五条）自此起算'),
    ],
  },
  {
    action: 'transfer.docket', label: '受移送法院立案', path: '/receipt',
    fields: [
      { name: 'docketNumber', label: '破申案号', kind: 'text' },
      legalDate('receivedOn', '收到移送材料日期', '三十日审查期限自收到材料之日起算（民诉法解释第512条）'),
    ],
  },
  {
    action: 'transfer.requestMaterial', label: '要求补充材料', path: '/material-requests',
    fields: [
      { name: 'items', label: '需补充的材料（每行一项）', kind: 'lines' }, { name: 'reason', label: '理由', kind: 'textarea' },
      legalDate('requestedOn', '通知补充日期', '补充期间按整日不计入审查期限（指导意见第十一条）'),
    ],
  },
  {
    action: 'transfer.supplyMaterial', label: '补充材料', path: '/material-supplies',
    fields: [
      { name: 'requestId', label: '补充哪一次要求', kind: 'select' }, { name: 'documents', label: '材料（每行一件）', kind: 'lines' },
      legalDate('filedOn', '材料送达日期', '审查期限自此继续计算'),
      { name: 'postedOn', label: '交邮日期', kind: 'date', optional: true, hint: '邮寄的，期满前交邮不算过期（民事诉讼法第八十五条）' },
    ],
  },
  {
    action: 'transfer.raiseObjection', label: '对移送决定提出异议', path: '/objections',
    fields: [
      { name: 'partyId', label: '提出异议的当事人编号', kind: 'text' },
      { name: 'grounds', label: '异议理由', kind: 'textarea', hint: '在受移送法院破产审查期间提出，由受移送法院一并处理' },
      { name: 'documentRef', label: '书面异议文号', kind: 'text', optional: true },
      legalDate('raisedOn', '异议提出日期', '以收到书面异议之日为准'),
    ],
  },
  {
    action: 'transfer.ruleOnObjection', label: '处理对移送决定的异议', path: '/objection-rulings',
    fields: [
      { name: 'objectionId', label: '异议编号', kind: 'text' },
      {
        name: 'outcome', label: '处理结果', kind: 'select',
        options: [{ value: 'overruled', label: '异议不成立，予以驳回' }, { value: 'sustained', label: '异议成立（应裁定不予受理）' }],
      },
      { name: 'reasons', label: '理由', kind: 'textarea' },
      legalDate('ruledOn', '处理日期', '是否受理的裁定须在异议处理后作出'),
    ],
  },
  {
    action: 'transfer.accept', label: '裁定受理', path: '/acceptance',
    fields: [
      { name: 'rulingNumber', label: '裁定书文号', kind: 'text' },
      { name: 'reasons', label: '理由', kind: 'textarea', optional: true },
      ruledOn,
      { name: 'claimsPeriod.amount', label: '债权申报期限', kind: 'integer', optional: true, hint: '自公告之日起30至89日，或2至3个月（企业破产法第四十五条）' },
      {
        name: 'claimsPeriod.unit', label: '期限单位', kind: 'select', optional: true,
        options: [{ value: 'days', label: '日' }, { value: 'months', label: '个月' }],
      },
    ],
  },
  {
    action: 'transfer.reject', label: '裁定不予受理', path: '/rejection',
    fields: [{ name: 'rulingNumber', label: '裁定书文号', kind: 'text' }, { name: 'reasons', label: '理由', kind: 'textarea' }, ruledOn],
  },
  {
    action: 'transfer.recordHandOver', label: '记录移交财产', path: '/hand-over',
    fields: [
      {
        name: 'items', label: '移交的财产（每行：财产编号|移交对象）', kind: 'rows', hint: '移交对象填“破产法院”或“管理人”；没有可不填',
        columns: [{ name: 'itemId' }, { name: 'to', choices: { 破产法院: 'bankruptcy_court', 管理人: 'administrator' } }],
      },
      {
        name: 'seizures', label: '查封措施的处理（每行：财产编号|处理方式）', kind: 'rows', hint: '处理方式填“解除”或“移交处置权”；没有可不填',
        columns: [{ name: 'itemId' }, { name: 'disposition', choices: { 解除: 'released', 移交处置权: 'control_handed_over' } }],
      },
      {
        name: 'enforcementCosts', label: '已发生的执行费用（每行：费用说明|金额（分））', kind: 'rows', hint: '作为破产费用从债务人财产中支付；没有可不填',
        columns: [{ name: 'description' }, { name: 'amountCents', integer: true }],
      },
    ],
  },
  {
    action: 'transfer.declareBankruptcy', label: '宣告破产', path: '/bankruptcy-declaration',
    fields: [
      { name: 'rulingNumber', label: '裁定书文号', kind: 'text' },
      {
        name: 'kind', label: '裁定类型', kind: 'select', optional: true,
        options: [
          { value: 'bankruptcy_declared', label: '宣告破产' }, { value: 'composition_ended', label: '和解程序终结' },
          { value: 'reorganisation_ended', label: '重整程序终结' },
        ],
      },
      legalDate('ruledOn', '裁定作出日期', '各执行法院据此终结执行（指导意见第二十条）'),
    ],
  },
  {
    action: 'transfer.dismissAfterAcceptance', label: '受理后裁定驳回破产申请', path: '/dismissal',
    fields: [
      { name: 'rulingNumber', label: '驳回申请裁定书文号', kind: 'text' },
      { name: 'reasons', label: '驳回理由（经审查发现债务人不符合破产条件的事实）', kind: 'textarea', hint: '受理后至宣告破产前可裁定驳回（企业破产法第十二条第二款）；裁定生效后退回材料和财产，恢复执行' },
      ruledOn,
    ],
  },
  {
    action: 'transfer.recordReturn', label: '记录退回材料和财产', path: '/return',
    fields: [
      { name: 'itemIds', label: '退回的财产编号（每行一个）', kind: 'lines', hint: '没有可不填' },
      { name: 'materialReturned', label: '移送材料已全部退回', kind: 'yesno', hint: '须全部退回后才能恢复执行' },
    ],
  },
];

export function transferForm(action: string): ActionForm | undefined {
  return transferForms.find((form) => form.action === action);
}
