// The acts around the transfer (issue 5) as console forms, one per route of
// api/routes/transfer-around.ts; field names are the body keys of api/schemas/transfer-around.ts.
// Where one permission action has two routes (appeal filed / decided, suspend / resume), the
// transfer's recorded state picks the one that applies now.
import type { TransferView } from '../routes/transfer-views';
import { actionLabel } from './labels';
import type { ActionForm, FormField } from './forms';

export interface AroundForm extends ActionForm {
  /** Shown only while this holds of the transfer as the API shows it to the person. */
  appliesTo?: (view: TransferView) => boolean;
}

const reason = (label: string): FormField => ({ name: 'reason', label, kind: 'textarea' });

export const aroundForms: AroundForm[] = [
  {
    action: 'transfer.recordAppeal', label: '记录上诉（不予受理裁定）', path: '/appeal',
    appliesTo: (v) => Boolean(v.around?.appeal && !v.around.appeal.filed && !v.around.appeal.lapsedAt),
    fields: [
      { name: 'appellantPartyId', label: '上诉人', kind: 'select', hint: '裁定送达之日起十日内提起（企业破产法第十二条）' },
      { name: 'filedOn', label: '上诉状提交日期', kind: 'date', defaultNow: true },
      { name: 'postedOn', label: '交邮日期', kind: 'date', optional: true, hint: '邮寄上诉的，期满前交邮即未逾期（民事诉讼法第八十五条）' },
      { name: 'note', label: '备注', kind: 'textarea', optional: true },
    ],
  },
  {
    action: 'transfer.recordAppeal.decided', permission: 'transfer.recordAppeal', label: '记录上诉结果', path: '/appeal-decision',
    appliesTo: (v) => Boolean(v.around?.appeal?.filed && !v.around.appeal.decided),
    fields: [
      {
        name: 'outcome', label: '上诉结果', kind: 'select',
        options: [{ value: 'upheld', label: '驳回上诉，维持不予受理（退回材料，恢复执行）' }, { value: 'overturned', label: '撤销原裁定，指令受理' }],
      },
      { name: 'rulingNumber', label: '二审裁定书文号', kind: 'text' },
      { name: 'decidedOn', label: '裁定日期', kind: 'date', defaultNow: true },
      { name: 'servedOn', label: '二审裁定送达日期', kind: 'date', optional: true, hint: '撤销原裁定、指令受理的，七日移交期限自送达执行法院之日起算（指导意见第十五条）' },
      { name: 'reasons', label: '裁定理由', kind: 'textarea' },
    ],
  },
  {
    action: 'transfer.requestSupervision', label: '申请上一级法院监督', path: '/supervision-requests',
    fields: [
      {
        name: 'grounds', label: '申请事由', kind: 'select', hint: '指导意见第十三条',
        options: [{ value: 'package_refused', label: '受移送法院拒绝接收移送材料' }, { value: 'review_overdue', label: '受移送法院逾三十日未作出是否受理的裁定' }],
      },
      reason('具体情况'),
      { name: 'receivedOn', label: '上一级法院收到监督函日期', kind: 'date', optional: true, defaultNow: true, hint: '上一级法院自收到函件之日起十日内作出指令（指导意见第十三条）' },
    ],
  },
  {
    action: 'transfer.recordSupervisionOrder', label: '记录监督指令（上一级法院）', path: '/supervision-order',
    fields: [
      {
        name: 'order', label: '指令内容', kind: 'select',
        options: [{ value: 'receive', label: '指令受移送法院接收材料' }, { value: 'rule', label: '指令受移送法院作出是否受理的裁定' }],
      },
      { name: 'orderNumber', label: '指令文号', kind: 'text' },
      { name: 'ruledOn', label: '指令作出日期', kind: 'date', optional: true, defaultNow: true },
      { name: 'note', label: '备注', kind: 'textarea', optional: true },
    ],
  },
  {
    action: 'transfer.recordCreditorNotice', label: '记录通知已知债权人并公告', path: '/creditor-notice',
    fields: [
      { name: 'notifiedOn', label: '通知日期', kind: 'date', defaultNow: true, hint: '裁定受理之日起二十五日内（企业破产法第十四条）' },
      { name: 'announcementRef', label: '公告编号或载体', kind: 'text' },
    ],
  },
  {
    action: 'transfer.suspendProcess', label: '暂停移送程序', path: '/suspension',
    appliesTo: (v) => !v.around?.suspension,
    fields: [{ ...reason('暂停理由'), hint: '暂停期间各期限停止计算，其他操作一律不予办理' }],
  },
  {
    action: 'transfer.suspendProcess.resume', permission: 'transfer.suspendProcess', label: '恢复移送程序', path: '/resumption',
    appliesTo: (v) => Boolean(v.around?.suspension),
    fields: [{ ...reason('恢复理由'), hint: '暂停的期限自恢复时继续计算' }],
  },
  {
    action: 'transfer.correctRecord', label: '更正记录', path: '/corrections',
    fields: [
      { name: 'correctsSeq', label: '被更正的记录', kind: 'integer', hint: '原记录保留不变，更正作为新记录附后' },
      { name: 'correction', label: '更正内容', kind: 'textarea' },
      reason('更正理由'),
    ],
  },
];

/** The acts one could correct, newest first, as the supervisor picks them. */
export function correctableActs(view: TransferView): { value: string; label: string }[] {
  return [...view.history].reverse()
    .filter((act) => act.action !== 'correctRecord')
    .map((act) => ({ value: String(act.seq), label: `#${act.seq} ${actionLabel(act.action)}（${act.at.slice(0, 16).replace('T', ' ')}）` }));
}
