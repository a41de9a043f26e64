// How the console's forms become the API's bodies and how they render (issue 17): date-times go out
// with seconds and China's offset whatever the browser sends, datetime inputs take seconds (step=1),
// and service forms tick the parties by name instead of typing their ids.
import { describe, expect, it } from 'vitest';
import { ActionFormView } from '../../api/console/components/action-form';
import { bodyFromForm, chinaInstantOf, chineseOnly, defaultValueOf, postedValues, problemsByField, type ActionForm, type FormField } from '../../api/console/forms';
import { transferForm } from '../../api/console/transfer-forms';
import { readableNoticeBody } from '../../api/console/notice-text';

async function html(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}

describe('date-times with seconds', () => {
  it.each([
    ['2025-10-09T10:30', '2025-10-09T10:30:00+08:00'],
    ['2025-10-09T10:30:45', '2025-10-09T10:30:45+08:00'],
    ['2025-10-09T10:30:45.120', '2025-10-09T10:30:45.120+08:00'],
    ['2025-10-09T10:30:00+08:00', '2025-10-09T10:30:00+08:00'],
    ['昨天上午', '昨天上午'],
  ])('%s → %s', (typed, sent) => {
    expect(chinaInstantOf(typed)).toBe(sent);
    expect(bodyFromForm([{ name: 'at', label: '时间', kind: 'datetime' }], { at: typed })).toEqual({ at: sent });
  });

  it('a blank required date-time is sent as blank (the API names it), a blank optional one is left out', () => {
    expect(bodyFromForm([{ name: 'at', label: '时间', kind: 'datetime' }], { at: '  ' })).toEqual({ at: '' });
    expect(bodyFromForm([{ name: 'at', label: '时间', kind: 'datetime', optional: true }], { at: '' })).toEqual({});
  });

  it('the prefilled time carries seconds and the input takes them', async () => {
    const field: FormField = { name: 'at', label: '时间', kind: 'datetime', defaultNow: true };
    // 2025-10-09 02:30:45 UTC is 10:30:45 in China.
    expect(defaultValueOf(field, Date.UTC(2025, 9, 9, 2, 30, 45))).toBe('2025-10-09T10:30:45');
    const page = await html(ActionFormView({ form: { action: 'x.y', label: '办理', path: '/x', fields: [field] }, postTo: '/console/x' }));
    expect(page).toMatch(/<input[^>]*type="datetime-local"[^>]*step="1"/);
  });
});

describe('service forms tick the parties by name', () => {
  const parties = [{ value: 'party-huaxin', label: '华信贸易（申请执行人）' }, { value: 'party-hengtai', label: '恒泰实业（被执行人）' }];
  const withParties = (form: ActionForm) => ({ ...form, fields: form.fields.map((f) => (f.kind === 'checkboxes' ? { ...f, options: parties } : f)) });

  it.each(['transfer.recordService', 'transfer.recordRulingService', 'transfer.recordConsentService'])('%s has a party checkbox group, no id to type', (action) => {
    const form = transferForm(action)!;
    const group = form.fields.find((f) => f.kind === 'checkboxes');
    expect(group, action).toBeDefined();
    expect(group!.label).not.toContain('编号');
    expect(form.fields.some((f) => f.kind === 'lines')).toBe(false);
  });

  it('renders one box per party, labelled by name, ticks kept after a refusal', async () => {
    const form = withParties(transferForm('transfer.recordService')!);
    const page = await html(ActionFormView({ form, postTo: '/console/transfers/x', outcome: {
      action: form.action, message: '填写内容有误', byField: {}, other: [], values: { servedPartyIds: 'party-hengtai' },
    } }));
    expect(page).toContain('华信贸易（申请执行人）');
    expect(page).toContain('恒泰实业（被执行人）');
    expect(page.match(/type="checkbox"/g)).toHaveLength(2);
    expect(page).toMatch(/name="servedPartyIds\[\]" value="party-hengtai" checked/);
    expect(page).not.toMatch(/name="servedPartyIds\[\]" value="party-huaxin" checked/);
    expect(page).not.toContain('每行一个');
  });

  it('the ticked boxes become the list the API reads; none ticked is an empty list (refused there at its field)', () => {
    const form = transferForm('transfer.recordService')!;
    expect(bodyFromForm(form.fields, { 'servedPartyIds[]': ['party-huaxin', 'party-hengtai'], servedOn: '2025-10-09' }))
      .toEqual({ servedPartyIds: ['party-huaxin', 'party-hengtai'], servedOn: '2025-10-09' });
    expect(bodyFromForm(form.fields, { 'servedPartyIds[]': 'party-huaxin', servedOn: '' })).toEqual({ servedPartyIds: ['party-huaxin'] });
    expect(bodyFromForm(form.fields, { servedOn: '2025-10-09' })).toEqual({ servedPartyIds: [], servedOn: '2025-10-09' });
    // A script posting the plain name is read alike.
    expect(bodyFromForm(form.fields, { servedPartyIds: 'party-huaxin' }).servedPartyIds).toEqual(['party-huaxin']);
    expect(problemsByField(form.fields, [{ field: 'servedPartyIds', message: '至少选择一位当事人' }]).byField.servedPartyIds).toEqual(['至少选择一位当事人']);
    expect(postedValues({ 'servedPartyIds[]': ['party-huaxin', 'party-hengtai'], servedOn: '2025-10-09' }))
      .toEqual({ servedPartyIds: 'party-huaxin\nparty-hengtai', servedOn: '2025-10-09' });
  });
});

describe('a notice as a party reads it', () => {
  it('shows the reply deadline in China time and the court by name, never the ISO instant or the code', () => {
    const body = '请于2026-12-02T18:21:27.358前书面答复；移送IPC-110100进行破产审查。另：2026-12-02T10:21:27Z。';
    const read = readableNoticeBody(body);
    expect(read).toContain('请于2026/12/2 18:21:27前书面答复');
    expect(read).toContain('2026/12/2 18:21:27。');
    expect(read).not.toMatch(/IPC-|T\d{2}:/);
  });
});

describe('the engine\'s refusals as a clerk reads them', () => {
  it('an engine that did not answer: what to do on the page, no Idempotency-Key', () => {
    const notTakenUp = '流程引擎未能受理该操作（工作进程重启或程序正在交接），未作任何记录，请5秒后带同一 Idempotency-Key 重试 (Temporal did not take the act up; retry in 5 s with the same Idempotency-Key)';
    expect(chineseOnly(notTakenUp)).toBe('流程引擎未能受理该操作（工作进程重启或程序正在交接），未作任何记录，请5秒后重新提交');
    const unanswered = '流程引擎3秒内未应答（…），请5秒后重试。该操作可能已被受理、稍后生效：重试时请带同一 Idempotency-Key，或先查看程序状态 (no answer from Temporal within 3 s)';
    expect(chineseOnly(unanswered)).toContain('请先刷新页面查看程序状态，未见办理结果再重新提交');
    expect(chineseOnly(unanswered)).not.toMatch(/[A-Za-z]/);
  });
});
