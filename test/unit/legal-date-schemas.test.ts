// The door's reading of legal dates: every act that carries one accepts a CST date or an instant
// with its offset, leaves it optional (the moment of recording), and refuses a malformed or future
// date naming the field in Chinese. The window and order checks are the workflow's (validators).
import { describe, expect, it } from 'vitest';
import { appealFiledBody } from '../../api/schemas/transfer-around';
import { measureSchema, suitFiledSchema } from '../../api/schemas/preservation';
import { materialSupplyBody, receiptBody, serviceBody } from '../../api/schemas/transfer';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => ({ field: i.path.join('.'), message: i.message }));

describe('legal dates at the door', () => {
  it('accepts a date, an instant with its offset, or nothing', () => {
    expect(serviceBody.safeParse({ servedPartyIds: ['p1'], servedOn: '2026-11-20' }).success).toBe(true);
    expect(serviceBody.safeParse({ servedPartyIds: ['p1'], servedOn: '2026-11-20T09:30+08:00' }).success).toBe(true);
    expect(serviceBody.safeParse({ servedPartyIds: ['p1'] }).success).toBe(true);
    expect(receiptBody.safeParse({ docketNumber: '(2026)京01破申1号', receivedOn: '2026-09-02' }).success).toBe(true);
    expect(appealFiledBody.safeParse({ appellantPartyId: 'a1', filedOn: '2026-11-30', postedOn: '2026-11-28' }).success).toBe(true);
  });

  it('refuses a future date, naming the field in Chinese', () => {
    const r = serviceBody.safeParse({ servedPartyIds: ['p1'], servedOn: '2099-01-01' });
    expect(issues(r)).toEqual([{ field: 'servedOn', message: expect.stringMatching(/^送达日期：2099-01-01晚于当前时间/) }]);
    const posted = materialSupplyBody.safeParse({ requestId: 'R1', documents: ['d'], postedOn: '2099-01-01T10:00+08:00' });
    expect(issues(posted)).toEqual([{ field: 'postedOn', message: expect.stringContaining('补充材料交邮日期') }]);
  });

  it('refuses a date that is not a real day or an instant without its offset', () => {
    expect(issues(receiptBody.safeParse({ docketNumber: 'x', receivedOn: '2026-02-30' }))).toEqual([
      { field: 'receivedOn', message: expect.stringContaining('收到材料日期：应为日期（按“年-月-日”填写') },
    ]);
    expect(issues(receiptBody.safeParse({ docketNumber: 'x', receivedOn: '2026-09-02T10:00' }))[0]?.field).toBe('receivedOn');
    expect(issues(receiptBody.safeParse({ docketNumber: 'x', receivedOn: '0000-01-01' }))).toEqual([
      { field: 'receivedOn', message: expect.stringContaining('0000-01-01早于1949-10-01，不是可记录的日期') },
    ]);
  });

  it('a measure or a suit takes one spelling of its date, not both', () => {
    const measure = { measureId: 'm1', kind: 'bank_deposit', asset: '账户', location: '银行', rank: 1 };
    expect(measureSchema.safeParse({ ...measure, takenOn: '2025-12-01' }).success).toBe(true);
    expect(issues(measureSchema.safeParse({ ...measure, takenOn: '2025-12-01', takenAt: '2025-12-01T10:00:00+08:00' }))[0]?.field).toBe('takenAt');
    expect(issues(suitFiledSchema.safeParse({ caseNumber: 'c', filedOn: '2026-11-01', filedAt: '2026-11-01T10:00:00+08:00' }))[0]?.field).toBe('filedAt');
  });
});
