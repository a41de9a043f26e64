// The court map as data (migration 140, activities/courts/jurisdiction.ts): the receiving court of a
// transfer for a debtor's domicile, against the migrated registry and jurisdiction table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtName, receivingCourtFor } from '../../activities/courts/jurisdiction';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => { db = await freshDatabase(); });
afterAll(() => db?.close());

describe('receiving court from the jurisdiction table', () => {
  it.each([
    ['a Beijing district (朝阳): the Beijing bankruptcy tribunal at the First Intermediate Court', '110105', 'IPC-110100', '北京市第一中级人民法院', 'bankruptcy_tribunal', /北京破产法庭/],
    ['a Beijing municipal registration (110000): the same tribunal, not IPC-110000', '110000', 'IPC-110100', '北京市第一中级人民法院', 'bankruptcy_tribunal', /北京破产法庭/],
    ['a Shanghai district (浦东新区): the Shanghai bankruptcy tribunal at the Third Intermediate Court', '310115', 'IPC-310100-3', '上海市第三中级人民法院', 'bankruptcy_tribunal', /上海破产法庭/],
    ['a Shenzhen district (南山): the Shenzhen tribunal at the Shenzhen Intermediate Court', '440305', 'IPC-440300', '深圳市中级人民法院', 'bankruptcy_tribunal', /深圳破产法庭/],
    // Migration 280: both tribunals take every company registered in their city (district/county level or above).
    ['a Tianjin district (和平区): the Tianjin bankruptcy tribunal at the Second Intermediate Court', '120101', 'IPC-120100-2', '天津市第二中级人民法院', 'bankruptcy_tribunal', /天津破产法庭.*来源：http/],
    ['a Tianjin municipal registration (120000): the same tribunal', '120000', 'IPC-120100-2', '天津市第二中级人民法院', 'bankruptcy_tribunal', /天津破产法庭/],
    ['a Chongqing district (渝中区): the Chongqing bankruptcy tribunal at the Fifth Intermediate Court', '500103', 'IPC-500100-5', '重庆市第五中级人民法院', 'bankruptcy_tribunal', /重庆破产法庭.*法〔2019〕285号.*来源：https/],
    ['a Chongqing county (5002xx, 城口县): the same tribunal', '500229', 'IPC-500100-5', '重庆市第五中级人民法院', 'bankruptcy_tribunal', /重庆破产法庭/],
    ['an ordinary county (苏州 姑苏区): its prefecture\'s intermediate court', '320508', 'IPC-320500', '苏州市中级人民法院', 'intermediate', /指导意见第三条/],
    ['an ordinary prefecture-level registration (武汉市)', '420100', 'IPC-420100', '武汉市中级人民法院', 'intermediate', /指导意见第三条/],
  ])('%s', async (_, division, court, name, basis, source) => {
    const found = await receivingCourtFor(db.pool, division);
    expect(found).toMatchObject({ court, courtName: name, basis, source: expect.stringMatching(source) });
  });

  it.each([
    ['a provincial-level registration (广东省, 440000): the domicile is needed', '440000', 'provincial'],
    ['a national registration (100000)', '100000', 'provincial'],
    ['a division the registry does not know', '449900', 'unknown'],
  ])('%s', async (_, division, gap) => {
    expect(await receivingCourtFor(db.pool, division)).toEqual({ gap });
  });

  it('a designation added by an administrator wins over the default, for its county only', async () => {
    await db.pool.query(`insert into jurisdictions (division_code, court, basis, source, effective_on)
      values ('320508', 'BPC-320508', 'designated_basic', '测试：江苏省高级人民法院指定姑苏区人民法院审理执转破案件', '2025-01-01')`);
    expect(await receivingCourtFor(db.pool, '320508')).toMatchObject({ court: 'BPC-320508', basis: 'designated_basic' });
    expect(await receivingCourtFor(db.pool, '320506')).toMatchObject({ court: 'IPC-320500', basis: 'intermediate' });
    await db.pool.query(`delete from jurisdictions where division_code = '320508'`);
  });

  it('refuses a row whose court is not in the registry, or without a source', async () => {
    await expect(db.pool.query(`insert into jurisdictions (division_code, court, basis, source, effective_on)
      values ('320508', 'IPC-320599', 'intermediate', '没有这个法院的测试行', '2025-01-01')`)).rejects.toThrow(/foreign key/);
    await expect(db.pool.query(`insert into jurisdictions (division_code, court, basis, source, effective_on)
      values ('320508', 'IPC-320500', 'intermediate', '', '2025-01-01')`)).rejects.toThrow(/check/);
  });

  it('knows Beijing\'s numbered intermediate courts and which one is above each district court', async () => {
    expect(await courtName(db.pool, 'IPC-110100-3')).toBe('北京市第三中级人民法院');
    expect(await courtName(db.pool, 'IPC-110000')).toBeUndefined();
    const { rows } = await db.pool.query<{ code: string; higher_court: string }>(
      `select code, higher_court from courts where code in ('BPC-110105', 'BPC-110108', 'BPC-110102') order by code`);
    expect(rows).toEqual([
      { code: 'BPC-110102', higher_court: 'IPC-110100-2' },
      { code: 'BPC-110105', higher_court: 'IPC-110100-3' },
      { code: 'BPC-110108', higher_court: 'IPC-110100' },
    ]);
  });
});
