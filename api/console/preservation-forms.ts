// The preservation's human acts as console forms: the application the filing desk receives
// (POST /preservations) and one form per Update route of api/routes/preservations.ts. Field names
// are the body keys of api/schemas/preservation.ts (dotted when nested), so the API's 422 lands
// next to its field. Which forms a person sees is the API's `allowedActions` (the permission
// table and the stage machine); the console adds no rule, only pick-lists built from the process.
import type { PreservationState } from '../../workflows/preservation/types';
import type { ActionForm, FormField } from './forms';
import { measureKindLabels } from './labels';

export const applyAction = 'preservation.apply';

const kindOptions = [
  { value: 'pre_suit', label: '诉前财产保全' }, { value: 'pre_arbitration', label: '仲裁前财产保全' }, { value: 'in_suit', label: '诉讼中财产保全' },
];
const securityKinds = [
  { value: 'cash', label: '现金' }, { value: 'guarantee', label: '保证' }, { value: 'insurance', label: '保全责任保险' }, { value: 'property', label: '财产担保' },
];
const measureKindOptions = Object.entries(measureKindLabels).map(([value, label]) => ({ value, label }));

/** The application as the filing desk takes it in; the court is the clerk's own (set by the route). */
export const applyForm: ActionForm = {
  action: applyAction, label: '受理财产保全申请', path: '',
  fields: [
    { name: 'applicationNumber', label: '申请编号', kind: 'text', hint: '本院保全申请的登记编号，字母、数字、“-”或“_”，如 2026001' },
    { name: 'kind', label: '保全类型', kind: 'select', options: kindOptions },
    { name: 'urgent', label: '情况紧急（须在四十八小时内裁定）', kind: 'yesno', optional: true, hint: '民事诉讼法第一百零三条、第一百零四条' },
    { name: 'caseNumber', label: '案号', kind: 'text', optional: true, hint: '诉讼中保全必填' },
    { name: 'applicant.name', label: '申请人名称', kind: 'text' },
    { name: 'applicant.partyId', label: '申请人当事人编号', kind: 'text' },
    { name: 'applicant.creditCode', label: '申请人统一社会信用代码', kind: 'text', optional: true },
    { name: 'respondent.name', label: '被申请人名称', kind: 'text' },
    { name: 'respondent.partyId', label: '被申请人当事人编号', kind: 'text' },
    { name: 'respondent.creditCode', label: '被申请人统一社会信用代码', kind: 'text', optional: true, hint: '被申请人为企业的填写，据此与执转破关联' },
    { name: 'amount', label: '申请保全金额（元）', kind: 'text', hint: '如 1500000.00' },
    { name: 'security.kind', label: '担保方式', kind: 'select', optional: true, options: securityKinds, hint: '诉前、仲裁前保全必须提供担保' },
    { name: 'security.amount', label: '担保金额（元）', kind: 'text', optional: true },
    { name: 'security.description', label: '担保说明', kind: 'textarea', optional: true },
    { name: 'propertyNamed', label: '申请保全的财产（每行一项）', kind: 'lines' },
    { name: 'appliedOn', label: '受理申请时间', kind: 'datetime', optional: true, hint: '不填即为现在；裁定期限自此起算（财产保全规定第四条）' },
  ],
};

