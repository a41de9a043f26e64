import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../infra/config';
import { statuteProfileFor } from '../../infra/statute-profile';
import { statutory } from '../../workflows/clock/statute-profile';

describe('statute profile configuration', () => {
  it('uses the statutory profile by default and the compressed one on request', () => {
    expect(statuteProfileFor(parseConfig({})).periods.acceptanceRuling).toMatchObject({ amount: 30, unit: 'days' });
    expect(statuteProfileFor(parseConfig({ STATUTE_PROFILE: 'compressed' })).clock.mode).toBe('compressed');
  });

  it('every period names the article it comes from', () => {
    for (const spec of Object.values(statutory.periods)) expect(spec.article.length).toBeGreaterThan(1);
    for (const spec of Object.values(statutory.measureLifetime)) expect(spec.article).toContain('485');
  });

  it("loads a court's own profile file, validated", () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    const own = { ...statutory, name: 'court-x', periods: { ...statutory.periods, consentReply: { amount: 20, unit: 'days', article: 'court practice' } } };
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(own));
    expect(statuteProfileFor(parseConfig({ STATUTE_PROFILE_FILE: join(dir, 'ok.json') })).periods.consentReply.amount).toBe(20);

    const bad = { ...own, periods: { ...own.periods, handOver: { amount: -7, unit: 'weeks', article: '' } } };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => statuteProfileFor(parseConfig({ STATUTE_PROFILE_FILE: join(dir, 'bad.json') }))).toThrow(/periods\.handOver\.amount/);
    expect(() => statuteProfileFor(parseConfig({ STATUTE_PROFILE_FILE: join(dir, 'bad.json') }))).toThrow(/periods\.handOver\.unit/);
  });
});
