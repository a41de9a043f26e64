// Legal dates: every period runs from the date of the act the law names (served, received,
// ruled, taken, …), given by the person recording it, never from the moment it was typed in.
// And the other end (民事诉讼法 art. 85): 期间不包括在途时间，诉讼文书在期满前交邮的，不算过期.
import { addDays, cstDateOf, cstIso, endOfCstDay, isRealDate, startOfCstDay } from './cst';
import { PeriodError, type Due } from './periods';

/**
 * When an act happened, as recorded: a CST calendar date 'YYYY-MM-DD' (enough for periods in
 * days, months and years), an ISO-8601 instant with its offset ('2025-03-04T21:00+08:00'), or
 * epoch milliseconds. Hour periods and the compressed clocks need an instant; a date given to
 * them stands for 00:00 CST of that day.
 */
export type LegalMoment = string | number;

/** A legal moment read: its CST date, and its instant when one was given. */
export type ResolvedMoment = { date: string; instantMs: number | undefined };

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a legal moment; throws PeriodError naming `field` (Chinese and English) when it is neither a real date nor an instant with its offset. */
export function resolveLegalMoment(moment: LegalMoment, field: string): ResolvedMoment {
  if (typeof moment === 'number') {
    if (!Number.isFinite(moment)) throw new PeriodError(field, `${field}：不是有效的时间 (not a valid instant: ${moment})`);
    return { date: cstDateOf(moment), instantMs: moment };
  }
  if (isRealDate(moment)) return { date: moment, instantMs: undefined };
  const instantMs = instantPattern.test(moment) ? Date.parse(moment) : NaN;
  if (Number.isNaN(instantMs) || !isRealDate(moment.slice(0, 10))) {
    throw new PeriodError(field, `${field}：应为日期（按“年-月-日”填写，如2025-09-01）或带时区的日期时间 (must be a date YYYY-MM-DD or an instant with its offset; got ${JSON.stringify(moment)})`);
  }
  return { date: cstDateOf(instantMs), instantMs };
}

/** The instant a moment stands for: itself, or 00:00 CST of a bare date. */
export function instantOf(moment: ResolvedMoment): number {
  return moment.instantMs ?? startOfCstDay(moment.date);
}

/** How a due instant reads to a person: the day for periods ending at 24:00, else day and time (CST). */
export function describeDue(dueMs: number): string {
  return dueMs === endOfCstDay(cstDateOf(dueMs)) ? cstDateOf(dueMs) : cstIso(dueMs).slice(0, 16).replace('T', ' ');
}

export type LegalDateRules = {
  /** Now, as the recording happens (workflow time in workflows). */
  nowMs: number;
  /** How many days back a clerk may date an act (court practice). */
  maxBackdatingDays: number;
  /** The act this one follows (a service cannot precede its ruling), with its field name for the message. */
  notBefore?: { field: string; moment: LegalMoment };
};

function earlier(a: ResolvedMoment, b: ResolvedMoment): boolean {
  return a.instantMs !== undefined && b.instantMs !== undefined ? a.instantMs < b.instantMs : a.date < b.date;
}

/**
 * Reads the legal date of an act as a person records it and checks it: not in the future, not
 * more than `maxBackdatingDays` before today (CST), not before the act it follows. Bare dates
 * compare by day, instants by instant. Throws PeriodError naming `field`, in Chinese then English.
 */
export function checkLegalDate(field: string, moment: LegalMoment, rules: LegalDateRules): ResolvedMoment {
  const given = resolveLegalMoment(moment, field);
  const today = cstDateOf(rules.nowMs);
  if (given.instantMs === undefined ? given.date > today : given.instantMs > rules.nowMs) {
    throw new PeriodError(field, `${field}：${shown(given)}晚于当前时间，不能填写将来的日期 (${shown(given)} is in the future)`);
  }
  const earliest = addDays(today, -rules.maxBackdatingDays);
  if (given.date < earliest) {
    throw new PeriodError(field, `${field}：${given.date}早于可补录的最早日期${earliest}（${rules.maxBackdatingDays}日内） `
      + `(more than ${rules.maxBackdatingDays} days back; the earliest date accepted is ${earliest})`);
  }
  if (rules.notBefore) {
    const before = resolveLegalMoment(rules.notBefore.moment, rules.notBefore.field);
    if (earlier(given, before)) {
      throw new PeriodError(field, `${field}：${shown(given)}早于${rules.notBefore.field}（${shown(before)}） (${field} cannot precede ${rules.notBefore.field})`);
    }
  }
  return given;
}

