// Starting a transfer from the console (POST /transfers): the debtor, its enforcement cases with
// their applicants as one line per applicant, and the property investigation. The cases field is
// parsed here only into the body's shape; the API's schema decides what is valid, and its 422 for
// `cases.<i>.…` is shown next to the cases field with the line it came from.
import type { FieldProblem } from '../http/errors';
import { bodyFromForm, chineseOnly, type ActionForm } from './forms';

export const triggerAction = 'transfer.trigger';

export const triggerForm: ActionForm = {
  action: triggerAction, label: '发起执转破', path: '',
  fields: [
    { name: 'creditCode', label: '被执行人统一社会信用代码', kind: 'text', hint: '18位，含校验位（GB 32100-2015）' },
    { name: 'debtor.name', label: '被执行人名称', kind: 'text' },
    { name: 'debtor.partyId', label: '被执行人当事人编号', kind: 'text' },
    { name: 'debtor.domicileDivisionCode', label: '住所地行政区划代码', kind: 'text', optional: true, hint: '6位数字；不填则取信用代码中的登记机关代码，据此确定受移送法院' },
    {
      name: 'cases', label: '执行案件与申请执行人（每行：案号|执行法院|申请人编号|申请人名称）', kind: 'textarea',
      hint: '一个案件有多位申请执行人的，分行填写、案号相同；执行法院不填即为本院',
    },
    { name: 'investigation.conductedOn', label: '财产调查日期', kind: 'date' },
    { name: 'investigation.networkSearch', label: '已进行网络查控', kind: 'yesno' },
    {
      name: 'investigation.outcome', label: '调查结果', kind: 'select',
      options: [{ value: 'none', label: '无财产可供执行' }, { value: 'insufficient', label: '财产不足以清偿' }],
    },
    { name: 'investigation.findings', label: '查控情况', kind: 'textarea' },
  ],
};

interface ParsedCases {
  cases: { caseNumber: string; court: string; applicants: { partyId: string; name: string }[] }[];
  /** The form line (1-based) of each case and of each of its applicants. */
  lines: { caseLine: number; applicantLines: number[] }[];
}

/** One line per applicant; lines with the same case number and court are one case. */
export function parseCaseLines(text: string, defaultCourt: string): ParsedCases {
  const parsed: ParsedCases = { cases: [], lines: [] };
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const [caseNumber = '', court = '', partyId = '', name = ''] = line.split(/[|｜]/).map((cell) => cell.trim());
    const courtCode = court || defaultCourt;
    let at = parsed.cases.findIndex((c) => c.caseNumber === caseNumber && c.court === courtCode);
    if (at < 0) {
      at = parsed.cases.push({ caseNumber, court: courtCode, applicants: [] }) - 1;
      parsed.lines.push({ caseLine: index + 1, applicantLines: [] });
    }
    parsed.cases[at]!.applicants.push({ partyId, name });
    parsed.lines[at]!.applicantLines.push(index + 1);
  });
  return parsed;
}

export function triggerBodyFromForm(form: Record<string, string | File | (string | File)[]>, defaultCourt: string) {
  const { cases: _cases, ...rest } = form;
  const body = bodyFromForm(triggerForm.fields.filter((f) => f.name !== 'cases'), rest);
  const parsed = parseCaseLines(typeof form.cases === 'string' ? form.cases : '', defaultCourt);
  return { body: { ...body, cases: parsed.cases }, lines: parsed.lines };
}

const caseColumns: Record<string, string> = { caseNumber: '案号', court: '执行法院', partyId: '申请人编号', name: '申请人名称', applicants: '申请执行人' };

/** Names the line and column of a problem inside `cases`, so the clerk knows which line to fix. */
export function locateCaseProblems(problems: FieldProblem[], lines: ParsedCases['lines']): FieldProblem[] {
  return problems.map((problem) => {
    const match = /^cases\.(\d+)\.(\w+)(?:\.(\d+)\.(\w+))?/.exec(problem.field);
    if (!match) return problem.field === 'cases' ? { ...problem, message: `请至少填写一行：${chineseOnly(problem.message)}` } : problem;
    const [, caseIndex, key, applicantIndex, applicantKey] = match;
    const where = lines[Number(caseIndex)];
    const line = applicantIndex !== undefined ? where?.applicantLines[Number(applicantIndex)] : where?.caseLine;
    const column = caseColumns[applicantKey ?? key!] ?? key;
    return { ...problem, message: `第${line ?? Number(caseIndex) + 1}行 ${column}：${chineseOnly(problem.message)}` };
  });
}
