// The statute profile: every period the two workflows use, each with the law it comes from, the
// legal date it runs from and how far the law binds it, held once as data (STYLE.md "one
// concept, one place"). Workflows read a profile passed in their input; `statutory` is the
// default, `training` runs the law's periods at one day a minute for staff training, `compressed`
// runs the workflows in seconds for tests. Article numbers follow ../shared/domain/DOMAIN.md;
// abbreviations: GO = 法发〔2017〕2号 transfer opinions, PP = 法释〔2016〕22号 preservation
// provisions, CO = 法发〔2018〕9号 filing/trial/enforcement coordination opinions.
import type { CalendarYear } from './calendar';
import { DAY_MS, HOUR_MS, daysBetween } from './cst';
import { instantOf, resolveLegalMoment, type LegalMoment } from './legal-time';
import {
  PeriodError, dueExcluding, nominalDue, shiftedDue, type Due, type ExcludedSpan, type Period,
} from './periods';

/**
 * How far the law binds a period: `fixed-by-law` (a party's window: neither shorter nor longer),
 * `maximum-by-law` (the most time an act may take: a court may set less), `court-practice` (the
 * law names no number, or leaves it to the court).
 */
export type PeriodBasis = 'fixed-by-law' | 'maximum-by-law' | 'court-practice';

/** The act whose legal date a period runs from. */
export type LegalEvent = 'served' | 'received' | 'ruled' | 'effective' | 'applied' | 'taken';

export const legalEventLabels: Record<LegalEvent, string> = {
  served: '送达之日',
  received: '收到之日',
  ruled: '作出之日',
  effective: '生效之日',
  applied: '受理申请之日',
  taken: '采取措施之日',
};

export type PeriodSpec = Period & { article: string; runsFrom: LegalEvent; basis: PeriodBasis };
/** A lead time before a due instant (or, for `postalMargin`, a wait after it); only hours and days have a fixed length. */
export type LeadSpec = { amount: number; unit: 'hours' | 'days'; article: string; basis?: PeriodBasis };

export type MeasureKind = 'bank_deposit' | 'movables' | 'real_estate' | 'equity' | 'other_property_right';

/**
 * `statutory`: calendar arithmetic of art. 85 with the holiday calendar.
 * `compressed`: every period is plain elapsed time, one day lasting `msPerDay` ms, a month 30
 * days and a year 365 days, with no calendar and never provisional.
 */
export type ClockMode = { mode: 'statutory' } | { mode: 'compressed'; msPerDay: number };

export type PeriodName =
  | 'consentReply' | 'decisionService' | 'supplementation' | 'acceptanceRuling' | 'rulingService'
  | 'handOver' | 'returnMaterial' | 'appealWindow' | 'supervisionOrder' | 'knownCreditorNotice'
  | 'preservationRulingUrgent' | 'preservationRuling' | 'preservationExecution' | 'preSuitFiling' | 'consultationAnswer';

export type StatuteProfile = {
  name: string;
  clock: ClockMode;
  periods: Record<PeriodName, PeriodSpec>;
  /** Maximum term of one preservation measure; each renewal runs the same term again. */
  measureLifetime: Record<MeasureKind, PeriodSpec>;
  /** Renewal (续行) must be applied for at least this long before a measure expires. */
  renewalLead: LeadSpec;
  /** When to remind the applicant before a measure expires. */
  measureReminders: LeadSpec[];
  /** When to remind the person responsible before any other deadline falls due. */
  deadlineReminders: LeadSpec[];
  /**
   * How long after a period that a posted filing can meet (appeal, objection, supply, suit) has
   * lapsed to wait for filings still in the post before acting on the lapse (art. 85). Absent in
   * profiles recorded before it existed: `postalMarginOf` gives the statutory one then.
   */
  postalMargin?: LeadSpec;
  /**
   * How far back a clerk may date an act when recording it (a 送达回证 comes back days later, a
   * bank reports a freeze the next week). Court practice; absent in profiles recorded before it
   * existed: `backdatingWindowOf` gives the default then.
   */
  backdatingWindow?: LeadSpec;
};

const practice = 'courtrelay practice (DOMAIN.md), not a statutory period';

