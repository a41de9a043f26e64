// Field messages in Chinese for every schema without its own message: zod's own zh-CN locale
// (kept up with zod's issue kinds; why not our own table), with the commonest cases said as a
// clerk would read them ("不能为空" rather than "数值过小：期望 string >=1 字符"). Messages a schema
// writes itself take precedence, as zod always does.
import { z } from 'zod';

const zhCN = z.locales.zhCN().localeError!;
const typeWords: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', boolean: '“是”或“否”', array: '列表', object: '一组内容', date: '日期',
};

type Issue = Parameters<typeof zhCN>[0];

/** Plain words for the usual issues; anything else in zod's zh-CN wording. */
export function chineseIssue(issue: Issue): string | { message: string } | undefined | null {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return '不能为空';
      return `应填写${typeWords[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return '不能为空';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return '至少填写一项';
      if (issue.origin === 'string') return `至少${String(issue.minimum)}个字`;
      if (issue.origin === 'array') return `至少${String(issue.minimum)}项`;
      return `不能小于${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${String(issue.maximum)}个字`;
      if (issue.origin === 'array') return `最多${String(issue.maximum)}项`;
      return `不能大于${String(issue.maximum)}`;
    case 'invalid_value':
      return '请从选项中选择';
    case 'unrecognized_keys':
      return `不认识的栏目：${issue.keys.join('、')}`;
    default:
      return zhCN(issue);
  }
}

let configured = false;

/** Sets the Chinese messages for the process (zod's configuration is global); idempotent. */
export function useChineseZodMessages(): void {
  if (configured) return;
  z.config({ localeError: chineseIssue as never });
  configured = true;
}