export type FilingInput = {
  /** What was filed, as staff and parties read it: '上诉状', '异议书', '补充材料', '起诉状'. */
  document: string;
  /** When it reached the court, when it did. */
  filedOn?: LegalMoment;
  /** When it was handed to the post (the postmark, 交邮), when it was posted. */
  postedOn?: LegalMoment;
  /** The period's due instant, from the clock. */
  due: Due;
};

export type FilingTimeliness = {
  timely: boolean;
  /** Which date decided: the filing's arrival, or its posting (art. 85). */
  decidedBy: 'filed' | 'posted';
  /** Why, in Chinese with the dates named, then in English: shown to staff and parties. */
  reason: string;
};

/** Whether an act done at `moment` met a period due at `dueMs`: a bare date is in time on the due day itself. */
export function doneInTime(moment: ResolvedMoment, dueMs: number): boolean {
  return inTime(moment, dueMs);
}

function inTime(moment: ResolvedMoment, dueMs: number): boolean {
  // A bare date (a postmark carries only the day) is in time on the due day itself.
  return moment.instantMs === undefined ? moment.date <= cstDateOf(dueMs) : moment.instantMs <= dueMs;
}

function shown(moment: ResolvedMoment): string {
  return moment.instantMs === undefined ? moment.date : describeDue(moment.instantMs);
}

/**
 * Whether a filing that can be posted (appeal, objection, supply of material, suit after a
 * pre-suit measure) is in time. Art. 85: time in the post does not count, and a document posted
 * before the period ends is not late, so a filing is timely when it arrived by the due instant
 * or was posted by it, whenever it arrived. A postmark is a date: posting on the last day is in
 * time, even for an hour period ending earlier that day.
 *
 * Throws PeriodError when neither date is given, or the posting date is after the arrival.
 */
export function filingTimeliness(input: FilingInput): FilingTimeliness {
  const { document, due } = input;
  if (input.filedOn === undefined && input.postedOn === undefined) {
    throw new PeriodError('filedOn', `${document}：须填写提交日期或交邮日期 (give the filing date or the posting date)`);
  }
  const filed = input.filedOn === undefined ? undefined : resolveLegalMoment(input.filedOn, 'filedOn');
  const posted = input.postedOn === undefined ? undefined : resolveLegalMoment(input.postedOn, 'postedOn');
  if (filed && posted && posted.date > filed.date) {
    throw new PeriodError('postedOn', `${document}的交邮日期（${posted.date}）晚于提交日期（${filed.date}） (posted after it arrived)`);
  }
  const dueText = describeDue(due.dueMs);
  if (filed && inTime(filed, due.dueMs)) {
    return {
      timely: true, decidedBy: 'filed',
      reason: `${document}于${shown(filed)}提交，未超过期限（${dueText}届满） (filed on ${shown(filed)}, within the period ending ${dueText})`,
    };
  }
  if (posted && inTime(posted, due.dueMs)) {
    const arrival = filed ? `，${shown(filed)}送达法院` : '';
    return {
      timely: true, decidedBy: 'posted',
      reason: `${document}于${shown(posted)}交邮${arrival}，在期限届满（${dueText}）前交邮，不算过期（民事诉讼法第八十五条） `
        + `(posted on ${shown(posted)}, before the period ended on ${dueText}: not late, Civil Procedure Law art. 85)`,
    };
  }
  const when = [posted ? `于${shown(posted)}交邮` : '', filed ? `于${shown(filed)}提交` : ''].filter(Boolean).join('，');
  const whenEn = [posted ? `posted on ${shown(posted)}` : '', filed ? `filed on ${shown(filed)}` : ''].filter(Boolean).join(', ');
  return {
    timely: false, decidedBy: posted ? 'posted' : 'filed',
    reason: `${document}${when}，已超过期限（${dueText}届满） (${whenEn}: after the period ended on ${dueText})`,
  };
}

