// Every period of the statute profile, started from the legal date its article names, on the real
// calendars (the 2024–2026 notices, other years computed from the law). Expected ends are worked
// out by hand from the calendar; the comments say how.
import { describe, expect, it } from 'vitest';
import { cstIso } from '../../workflows/clock/cst';
import { checkLegalDate, filingTimeliness } from '../../workflows/clock/legal-time';
import { PeriodError, type ExcludedSpan } from '../../workflows/clock/periods';
import {
  compressed, dueFrom, periodLaw, periodNames, statutory, training, type LegalStart, type PeriodName,
} from '../../workflows/clock/statute-profile';
import { realCalendars } from '../support/calendars';

const calendars = realCalendars();
const endOf = (date: string) => `${date}T23:59:59.999+08:00`;

type Row = { name: PeriodName; from: Record<string, string>; excluded?: ExcludedSpan[]; due: string; provisional?: boolean; why: string };

const rows: Row[] = [
  { name: 'appealWindow', from: { served: '2026-11-20' }, due: endOf('2026-11-30'), why: 'issue 13: served 11-20, 10 days, the service day not counted' },
  { name: 'appealWindow', from: { served: '2025-09-25' }, due: endOf('2025-10-09'), why: '10-05 falls in National Day 2025 (10-01–10-08)' },
  { name: 'acceptanceRuling', from: { received: '2026-09-02' }, due: endOf('2026-10-08'), why: 'issue 13: 30 days from receipt end 10-02, in National Day 2026 (10-01–10-07)' },
  { name: 'acceptanceRuling', from: { received: '2026-11-02' }, due: endOf('2026-12-02'), why: 'no supplementation: 30 days' },
  {
    name: 'acceptanceRuling', from: { received: '2026-11-02' }, excluded: [{ from: '2026-11-12', to: '2026-11-18' }], due: endOf('2026-12-08'),
    why: 'issue 13: material requested 11-12, supplied 11-18: six whole days do not count',
  },
  {
    name: 'acceptanceRuling', from: { received: '2026-11-02' }, excluded: [{ from: '2026-11-12', to: '2026-11-12' }], due: endOf('2026-12-02'),
    why: 'requested and supplied the same day: no whole day excluded',
  },
  {
    name: 'acceptanceRuling', from: { received: '2026-11-02' },
    excluded: [{ from: '2026-11-05', to: '2026-11-10' }, { from: '2026-11-08', to: '2026-11-12' }], due: endOf('2026-12-09'),
    why: 'overlapping requests exclude 11-06…11-12 once: 7 days',
  },
  { name: 'consentReply', from: { served: '2024-01-26' }, due: endOf('2024-02-18'), why: '02-10 is Spring Festival 2024 (02-10–02-17); 02-18, a Sunday, is a swapped working day' },
  { name: 'decisionService', from: { ruled: '2025-04-28' }, due: endOf('2025-05-06'), why: '05-03 falls in Labour Day 2025 (05-01–05-05)' },
  { name: 'supplementation', from: { received: '2024-09-25' }, due: endOf('2024-10-08'), why: '10-05 falls in National Day 2024 (10-01–10-07)' },
  { name: 'rulingService', from: { ruled: '2026-02-10' }, due: endOf('2026-02-24'), why: '02-15 falls in Spring Festival 2026 (02-15–02-23)' },
  { name: 'handOver', from: { received: '2026-04-28' }, due: endOf('2026-05-06'), why: '05-05 is the last day of Labour Day 2026' },
  { name: 'returnMaterial', from: { effective: '2025-05-25' }, due: endOf('2025-06-03'), why: '06-01 falls in Dragon Boat 2025 (05-31–06-02)' },
  { name: 'supervisionOrder', from: { received: '2024-05-31' }, due: endOf('2024-06-11'), why: '06-10 is Dragon Boat 2024' },
  { name: 'knownCreditorNotice', from: { ruled: '2024-09-08' }, due: endOf('2024-10-08'), why: '25 days end 10-03, in National Day 2024' },
  { name: 'preservationRulingUrgent', from: { applied: '2025-03-04T21:00+08:00' }, due: '2025-03-06T22:00:00.000+08:00', why: 'issue 13: the starting hour is not counted even when the start is on the hour' },
  { name: 'preservationRulingUrgent', from: { applied: '2025-06-03T10:30+08:00' }, due: '2025-06-05T11:00:00.000+08:00', why: 'counting starts at the next full hour' },
  { name: 'preservationRulingUrgent', from: { applied: '2025-09-30T16:10+08:00' }, due: '2025-10-02T17:00:00.000+08:00', why: 'hours run through holidays' },
  {
    name: 'preservationRuling', from: { applied: '2026-12-27T10:00+08:00' }, due: endOf('2027-01-04'), provisional: true,
    why: 'issue 13: 5 days end on 2027-01-01, New Year\'s Day by law though the 2027 notice is not out; then a weekend',
  },
  { name: 'preservationRuling', from: { applied: '2025-09-27' }, due: endOf('2025-10-09'), why: '10-02 falls in National Day 2025' },
  { name: 'preservationExecution', from: { ruled: '2025-10-01T09:00+08:00' }, due: '2025-10-02T10:00:00.000+08:00', why: '24 hours from the next full hour, through the holiday' },
  { name: 'preSuitFiling', from: { taken: '2026-01-16' }, due: endOf('2026-02-24'), why: '02-15 falls in Spring Festival 2026' },
  { name: 'consultationAnswer', from: { received: '2026-09-10' }, due: endOf('2026-09-28'), why: '09-25 is Mid-Autumn 2026 (09-25–09-27)' },
];