/** The law's periods: the `statutory` profile's, and what a court's own profile is checked against. */
export const periodLaw = {
  consentReply: { amount: 15, unit: 'days', runsFrom: 'served', basis: 'court-practice', article: 'GO art. 4; 民诉法解释 art. 511 (答复期限由执行法院确定，默认15日)' },
  decisionService: { amount: 5, unit: 'days', runsFrom: 'ruled', basis: 'maximum-by-law', article: 'GO art. 7 (移送决定作出后5日内送达)' },
  supplementation: { amount: 10, unit: 'days', runsFrom: 'received', basis: 'maximum-by-law', article: 'GO art. 11 (收到补充通知后10日内补充；补充期间不计入审查期限)' },
  acceptanceRuling: { amount: 30, unit: 'days', runsFrom: 'received', basis: 'maximum-by-law', article: '民诉法解释 art. 512; GO art. 12 (收到移送材料之日起30日内裁定)' },
  rulingService: { amount: 5, unit: 'days', runsFrom: 'ruled', basis: 'maximum-by-law', article: 'GO art. 12 (裁定作出之日起5日内送达)' },
  handOver: { amount: 7, unit: 'days', runsFrom: 'received', basis: 'maximum-by-law', article: 'GO art. 15 (收到受理裁定后7日内移交)' },
  returnMaterial: { amount: 7, unit: 'days', runsFrom: 'effective', basis: 'maximum-by-law', article: 'GO art. 19 (不予受理裁定生效后7日内退回)' },
  appealWindow: { amount: 10, unit: 'days', runsFrom: 'served', basis: 'fixed-by-law', article: '企业破产法 art. 12 (裁定送达之日起10日内上诉)' },
  supervisionOrder: { amount: 10, unit: 'days', runsFrom: 'received', basis: 'maximum-by-law', article: 'GO art. 13 (上一级法院责令10日内接收材料或作出裁定)' },
  knownCreditorNotice: { amount: 25, unit: 'days', runsFrom: 'ruled', basis: 'maximum-by-law', article: '企业破产法 art. 14 (裁定受理之日起25日内通知已知债权人并公告)' },
  preservationRulingUrgent: { amount: 48, unit: 'hours', runsFrom: 'applied', basis: 'maximum-by-law', article: '民事诉讼法 arts. 103–104; PP art. 4 (情况紧急的，接受申请后48小时内裁定)' },
  preservationRuling: { amount: 5, unit: 'days', runsFrom: 'applied', basis: 'maximum-by-law', article: 'PP art. 4; 民事诉讼法 art. 103 (接受申请后5日内裁定；须担保的，自提供担保后5日内)' },
  preservationExecution: { amount: 24, unit: 'hours', runsFrom: 'ruled', basis: 'court-practice', article: '民事诉讼法 art. 103 (裁定采取保全措施的，应当立即开始执行；法律未定时数，24小时为本系统默认)' },
  preSuitFiling: { amount: 30, unit: 'days', runsFrom: 'taken', basis: 'fixed-by-law', article: '民事诉讼法 art. 104 (采取保全措施后30日内起诉或申请仲裁，否则解除保全)' },
  consultationAnswer: { amount: 15, unit: 'days', runsFrom: 'received', basis: 'maximum-by-law', article: 'CO (收到执行部门征询后15日内答复)' },
} as const satisfies Record<PeriodName, PeriodSpec>;

/** Art. 485's maximum term per kind; the term runs from the day the measure takes effect at the registry. */
export const measureLaw = {
  bank_deposit: { amount: 1, unit: 'years', runsFrom: 'effective', basis: 'maximum-by-law', article: '民诉法解释 art. 485 (冻结银行存款不超过1年)' },
  movables: { amount: 2, unit: 'years', runsFrom: 'effective', basis: 'maximum-by-law', article: '民诉法解释 art. 485 (查封、扣押动产不超过2年)' },
  real_estate: { amount: 3, unit: 'years', runsFrom: 'effective', basis: 'maximum-by-law', article: '民诉法解释 art. 485 (查封不动产不超过3年)' },
  // Equity is an "other property right" under art. 485.
  equity: { amount: 3, unit: 'years', runsFrom: 'effective', basis: 'maximum-by-law', article: '民诉法解释 art. 485 (股权属其他财产权，冻结不超过3年)' },
  other_property_right: { amount: 3, unit: 'years', runsFrom: 'effective', basis: 'maximum-by-law', article: '民诉法解释 art. 485 (冻结其他财产权不超过3年)' },
} as const satisfies Record<MeasureKind, PeriodSpec>;