/** One form per step of workflows/preservation/stages.ts; `permission` is the step the API lists. */
export const preservationForms: ActionForm[] = [
  {
    action: 'preservation.riskNotice', permission: 'riskNotice', label: '记录已告知执行风险', path: '/risk-notice',
    fields: [{ name: 'note', label: '告知情况', kind: 'textarea', optional: true }],
  },
  {
    action: 'preservation.rule', permission: 'rule', label: '作出保全裁定', path: '/ruling',
    fields: [
      { name: 'decision', label: '裁定结果', kind: 'select', options: [{ value: 'granted', label: '准许保全' }, { value: 'refused', label: '驳回申请' }] },
      { name: 'reason', label: '裁定理由', kind: 'textarea' },
      { name: 'ruledOn', label: '裁定作出时间', kind: 'datetime', optional: true, hint: '不填即为现在' },
    ],
  },
  {
    action: 'preservation.recordMeasure', permission: 'recordMeasure', label: '登记保全措施', path: '/measures',
    fields: [
      { name: 'measureId', label: '措施编号', kind: 'text', hint: '本案内不重复，已按顺序预填' },
      { name: 'kind', label: '措施对象', kind: 'select', options: measureKindOptions },
      { name: 'asset', label: '财产', kind: 'text', hint: '如账户、不动产权证号' },
      { name: 'location', label: '财产所在地或登记机关', kind: 'text' },
      { name: 'takenOn', label: '采取措施时间', kind: 'datetime', optional: true, hint: '不填即为现在；保全期限自此起算（轮候的自递升为首位之日起算）。轮候顺位由系统按登记顺序确定' },
    ],
  },
  {
    action: 'preservation.reportExecution', permission: 'reportExecution', label: '报告保全裁定执行完毕', path: '/execution-report',
    fields: [
      { name: 'executedOn', label: '执行完毕日期', kind: 'date', optional: true, hint: '不填即为今天；执行期限按此日期判断' },
      { name: 'note', label: '执行情况', kind: 'textarea', optional: true, hint: '诉前保全自此可为被申请人查阅' },
    ],
  },
  {
    action: 'preservation.renewMeasure', permission: 'renewMeasure', label: '续行保全措施', path: '/measures/{measureId}/renewal',
    fields: [
      { name: 'measureId', label: '续行的措施', kind: 'select' },
      { name: 'appliedOn', label: '申请续行日期', kind: 'date', optional: true, defaultNow: true, hint: '已预填今天，按申请书上的日期更改；按此日期判断是否在期限届满七日前申请（财产保全规定第十八条）' },
      { name: 'note', label: '续行说明', kind: 'textarea', optional: true },
    ],
  },
  {
    action: 'preservation.releaseMeasure', permission: 'releaseMeasure', label: '解除保全措施', path: '/measures/{measureId}/release',
    fields: [
      { name: 'measureId', label: '解除的措施', kind: 'select' },
      { name: 'reason', label: '解除理由', kind: 'textarea' },
      { name: 'ruling.number', label: '解除保全裁定书文号', kind: 'text', hint: '如 (2026)京0105执保12号之一' },
      { name: 'ruling.ruledOn', label: '裁定日期', kind: 'date' },
    ],
  },
  {
    action: 'preservation.recordSuitFiled', permission: 'recordSuitFiled', label: '登记申请人已起诉或申请仲裁', path: '/suit-filed',
    fields: [
      { name: 'caseNumber', label: '案号', kind: 'text' },
      { name: 'forum', label: '起诉或仲裁', kind: 'select', optional: true, options: [{ value: 'court', label: '向法院起诉' }, { value: 'arbitration', label: '申请仲裁' }] },
      { name: 'filedOn', label: '起诉日期', kind: 'date', optional: true, hint: '不填即为今天' },
      { name: 'postedOn', label: '起诉状交邮日期', kind: 'date', optional: true, hint: '邮寄的，期满前交邮不算过期（民事诉讼法第八十五条）' },
    ],
  },
  {
    action: 'preservation.consult', permission: 'consult', label: '书面征询审判部门', path: '/consultations',
    fields: [
      { name: 'consultationId', label: '征询编号', kind: 'text', hint: '本案内不重复，已按顺序预填' },
      { name: 'question', label: '征询事项', kind: 'textarea' },
    ],
  },
  {
    action: 'preservation.answerConsultation', permission: 'answerConsultation', label: '答复执行部门征询', path: '/consultations/{consultationId}/answer',
    fields: [
      { name: 'consultationId', label: '答复的征询', kind: 'select' },
      { name: 'answer', label: '答复意见', kind: 'textarea' },
      { name: 'receivedOn', label: '执行部门收到答复日期', kind: 'date', optional: true, defaultNow: true, hint: '已预填今天，按实际收到日期更改；按此日期判断是否在十五日内答复' },
    ],
  },
  {
    action: 'preservation.fileEnforcement', permission: 'fileEnforcement', label: '登记申请执行（保全转执行）', path: '/enforcement-filed',
    fields: [{ name: 'enforcementCaseNumber', label: '执行案号', kind: 'text', hint: '保全措施自动转为执行措施，期限和轮候顺位不变' }],
  },
  {
    action: 'preservation.close', permission: 'close', label: '结案并解除全部保全', path: '/closure',
    fields: [
      {
        name: 'outcome', label: '结案方式', kind: 'select', options: [
          { value: 'withdrawn', label: '撤回申请或起诉' }, { value: 'lost', label: '申请人败诉' },
          { value: 'settled', label: '和解并已履行' }, { value: 'enforcement_concluded', label: '执行案件已终结' },
        ],
      },
      { name: 'reason', label: '理由', kind: 'textarea' },
    ],
  },
];