describe('every period from its legal date (statutory profile, real calendars)', () => {
  it.each(rows)('$name from $from: $why', (row) => {
    const due = dueFrom(statutory, row.name, row.from as LegalStart<typeof row.name>, calendars, row.excluded);
    expect({ due: cstIso(due.dueMs), provisional: due.provisional }).toEqual({ due: row.due, provisional: row.provisional ?? false });
  });

  it('the table covers every period of the profile', () => {
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(periodNames));
  });

  it('every period names its article, the act it runs from and how the law binds it', () => {
    for (const name of periodNames) {
      expect(statutory.periods[name]).toEqual(periodLaw[name]);
      expect(periodLaw[name].article.length).toBeGreaterThan(5);
    }
    expect(periodLaw.appealWindow).toMatchObject({ runsFrom: 'served', basis: 'fixed-by-law' });
    expect(periodLaw.acceptanceRuling).toMatchObject({ runsFrom: 'received', basis: 'maximum-by-law' });
    expect(periodLaw.consentReply).toMatchObject({ basis: 'court-practice' });
  });
});

describe('the legal date is the caller\'s, and checked', () => {
  it('refuses a period started from the wrong act, naming the one the law names', () => {
    const wrong = { received: '2026-11-20' } as unknown as LegalStart<'appealWindow'>;
    expect(() => dueFrom(statutory, 'appealWindow', wrong, calendars)).toThrow(PeriodError);
    expect(() => dueFrom(statutory, 'appealWindow', wrong, calendars)).toThrow(/送达之日.*served/);
  });

  it('refuses an hour period given only a date, and an unreadable date', () => {
    expect(() => dueFrom(statutory, 'preservationRulingUrgent', { applied: '2025-03-04' }, calendars)).toThrow(/须含时刻/);
    expect(() => dueFrom(statutory, 'appealWindow', { served: '2026-02-30' }, calendars)).toThrow(/served：应为日期/);
    expect(() => dueFrom(statutory, 'appealWindow', { served: '2026-11-20T10:00' }, calendars)).toThrow(/带时区/);
  });

  it('an instant counts by its CST date: 2026-11-19T17:00Z is 11-20 in China', () => {
    expect(cstIso(dueFrom(statutory, 'appealWindow', { served: '2026-11-19T17:00:00Z' }, calendars).dueMs)).toBe(endOf('2026-11-30'));
    expect(cstIso(dueFrom(statutory, 'appealWindow', { served: Date.parse('2026-11-20T09:00+08:00') }, calendars).dueMs)).toBe(endOf('2026-11-30'));
  });

  it('refuses excluded spans that cannot be: supplied before requested, requested before the period began', () => {
    const start = { received: '2026-11-02' };
    expect(() => dueFrom(statutory, 'acceptanceRuling', start, calendars, [{ from: '2026-11-18', to: '2026-11-12' }])).toThrow(/excluded\[0\]|早于要求补充之日/);
    expect(() => dueFrom(statutory, 'acceptanceRuling', start, calendars, [{ from: '2026-10-30', to: '2026-11-05' }])).toThrow(/早于期间起算之日/);
  });

  it('a request after the period ended does not revive it', () => {
    expect(cstIso(dueFrom(statutory, 'acceptanceRuling', { received: '2026-11-02' }, calendars, [{ from: '2026-12-03', to: '2026-12-10' }]).dueMs))
      .toBe(endOf('2026-12-02'));
  });

  it('a request on the last day moves the end to the day of supply', () => {
    expect(cstIso(dueFrom(statutory, 'acceptanceRuling', { received: '2026-11-02' }, calendars, [{ from: '2026-12-02', to: '2026-12-04' }]).dueMs))
      .toBe(endOf('2026-12-04'));
  });
});

describe('compressed clocks count elapsed time from the act\'s instant', () => {
  const t0 = Date.parse('2026-11-20T10:00+08:00');
  it('training: one statutory day is one minute', () => {
    expect(dueFrom(training, 'appealWindow', { served: t0 }, []).dueMs).toBe(t0 + 10 * 60_000);
    expect(dueFrom(training, 'preservationRulingUrgent', { applied: t0 }, []).dueMs).toBe(t0 + 2 * 60_000);
    expect(dueFrom(training, 'acceptanceRuling', { received: t0 }, [], [{ from: '2026-11-21', to: '2026-11-24' }]).dueMs).toBe(t0 + 33 * 60_000);
  });
  it('compressed: 100 ms a day, never provisional', () => {
    expect(dueFrom(compressed, 'acceptanceRuling', { received: t0 }, [])).toEqual({ dueMs: t0 + 3000, provisional: false });
  });
});

