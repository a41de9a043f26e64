// The statute profile: every period the two workflows use, each with the law it comes from,
// held once as data (STYLE.md "one concept, one place"). Workflows read a profile passed in
// their input; the `statutory` profile is the default, `compressed` runs the same workflows in
// seconds for tests. Article numbers follow ../shared/domain/DOMAIN.md; abbreviations:
// GO = 法发〔2017〕2号 transfer opinions, PP = 法释〔2016〕22号 preservation provisions,
// CO = 法发〔2018〕9号 filing/trial/enforcement coordination opinions.
import type { CalendarYear } from './calendar';
import { DAY_MS, HOUR_MS } from './cst';
import { shiftedDue, type Due, type Period } from './periods';

export type PeriodSpec = Period & { article: string };
/** A lead time before a due instant; only hours and days have a fixed length. */
export type LeadSpec = { amount: number; unit: 'hours' | 'days'; article: string };

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
  | 'preservationRulingUrgent' | 'preservationRuling' | 'preSuitFiling' | 'consultationAnswer';

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
};

const transferPeriods: Record<PeriodName, PeriodSpec> = {
  consentReply: { amount: 15, unit: 'days', article: 'GO art. 4; 民诉法解释 art. 511 (reply period set by the court, 15 days by default)' },
  decisionService: { amount: 5, unit: 'days', article: 'GO art. 7' },
  supplementation: { amount: 10, unit: 'days', article: 'GO art. 11 (does not count toward the review period)' },
  acceptanceRuling: { amount: 30, unit: 'days', article: '民诉法解释 art. 512; GO art. 12' },
  rulingService: { amount: 5, unit: 'days', article: 'GO art. 12' },
  handOver: { amount: 7, unit: 'days', article: 'GO art. 15' },
  returnMaterial: { amount: 7, unit: 'days', article: 'GO art. 19' },
  appealWindow: { amount: 10, unit: 'days', article: '企业破产法 art. 12' },
  supervisionOrder: { amount: 10, unit: 'days', article: 'GO art. 13' },
  knownCreditorNotice: { amount: 25, unit: 'days', article: '企业破产法 art. 14' },
  preservationRulingUrgent: { amount: 48, unit: 'hours', article: '民事诉讼法 arts. 103–104; PP art. 4' },
  preservationRuling: { amount: 5, unit: 'days', article: 'PP art. 4; 民事诉讼法 art. 103' },
  preSuitFiling: { amount: 30, unit: 'days', article: '民事诉讼法 art. 104' },
  consultationAnswer: { amount: 15, unit: 'days', article: 'CO' },
};

const practice = 'courtrelay practice (DOMAIN.md), not a statutory period';

export const statutory: StatuteProfile = {
  name: 'statutory',
  clock: { mode: 'statutory' },
  periods: transferPeriods,
  measureLifetime: {
    bank_deposit: { amount: 1, unit: 'years', article: '民诉法解释 art. 485' },
    movables: { amount: 2, unit: 'years', article: '民诉法解释 art. 485' },
    real_estate: { amount: 3, unit: 'years', article: '民诉法解释 art. 485' },
    // Equity is an "other property right" under art. 485.
    equity: { amount: 3, unit: 'years', article: '民诉法解释 art. 485' },
    other_property_right: { amount: 3, unit: 'years', article: '民诉法解释 art. 485' },
  },
  renewalLead: { amount: 7, unit: 'days', article: 'PP art. 18' },
  measureReminders: [
    { amount: 30, unit: 'days', article: practice },
    { amount: 15, unit: 'days', article: practice },
  ],
  deadlineReminders: [
    { amount: 3, unit: 'days', article: practice },
    { amount: 1, unit: 'days', article: practice },
  ],
};

/**
 * Same periods at 100 ms per day (a 30-day review lasts 3 s, a 48-hour ruling 200 ms).
 * Measure lifetimes are shortened to 30–50 days (3–5 s) and their reminder and renewal leads
 * scaled down with them, so a test sees a measure remind, reach its renewal lead and expire.
 */
export const compressed: StatuteProfile = {
  ...statutory,
  name: 'compressed',
  clock: { mode: 'compressed', msPerDay: 100 },
  measureLifetime: {
    bank_deposit: { amount: 30, unit: 'days', article: 'compressed for tests' },
    movables: { amount: 40, unit: 'days', article: 'compressed for tests' },
    real_estate: { amount: 50, unit: 'days', article: 'compressed for tests' },
    equity: { amount: 50, unit: 'days', article: 'compressed for tests' },
    other_property_right: { amount: 50, unit: 'days', article: 'compressed for tests' },
  },
  renewalLead: { amount: 5, unit: 'days', article: 'compressed for tests' },
  measureReminders: [
    { amount: 20, unit: 'days', article: 'compressed for tests' },
    { amount: 10, unit: 'days', article: 'compressed for tests' },
  ],
};

const compressedDays: Record<Period['unit'], number> = { hours: 1 / 24, days: 1, months: 30, years: 365 };

function periodOf(profile: StatuteProfile, period: PeriodName | Period): Period {
  return typeof period === 'string' ? profile.periods[period] : period;
}

/** The due instant of a period started at `startMs` under the profile's clock. */
export function dueFor(
  profile: StatuteProfile, period: PeriodName | Period, startMs: number, calendars: readonly CalendarYear[],
): Due {
  return dueAfterPause(profile, period, startMs, 0, calendars);
}

/** As `dueFor`, when `pausedMs` of elapsed time does not count (GO art. 11). */
export function dueAfterPause(
  profile: StatuteProfile, period: PeriodName | Period, startMs: number, pausedMs: number,
  calendars: readonly CalendarYear[],
): Due {
  const resolved = periodOf(profile, period);
  if (profile.clock.mode === 'compressed') {
    const elapsed = resolved.amount * compressedDays[resolved.unit] * profile.clock.msPerDay;
    return { dueMs: startMs + elapsed + Math.max(0, pausedMs), provisional: false };
  }
  return shiftedDue(startMs, resolved, pausedMs, calendars);
}

/** A lead time in ms: exact hours and days in statutory mode, scaled in compressed mode. */
export function leadTime(profile: StatuteProfile, lead: LeadSpec): number {
  const unitMs = lead.unit === 'hours' ? HOUR_MS : DAY_MS;
  const scale = profile.clock.mode === 'compressed' ? profile.clock.msPerDay / DAY_MS : 1;
  return lead.amount * unitMs * scale;
}
