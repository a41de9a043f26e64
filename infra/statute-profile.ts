// The statute profile a process runs under, validated with zod: `statutory` (default), `training`
// (the law's periods at one day a minute), `compressed` (tests, demos), or a court's own JSON file
// (STATUTE_PROFILE_FILE). A court's file may set what the law leaves to the court (the consent-reply
// period, reminders) and shorten what the law only caps; it is refused at start, naming the period
// and the article, when it contradicts the statute.
import { z } from 'zod';
import { chineseIssue } from '../api/http/zod-locale';
import { neverLonger, samePeriod, type Period } from '../workflows/clock/periods';
import {
  compressed, legalEventLabels, measureKinds, measureLaw, periodLaw, periodNames, renewalLeadLaw, statutory, training,
  type LeadSpec, type MeasureKind, type PeriodName, type PeriodSpec, type StatuteProfile,
} from '../workflows/clock/statute-profile';
import type { Config } from './config';
import { readLenientJsonSync } from './lenient-json';

const basis = z.enum(['fixed-by-law', 'maximum-by-law', 'court-practice']);
// A court's staff write this file by hand: what the law already says (the article, the statutory
// clock) may be left out and is filled from the law, and every refusal is worded for them.
const amount = z.number({ error: '应填写天数等数量（正整数）' }).int('应为整数').positive('应大于0');
const periodSpec = z.strictObject({
  amount,
  unit: z.enum(['hours', 'days', 'months', 'years'], { error: '单位应为 hours（小时）、days（日）、months（月）或 years（年）' }),
  // Left out: the law's own article for this period.
  article: z.string().trim().min(1, '依据条文不能为空；不写则沿用法律规定的条文').optional(),
  // Both follow from the law; a file may leave them out, and may not change them (checked below).
  runsFrom: z.enum(['served', 'received', 'ruled', 'effective', 'applied', 'taken']).optional(),
  basis: basis.optional(),
});
const leadSpec = z.strictObject({
  amount,
  unit: z.enum(['hours', 'days'], { error: '单位应为 hours（小时）或 days（日）' }),
  article: z.string().trim().min(1, '依据条文不能为空；不写则沿用默认的依据').optional(),
  basis: basis.optional(),
});
const optionalEach = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, periodSpec.optional()])) as Record<K, z.ZodOptional<typeof periodSpec>>);

export const statuteProfileSchema = z.strictObject({
  name: z.string().trim().min(1, '配置名称不能为空'),
  // Left out: the statutory clock, the only one a real case runs on.
  clock: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('statutory') }),
    z.strictObject({ mode: z.literal('compressed'), msPerDay: z.number().int().min(10).max(86_400_000) }),
  ], { error: '时钟 mode 应为 statutory（法定日历）或 compressed（演练用压缩时钟）' }).default({ mode: 'statutory' }),
  // A period left out is the law's.
  periods: optionalEach(periodNames).default({}),
  measureLifetime: optionalEach(measureKinds).default({}),
  renewalLead: leadSpec.optional(),
  measureReminders: z.array(leadSpec).max(10).optional(),
  deadlineReminders: z.array(leadSpec).max(10).optional(),
  postalMargin: leadSpec.optional(),
  backdatingWindow: leadSpec.optional(),
});

type ParsedSpec = z.infer<typeof periodSpec> | undefined;
type ParsedLead = z.infer<typeof leadSpec>;

function completed(law: PeriodSpec, given: ParsedSpec): PeriodSpec {
  return given
    ? { ...given, article: given.article ?? law.article, runsFrom: given.runsFrom ?? law.runsFrom, basis: given.basis ?? law.basis }
    : law;
}

/** A lead the file gives, its article filled from the default it replaces when left out. */
function completedLead(given: ParsedLead, fallback: LeadSpec): LeadSpec {
  const basis = given.basis ?? fallback.basis;
  return { amount: given.amount, unit: given.unit, article: given.article ?? fallback.article, ...(basis ? { basis } : {}) };
}

/** Default reminders replaced one by one: each given lead takes the article of the default at its place, or the first. */
function completedLeads(given: ParsedLead[] | undefined, defaults: LeadSpec[]): LeadSpec[] {
  return given ? given.map((lead, i) => completedLead(lead, defaults[i] ?? defaults[0]!)) : defaults;
}

const unitNames: Record<Period['unit'], string> = { hours: '小时', days: '日', months: '个月', years: '年' };
const show = (p: Period) => `${p.amount}${unitNames[p.unit]} (${p.amount} ${p.unit})`;

/** What is wrong with one period against the law, or undefined. `field` names it as in the file. */
function contradiction(field: string, spec: PeriodSpec, law: PeriodSpec): string | undefined {
  if (spec.runsFrom !== law.runsFrom) {
    return `${field}.runsFrom: 依${law.article}，该期间自${legalEventLabels[law.runsFrom]}起算，不能改为${legalEventLabels[spec.runsFrom]} `
      + `(the law runs this period from the ${law.runsFrom} date, not ${spec.runsFrom})`;
  }
  if (spec.basis !== law.basis) {
    return `${field}.basis: 该期间的性质由法律确定为 ${law.basis}，不能改为 ${spec.basis} (how the law binds a period is not the court's to change)`;
  }
  if (law.basis === 'fixed-by-law' && !samePeriod(spec, law)) {
    return `${field}: ${show(spec)} 与法律规定不符：${law.article} 规定为${show(law)}，法院不得变更 `
      + `(contradicts the statute, which fixes ${law.amount} ${law.unit})`;
  }
  if (law.basis === 'maximum-by-law' && !neverLonger(spec, law)) {
    return `${field}: ${show(spec)} 超过法律规定的上限：${law.article} 最长为${show(law)} `
      + `(exceeds the statute's maximum of ${law.amount} ${law.unit})`;
  }
  return undefined;
}