export const renewalLeadLaw: LeadSpec = { amount: 7, unit: 'days', basis: 'fixed-by-law', article: 'PP art. 18 (保全期限届满七日前申请续行)' };

const postalMarginPractice: LeadSpec = { amount: 7, unit: 'days', basis: 'court-practice', article: `民事诉讼法 art. 85 (期间不包括在途时间): ${practice}` };

const backdatingPractice: LeadSpec = { amount: 60, unit: 'days', basis: 'court-practice', article: `补录法律日期的期限: ${practice}` };

export const periodNames = Object.keys(periodLaw) as PeriodName[];
export const measureKinds = Object.keys(measureLaw) as MeasureKind[];

export const statutory: StatuteProfile = {
  name: 'statutory',
  clock: { mode: 'statutory' },
  periods: periodLaw,
  measureLifetime: measureLaw,
  renewalLead: renewalLeadLaw,
  measureReminders: [
    { amount: 30, unit: 'days', basis: 'court-practice', article: practice },
    { amount: 15, unit: 'days', basis: 'court-practice', article: practice },
  ],
  deadlineReminders: [
    { amount: 3, unit: 'days', basis: 'court-practice', article: practice },
    { amount: 1, unit: 'days', basis: 'court-practice', article: practice },
  ],
  postalMargin: postalMarginPractice,
  backdatingWindow: backdatingPractice,
};

/**
 * The law's periods with one statutory day lasting one minute, for training staff on the real
 * sequence of acts: a 30-day review lasts 30 minutes, the 48-hour ruling 2, a one-year freeze
 * about six hours. Plain elapsed time (no holidays): a month is 30 days, a year 365.
 */
export const training: StatuteProfile = { ...statutory, name: 'training', clock: { mode: 'compressed', msPerDay: 60_000 } };

const compressedFor = (amount: number): PeriodSpec => ({ amount, unit: 'days', runsFrom: 'effective', basis: 'court-practice', article: 'compressed for tests' });

/**
 * Same periods at 100 ms per day (a 30-day review lasts 3 s, a 48-hour ruling 200 ms).
 * Measure lifetimes are shortened to 30–50 days (3–5 s) and their reminder and renewal leads
 * scaled down with them, so a test sees a measure remind, reach its renewal lead and expire.
 * For tests only: it is the one profile not held to the statute.
 */
export const compressed: StatuteProfile = {
  ...statutory,
  name: 'compressed',
  clock: { mode: 'compressed', msPerDay: 100 },
  // The law's 24 hours would be 100 ms: every test granting a ruling would see it escalated before
  // enforcement could report. Tests of the execution deadline set their own.
  periods: { ...statutory.periods, preservationExecution: { ...statutory.periods.preservationExecution, amount: 3650, unit: 'days', article: 'compressed for tests' } },
  measureLifetime: {
    bank_deposit: compressedFor(30),
    movables: compressedFor(40),
    real_estate: compressedFor(50),
    equity: compressedFor(50),
    other_property_right: compressedFor(50),
  },
  renewalLead: { amount: 5, unit: 'days', article: 'compressed for tests' },
  measureReminders: [
    { amount: 20, unit: 'days', article: 'compressed for tests' },
    { amount: 10, unit: 'days', article: 'compressed for tests' },
  ],
};

const compressedDays: Record<Period['unit'], number> = { hours: 1 / 24, days: 1, months: 30, years: 365 };

/** A period's length in ms under a compressed clock. */
export function compressedLength(msPerDay: number, period: Period): number {
  return period.amount * compressedDays[period.unit] * msPerDay;
}

function periodOf(profile: StatuteProfile, period: PeriodName | Period): Period {
  return typeof period === 'string' ? profile.periods[period] : period;
}

/** The legal date(s) a named period runs from, keyed by the act: `{ served: '2026-11-20' }` for the appeal window. */
export type LegalStart<N extends PeriodName> = { readonly [K in (typeof periodLaw)[N]['runsFrom']]: LegalMoment };

