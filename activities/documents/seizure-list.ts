// The debtor's seizures as a court document and the console print them (issue 14; GO art. 10
// item 3: 财产调查结果及查封、扣押、冻结财产清单): one line per seizure of the register — the asset and
// where it is held or registered, the measure, the court holding it now, its rank on the asset, the
// day it was taken and the day its term ends. The words for kinds and holders live here once; the
// console's glossary (api/console/labels.ts) takes them from this file.
import type { Seizure } from '../preservation/seizures';
import { chineseDate } from './render';

export const measureKindLabels: Record<string, string> = {
  real_estate: '不动产', movables: '动产', bank_deposit: '银行存款', equity: '股权', other_property_right: '其他财产权',
};

/** What each kind of property is done to (查封扣押冻结规定 art. 1): land and buildings sealed, movables seized, the rest frozen. */
const measureVerbs: Record<string, string> = {
  real_estate: '查封', movables: '查封、扣押', bank_deposit: '冻结', equity: '冻结', other_property_right: '冻结',
};

export const seizureHolderLabels: Record<string, string> = {
  preservation: '保全程序', enforcement: '执行程序', transfer: '执转破审查中',
};

export type SeizureLineFields = Pick<Seizure, 'assetKind' | 'asset' | 'location' | 'holderCourt' | 'holder' | 'rank' | 'takenAt' | 'expiresAt'>;

/**
 * One seizure as a line of the package: 「银行存款：账户 6222（工商银行朝阳支行）；北京市朝阳区人民法院冻结，
 * 第1顺位；二〇二五年十月一日冻结，二〇二六年九月三十日到期；执转破审查中」. A queued seizure (no expiry)
 * says its term has not started: it runs from the day it moves up (查封扣押冻结规定 art. 26).
 */
export function seizureLine(s: SeizureLineFields, court: (code: string) => string): string {
  const verb = measureVerbs[s.assetKind] ?? '查封、扣押、冻结';
  const term = s.expiresAt ? `${chineseDate(s.expiresAt)}到期` : s.rank > 1 ? '轮候，尚未生效，期限自递升为第一顺位之日起算' : '未记载到期日';
  return `${measureKindLabels[s.assetKind] ?? '财产'}：${s.asset}（${s.location}）；${court(s.holderCourt)}${verb}，第${s.rank}顺位；`
    + `${chineseDate(s.takenAt)}${verb}，${term}；${seizureHolderLabels[s.holder] ?? s.holder}`;
}