/**
 * Every way a profile contradicts the statute, one line per field (Chinese, then English): a fixed
 * period changed, a capped period or measure term lengthened, a legal date or basis changed, the
 * renewal lead of PP art. 18 changed. Empty when the profile keeps the law. `compressed` is the
 * one profile not held to it (tests only).
 */
export function statuteContradictions(profile: StatuteProfile): string[] {
  const problems = [
    ...periodNames.map((name) => contradiction(`periods.${name}`, profile.periods[name], periodLaw[name])),
    ...measureKinds.map((kind) => contradiction(`measureLifetime.${kind}`, profile.measureLifetime[kind], measureLaw[kind])),
  ];
  const lead: LeadSpec = profile.renewalLead;
  if (lead.amount !== renewalLeadLaw.amount || lead.unit !== renewalLeadLaw.unit) {
    problems.push(`renewalLead: ${show(lead)} 与${renewalLeadLaw.article}不符，应为届满7日前 (the statute fixes the renewal lead at 7 days)`);
  }
  for (const [field, lead, maxDays, why] of [
    ['postalMargin', profile.postalMargin, maxPostalMarginDays, '在途期间是等待邮寄文书到达的时间 (the wait for mail in transit)'],
    ['backdatingWindow', profile.backdatingWindow, maxBackdatingDays, '补录法律日期的期限 (how far back an act may be dated)'],
  ] as const) {
    if (lead && leadDays(lead) > maxDays) {
      problems.push(`${field}: ${show(lead)} 过长：${why}最长${maxDays}日 (at most ${maxDays} days)`);
    }
  }
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * Bounds on what the law leaves to court practice but a court could not mean beyond: mail inside
 * China arrives within days, so a month is ample (a ten-year margin would keep a rejection from ever
 * taking effect); a clerk records an act within weeks, so a year covers any late entry.
 */
export const maxPostalMarginDays = 30;
export const maxBackdatingDays = 365;
const leadDays = (lead: LeadSpec) => (lead.unit === 'hours' ? lead.amount / 24 : lead.amount);

/** The longest statutory day a rehearsal clock may have: the training profile's minute. */
export const REHEARSAL_MS_PER_DAY = 60_000;

/**
 * A compressed clock on which a day lasts a minute or less runs no real case (a one-year freeze
 * would last six hours), so its lengths are a test's or a demo's to choose; a slower clock is held
 * to the statute like the real one, so a court cannot slip a 5-year freeze in at real speed.
 */
function isRehearsal(profile: StatuteProfile): boolean {
  return profile.clock.mode === 'compressed' && profile.clock.msPerDay <= REHEARSAL_MS_PER_DAY;
}

/** Validates a profile's shape, fills what the law gives, and refuses any contradiction with the statute (rehearsal clocks excepted). */
export function validateStatuteProfile(source: string, data: unknown): StatuteProfile {
  // Chinese per parse, not through zod's global setting: this runs at start-up, before the API sets it.
  const result = statuteProfileSchema.safeParse(data, { error: chineseIssue as never });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '（整个文件）'}：${i.message}`).join('\n');
    throw new Error(`法定期间配置文件 ${source} 格式有误 (statute profile is invalid):\n${problems}`);
  }
  const parsed = result.data;
  const profile: StatuteProfile = {
    ...parsed,
    renewalLead: parsed.renewalLead ? completedLead(parsed.renewalLead, renewalLeadLaw) : renewalLeadLaw,
    measureReminders: completedLeads(parsed.measureReminders, statutory.measureReminders),
    deadlineReminders: completedLeads(parsed.deadlineReminders, statutory.deadlineReminders),
    periods: Object.fromEntries(periodNames.map((n) => [n, completed(periodLaw[n], parsed.periods[n])])) as Record<PeriodName, PeriodSpec>,
    measureLifetime: Object.fromEntries(measureKinds.map((k) => [k, completed(measureLaw[k], parsed.measureLifetime[k])])) as Record<MeasureKind, PeriodSpec>,
    postalMargin: parsed.postalMargin ? completedLead(parsed.postalMargin, statutory.postalMargin!) : statutory.postalMargin,
    backdatingWindow: parsed.backdatingWindow ? completedLead(parsed.backdatingWindow, statutory.backdatingWindow!) : statutory.backdatingWindow,
  };
  const problems = isRehearsal(profile) ? [] : statuteContradictions(profile);
  if (problems.length > 0) {
    throw new Error(`法定期间配置文件 ${source} 与法律规定不符 (statute profile contradicts the statute):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return profile;
}

const shipped = { statutory, training, compressed } as const;

/** The profile new processes start under; validated once per process start-up. */
export function statuteProfileFor(config: Pick<Config, 'STATUTE_PROFILE' | 'STATUTE_PROFILE_FILE'>): StatuteProfile {
  if (config.STATUTE_PROFILE_FILE) {
    return validateStatuteProfile(config.STATUTE_PROFILE_FILE, readLenientJsonSync(config.STATUTE_PROFILE_FILE));
  }
  return shipped[config.STATUTE_PROFILE];
}