/**
 * The due instant of the named period, counted from the legal date of the act the law names
 * (`periodLaw[name].runsFrom`: served, received, ruled, effective, applied or taken), given by the
 * caller as `{ <act>: LegalMoment }` — never from the moment the act was recorded.
 *
 * - Days, months, years (statutory clock): from the act's CST date, art. 85 (starting day not
 *   counted, a last day on a rest day moves to the next working day), `excluded` spans not
 *   counting, in whole days (see `dueExcluding`).
 * - Hours (statutory clock): from the next full hour after the act's instant; a bare date is
 *   refused (the hour matters), and so are excluded spans.
 * - Compressed clocks (`training`, `compressed`): elapsed time from the act's instant (a bare
 *   date means 00:00 CST), each excluded day adding a day.
 *
 * `calendars` must cover the years the period can reach (infra/calendar gives any year). Throws
 * PeriodError, naming the field, for a missing or unreadable legal date or a bad span.
 */
export function dueFrom<N extends PeriodName>(
  profile: StatuteProfile, name: N, from: LegalStart<N>, calendars: readonly CalendarYear[],
  excluded: readonly ExcludedSpan[] = [],
): Due {
  const event: LegalEvent = periodLaw[name].runsFrom;
  const given = (from as Partial<Record<LegalEvent, LegalMoment>>)[event];
  if (given === undefined) {
    throw new PeriodError(event, `${name}自${legalEventLabels[event]}起算，须给出该日期 (period ${name} runs from the ${event} date: pass { ${event}: … })`);
  }
  const start = resolveLegalMoment(given, event);
  const spec = profile.periods[name];
  if (profile.clock.mode === 'compressed') {
    const excludedDays = excluded.reduce((sum, span) => sum + Math.max(0, daysBetween(span.from, span.to)), 0);
    return { dueMs: instantOf(start) + compressedLength(profile.clock.msPerDay, spec) + excludedDays * profile.clock.msPerDay, provisional: false };
  }
  if (spec.unit !== 'hours') return dueExcluding(start.date, spec, excluded, calendars);
  if (start.instantMs === undefined) {
    throw new PeriodError(event, `${name}以小时计算，${event}须含时刻 (an hour period needs the instant, not only the date: ${start.date})`);
  }
  if (excluded.length > 0) throw new PeriodError('excluded', `以小时计算的期间不扣除整日 (an hour period has no excluded days)`);
  return { dueMs: nominalDue(start.instantMs, spec), provisional: false };
}

/** The due instant of a period started at `startMs` under the profile's clock. Prefer `dueFrom`, which names the legal date. */
export function dueFor(
  profile: StatuteProfile, period: PeriodName | Period, startMs: number, calendars: readonly CalendarYear[],
): Due {
  return dueAfterPause(profile, period, startMs, 0, calendars);
}

/** As `dueFor`, when `pausedMs` of elapsed time does not count. Prefer `dueFrom` with excluded spans: the law counts them in days. */
export function dueAfterPause(
  profile: StatuteProfile, period: PeriodName | Period, startMs: number, pausedMs: number,
  calendars: readonly CalendarYear[],
): Due {
  const resolved = periodOf(profile, period);
  if (profile.clock.mode === 'compressed') {
    return { dueMs: startMs + compressedLength(profile.clock.msPerDay, resolved) + Math.max(0, pausedMs), provisional: false };
  }
  return shiftedDue(startMs, resolved, pausedMs, calendars);
}

/** A lead time in ms: exact hours and days in statutory mode, scaled in compressed mode. */
export function leadTime(profile: StatuteProfile, lead: LeadSpec): number {
  const unitMs = lead.unit === 'hours' ? HOUR_MS : DAY_MS;
  const scale = profile.clock.mode === 'compressed' ? profile.clock.msPerDay / DAY_MS : 1;
  return lead.amount * unitMs * scale;
}

/** How many days back a legal date may be given under this profile (whole days; hours count as part of a day). */
export function backdatingDaysOf(profile: StatuteProfile): number {
  const window = profile.backdatingWindow ?? backdatingPractice;
  return window.unit === 'days' ? window.amount : Math.ceil(window.amount / 24);
}

/** The profile's wait for posted filings, or the statutory one for a profile recorded before it existed. */
export function postalMarginOf(profile: StatuteProfile): LeadSpec {
  return profile.postalMargin ?? postalMarginPractice;
}
