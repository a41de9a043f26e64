import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { useChineseZodMessages } from '../../api/http/zod-locale';
import { chineseOnly } from '../../api/console/forms';

describe('field messages in Chinese', () => {
  it('says the common problems as a clerk reads them and the rest in zod’s zh-CN wording', () => {
    useChineseZodMessages();
    const schema = z.strictObject({
      a: z.string().min(1), b: z.number(), c: z.enum(['x', 'y']), d: z.boolean(), e: z.iso.date(), f: z.array(z.string()).min(1),
      g: z.string().max(3), u: z.string(), r: z.string().regex(/^a$/), own: z.string().min(2, '自己的话'),
    });
    const result = schema.safeParse({ a: '', b: 'x', c: 'z', d: 'q', e: '2020-13-01', f: [], g: 'abcd', h: 1, r: 'b', own: 'x' });
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    expect(messages).toEqual({
      a: '不能为空', b: '应填写数字', c: '请从选项中选择', d: '应填写“是”或“否”', e: expect.stringMatching(/日期/), f: '至少填写一项',
      g: '不能超过3个字', u: '不能为空', r: expect.stringMatching(/^无效字符串/), own: '自己的话', '(body)': '不认识的栏目：h',
    });
    for (const message of Object.values(messages)) expect(message).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('keeps the Chinese of a bilingual message and leaves out its English gloss', () => {
    expect(chineseOnly('征询 Q1 已答复 (already answered)')).toBe('征询 Q1 已答复');
    expect(chineseOnly('金额以元为单位，最多16位整数 (yuan: at most 16 digits)')).toBe('金额以元为单位，最多16位整数');
    expect(chineseOnly('日期应在1949-10-01至2100-12-31之间 (date between 1949-10-01 and 2100-12-31)')).toBe('日期应在1949-10-01至2100-12-31之间');
    expect(chineseOnly('an 18-character unified social credit code')).toBe('格式不正确');
    expect(chineseOnly('pre-suit preservation needs security (担保)')).toBe('格式不正确');
  });
});
