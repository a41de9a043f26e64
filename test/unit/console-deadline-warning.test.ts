// 期限预警 colours of the console's 待办 (api/console/deadline-warning.ts).
import { describe, expect, it } from 'vitest';
import { deadlineWarning } from '../../api/console/deadline-warning';

const now = new Date('2026-11-30T12:00:00Z');
const days = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe('deadlineWarning', () => {
  it('red once due, yellow within 3 days or the last fifth of the period, green otherwise', () => {
    expect(deadlineWarning(days(-0.01), days(-10), now)).toBe('red');
    expect(deadlineWarning(days(2.9), days(-30), now)).toBe('yellow');
    expect(deadlineWarning(days(5), days(-25), now)).toBe('yellow'); // 5 of 30 days left: a sixth
    expect(deadlineWarning(days(7), days(-23), now)).toBe('green'); // 7 of 30 left: more than a fifth
    expect(deadlineWarning(days(5), null, now)).toBe('green'); // period unknown: days left alone
    expect(deadlineWarning(undefined, undefined, now)).toBe('green');
  });
});
