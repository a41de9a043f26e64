// 反干预: the form any member of court staff fills to record an outside inquiry or intervention they
// received (《领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定》,
// 《司法机关内部人员过问案件的记录和责任追究规定》). Field names are the body's keys in
// api/schemas/interference.ts, dotted for the intervenor, so the API's 422 lands at its field.
import { interferenceChannels } from '../schemas/interference';
import type { ActionForm } from './forms';
import { interferenceChannelLabels } from './labels';

export const interferenceAction = 'interference.record';

export const interferenceForm: ActionForm = {
  action: interferenceAction, label: '记录干预过问', path: '/interference',
  fields: [
    { name: 'caseRef', label: '案号或程序编号', kind: 'text', hint: '如（2025）京0105执1234号，或执转破、保全页面标题中的编号' },
    { name: 'intervenor.name', label: '过问人姓名', kind: 'text' },
    { name: 'intervenor.position', label: '过问人职务', kind: 'text' },
    { name: 'intervenor.unit', label: '过问人单位', kind: 'text' },
    { name: 'channel', label: '过问方式', kind: 'select', options: interferenceChannels.map((value) => ({ value, label: interferenceChannelLabels[value] })) },
    { name: 'request', label: '过问或干预的内容', kind: 'textarea' },
    { name: 'response', label: '如何答复', kind: 'textarea', optional: true },
    { name: 'occurredAt', label: '发生时间', kind: 'datetime', defaultNow: true, hint: '以实际发生的时间为准，不得晚于现在' },
  ],
};