export function preservationForm(action: string): ActionForm | undefined {
  return preservationForms.find((form) => form.action === action);
}

const measureStatusLabels: Record<string, string> = { live: '有效', converted: '已转执行' };

/** The next free number of the form `<prefix><n>` among the ids already used. */
function nextId(prefix: string, used: string[]): string {
  let n = used.length + 1;
  while (used.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/**
 * The forms this person may use now: one per step the API lists in `allowedActions`, with the
 * measure or consultation picked from the process instead of typed. A form whose pick-list is
 * empty (nothing to renew, no question unanswered) is not shown.
 */
export function preservationFormsFor(status: PreservationState & { allowedActions: string[] }): ActionForm[] {
  const inEffect = status.measures.filter((m) => m.status === 'live' || m.status === 'converted')
    .map((m) => ({ value: m.measureId, label: `${measureKindLabels[m.kind] ?? m.kind} ${m.asset}（${measureStatusLabels[m.status]}，${m.expiresAt.slice(0, 10)}到期）` }));
  const consultations = status.consultations as unknown as { consultationId: string; question: string; answer?: string; cancelled?: boolean }[];
  const open = consultations.filter((c) => !c.answer && !c.cancelled).map((c) => ({ value: c.consultationId, label: c.question.slice(0, 40) }));
  const choices: Record<string, { value: string; label: string }[]> = {
    'preservation.renewMeasure:measureId': inEffect, 'preservation.releaseMeasure:measureId': inEffect,
    'preservation.answerConsultation:consultationId': open,
  };
  const initials: Record<string, string> = {
    'preservation.recordMeasure:measureId': nextId('M', status.measures.map((m) => m.measureId)),
    'preservation.consult:consultationId': nextId('Q', consultations.map((c) => c.consultationId)),
  };
  // The preservation's allowedActions are stage and permission only (GET /preservations/{id} runs no
  // validator), so a once-only act already done would still be listed; the workflow refuses it again
  // anyway, and offering it would only invite that refusal.
  const done = new Set(status.execution ? ['reportExecution'] : []);
  return status.allowedActions
    .filter((step) => !done.has(step))
    .flatMap((step) => preservationForms.filter((form) => form.permission === step))
    .map((form) => ({
      ...form,
      fields: form.fields.map((f): FormField => {
        const key = `${form.action}:${f.name}`;
        return { ...f, ...(choices[key] ? { options: choices[key] } : {}), ...(initials[key] ? { initial: initials[key] } : {}) };
      }),
    }))
    .filter((form) => form.fields.every((f) => f.kind !== 'select' || f.optional || (f.options?.length ?? 0) > 0));
}
