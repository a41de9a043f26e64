// The daily expiry sweep: its Schedule (catch-up window, overlap skip), triggered on a real
// Temporal server, writes one digest per court supervisor and per handling officer, once a day.
//
// What a digest says depends on how far the sweep's clock has run past each measure, so the test
// runs under a profile where the answer cannot change while a busy machine catches up: a day lasts
// 10 s, the freeze (19 days) is inside its first reminder (20 days) from the moment it is taken and
// stays before its renewal lead (7 days) for 12 days = 120 s, longer than the test may run; the house
// (50 days) enters the window only after 30 days = 300 s. No sleep: nothing waits for time to pass.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statuteProfileFor } from '../../infra/statute-profile';
import { ensureExpirySweepSchedule } from '../../infra/schedules/expiry-sweep';
import { recordMeasureUpdate, ruleUpdate } from '../../workflows/preservation/messages';
import type { ExpirySweepResult } from '../../workflows/preservation/sweep';
import type { TestDatabase } from '../support/database';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, court, eventually, officer, startPreservation } from '../fixtures/preservation';

const days = (amount: number) => ({ amount, unit: 'days', article: 'sweep test' });
const profileFile = join(mkdtempSync(join(tmpdir(), 'courtrelay-sweep-')), 'profile.json');
writeFileSync(profileFile, JSON.stringify({
  name: 'sweep-test',
  clock: { mode: 'compressed', msPerDay: 10_000 },
  measureLifetime: { bank_deposit: days(19), real_estate: days(50) },
  renewalLead: days(7),
  measureReminders: [days(20), days(10)],
}));
const config = testConfig({ STATUTE_PROFILE_FILE: profileFile });
const profile = statuteProfileFor(config);
let h: WorkerHarness;
let db: TestDatabase;
let client: Client;

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  ({ db, client } = h);
});

afterAll(() => h?.stop());

async function sweepRun(scheduleId: string, runsBefore: number): Promise<ExpirySweepResult> {
  const handle = client.schedule.getHandle(scheduleId);
  const workflowId = await eventually(async () => {
    const { info } = await handle.describe();
    return info.recentActions.length > runsBefore ? info.recentActions.at(-1)!.action.workflow.workflowId : undefined;
  }, 60_000);
  return client.workflow.getHandle(workflowId).result() as Promise<ExpirySweepResult>;
}

describe('daily expiry sweep', () => {
  it('is scheduled daily with catch-up and overlap skip; a run writes per-recipient digests once per day', async () => {
    const scheduleId = await ensureExpirySweepSchedule(client, config);
    expect(await ensureExpirySweepSchedule(client, config)).toBe(scheduleId);
    const schedule = client.schedule.getHandle(scheduleId);
    try {
      const description = await schedule.describe();
      expect(description.policies.overlap).toBe('SKIP');
      expect(description.policies.catchupWindow).toBe(7 * 24 * 3_600_000);
      expect(description.spec.timezone).toBe('Asia/Shanghai');
      expect(description.action).toMatchObject({ workflowType: 'preservationExpirySweep', taskQueue: config.TEMPORAL_TASK_QUEUE });

      const { handle, preservationId } = await startPreservation(
        client, config.TEMPORAL_TASK_QUEUE, application({ kind: 'in_suit', caseNumber: '(2026)京0105民初5号', security: undefined }), clerk, profile,
      );
      await handle.executeUpdate(ruleUpdate, { args: [{ actor: { ...clerk, userId: 'judge-5', role: 'trial_judge' }, decision: 'granted', reason: '准许' }] });
      await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'freeze', kind: 'bank_deposit', asset: '账户 6222…', location: '工商银行朝阳支行', rank: 1 }] });
      await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'house', kind: 'real_estate', asset: '不动产', location: '朝阳区', rank: 1 }] });
      // The freeze is in its 20-day window and before its 7-day renewal lead; the house is not in the window.

      await schedule.trigger();
      const first = await sweepRun(scheduleId, 0);
      expect(first.measures).toBe(1);
      expect(first.digestsWritten).toBe(2);
      const { rows } = await db.pool.query('select recipient, recipient_role, court, items from reminder_digests where sweep_date = $1 order by recipient', [first.sweepDate]);
      expect(rows.map((r) => [r.recipient, r.recipient_role, r.court])).toEqual([
        ['officer:officer-1', 'enforcement_officer', court], [`supervisor:${court}`, 'supervisor', court],
      ]);
      expect(rows[0].items).toEqual([expect.objectContaining({ preservationId, measureId: 'freeze', status: 'renewal_due' })]);
      expect(rows[1].items).toEqual(rows[0].items);

      await schedule.trigger();
      const second = await sweepRun(scheduleId, 1);
      expect(second.sweepDate).toBe(first.sweepDate);
      expect(second.digestsWritten).toBe(0);
      expect((await db.pool.query('select count(*)::int as n from reminder_digests')).rows[0].n).toBe(2);
    } finally {
      await schedule.delete();
    }
  });
});
