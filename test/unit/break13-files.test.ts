// Outside break probes for issue 13: the calendar loader, the statute profile file and the API's date door.
import { describe, expect, it } from 'vitest';
import { parseCalendar } from '../../infra/calendar/load';
import { validateStatuteProfile } from '../../infra/statute-profile';
import { legalDateSchema } from '../../api/schemas/legal-date';

const holidays2027 = ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02',
  '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'];
const substitutes2027 = ['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05'];
const valid = { year: 2027, source: '国办发明电〔2026〕X号, 2026-11-01', rest: [...holidays2027, ...substitutes2027, '2027-02-11'].sort(), work: ['2027-01-02'] };
const calendarRefusal = (data: unknown) => { try { parseCalendar('2027.json', data); return 'accepted'; } catch (e) { return (e as Error).message; } };
const profileRefusal = (data: unknown) => { try { validateStatuteProfile('court.json', data); return 'accepted'; } catch (e) { return (e as Error).message; } };
// The field's line after the file header: "<field>: <message>".
const lineFor = (message: string, field: string) => message.split('\n').find((l) => l.startsWith(`${field}:`)) ?? message;

describe('break13: calendar:load refusals are Chinese-first for every field (README: naming the field in Chinese and English)', () => {
  it.each([
    ['(file)', { ...valid, yaer: 2027 }],
    ['year', { ...valid, year: '2027' }],
    ['work', (({ work: _w, ...v }) => v)(valid)],
    ['rest[20]', { ...valid, rest: [...valid.rest, 20270707] }],
  ])('C1: %s', (field, data) => {
    const line = lineFor(calendarRefusal(data), field);
    expect(line).toMatch(/^[^:]+: [\u4e00-\u9fff]/u);
  });

  it('C2: a notice that makes all of July 2027 days off (no swap, no festival) is refused: a notice adds only 调休', () => {
    const july = Array.from({ length: 31 }, (_, i) => `2027-07-${String(i + 1).padStart(2, '0')}`);
    expect(calendarRefusal({ ...valid, rest: [...valid.rest, ...july] })).not.toBe('accepted');
  });
});

describe('break13: statute profile file', () => {
  it('P1: a postal margin of 3650 days (the rejection would wait ten years to take effect) is refused or bounded', () => {
    expect(profileRefusal({ name: 'x', postalMargin: { amount: 3650, unit: 'days' } })).not.toBe('accepted');
  });
  it('P2: a back-dating window of 100000 days is refused or bounded', () => {
    expect(profileRefusal({ name: 'x', backdatingWindow: { amount: 100000, unit: 'days' } })).not.toBe('accepted');
  });
});

describe('break13: the API date door', () => {
  it.each(['2026-11-20T24:00+08:00', '2026-11-20T10:00+23:59'])('D1: %s (hour 24 / a +23:59 offset) is refused as malformed', (value) => {
    expect(legalDateSchema('servedOn').safeParse(value).success).toBe(false);
  });
  it('D2: a date before 1949-10-01 is refused without a meaningless back-dating window count', () => {
    const r = legalDateSchema('送达日期').safeParse('1899-01-01');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).not.toMatch(/\d{4,}日内/);
  });
});