describe('posting time (民事诉讼法 art. 85: 诉讼文书在期满前交邮的，不算过期)', () => {
  const due = dueFrom(statutory, 'appealWindow', { served: '2026-11-20' }, calendars);

  it('an appeal filed on the last day is in time', () => {
    expect(filingTimeliness({ document: '上诉状', filedOn: '2026-11-30', due })).toMatchObject({ timely: true, decidedBy: 'filed' });
  });

  it('an appeal posted on the last day and arriving later is in time, and says why with the dates', () => {
    const answer = filingTimeliness({ document: '上诉状', filedOn: '2026-12-03', postedOn: '2026-11-30', due });
    expect(answer).toMatchObject({ timely: true, decidedBy: 'posted' });
    expect(answer.reason).toContain('上诉状于2026-11-30交邮');
    expect(answer.reason).toContain('2026-12-03送达法院');
    expect(answer.reason).toContain('民事诉讼法第八十五条');
  });

  it('an appeal filed the day after, not posted, is late, with both dates named', () => {
    const answer = filingTimeliness({ document: '上诉状', filedOn: '2026-12-01T09:30+08:00', due });
    expect(answer).toMatchObject({ timely: false, decidedBy: 'filed' });
    expect(answer.reason).toMatch(/上诉状于2026-12-01 09:30提交，已超过期限（2026-11-30届满）/);
  });

  it('an appeal posted after the last day is late', () => {
    const answer = filingTimeliness({ document: '上诉状', postedOn: '2026-12-01', filedOn: '2026-12-02', due });
    expect(answer).toMatchObject({ timely: false, decidedBy: 'posted' });
    expect(answer.reason).toContain('于2026-12-01交邮');
  });

  it('a postmark of the last day meets an hour period that ended earlier that day', () => {
    const urgent = dueFrom(statutory, 'preservationRulingUrgent', { applied: '2025-03-04T21:00+08:00' }, calendars);
    expect(filingTimeliness({ document: '补充材料', postedOn: '2025-03-06', due: urgent }).timely).toBe(true);
    expect(filingTimeliness({ document: '补充材料', filedOn: '2025-03-06T22:00+08:00', due: urgent }).timely).toBe(true);
    expect(filingTimeliness({ document: '补充材料', filedOn: '2025-03-06T22:01+08:00', due: urgent }).reason).toContain('2025-03-06 22:00届满');
  });

  it('refuses a filing with no date, and a posting after arrival', () => {
    expect(() => filingTimeliness({ document: '异议书', due })).toThrow(/提交日期或交邮日期/);
    expect(() => filingTimeliness({ document: '异议书', filedOn: '2026-11-25', postedOn: '2026-11-26', due })).toThrow(/postedOn|晚于提交日期/);
  });
});

describe('a legal date as a clerk records it', () => {
  const nowMs = Date.parse('2026-11-30T15:00+08:00');
  const rules = { nowMs, maxBackdatingDays: 90 };

  it('accepts today, an earlier day, and an instant already past', () => {
    expect(checkLegalDate('servedOn', '2026-11-30', rules)).toEqual({ date: '2026-11-30', instantMs: undefined });
    expect(checkLegalDate('servedOn', '2026-11-20', { ...rules, notBefore: { field: 'ruledOn', moment: '2026-11-18' } }).date).toBe('2026-11-20');
    expect(checkLegalDate('takenAt', '2026-11-30T14:59+08:00', rules).instantMs).toBe(Date.parse('2026-11-30T14:59+08:00'));
  });

  it.each<[string, string, Partial<Parameters<typeof checkLegalDate>[2]>, RegExp]>([
    ['a date in the future (issue 13: servedOn 2099 was accepted)', '2099-01-01', {}, /servedOn：2099-01-01晚于当前时间.*is in the future/],
    ['tomorrow', '2026-12-01', {}, /晚于当前时间/],
    ['an instant later today', '2026-11-30T16:00+08:00', {}, /2026-11-30 16:00晚于当前时间/],
    ['a date beyond the back-dating window', '2026-08-31', {}, /早于可补录的最早日期2026-09-01（90日内）/],
    ['a service before the ruling it serves', '2026-11-17', { notBefore: { field: 'ruledOn', moment: '2026-11-18' } }, /servedOn：2026-11-17早于ruledOn（2026-11-18）/],
    ['not a date', '30/11/2026', {}, /servedOn：应为日期/],
  ])('refuses %s, naming the field', (_case, moment, extra, message) => {
    expect(() => checkLegalDate('servedOn', moment, { ...rules, ...extra })).toThrow(message);
  });

  it('a freeze taken before the ruling was recorded is fine when its legal date follows the ruling\'s (issue 13: 2025-12-01)', () => {
    expect(checkLegalDate('takenOn', '2025-12-01', { nowMs: Date.parse('2026-01-10T10:00+08:00'), maxBackdatingDays: 90, notBefore: { field: 'ruledOn', moment: '2025-11-28' } }).date)
      .toBe('2025-12-01');
  });
});
