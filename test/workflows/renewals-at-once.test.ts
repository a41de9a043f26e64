// Renewals taken while another renewal's writes are under way (the in-suite soak's lost
// `renew:m1:2`, issue 12). Two faults met there: a copy of an officer's renewal that arrived after
// the same officer's other act was taken as a new act (the act ledger compared only a person's
// latest act), and the renewal's audit step was read after its writes, when the second renewal had
// moved the term on, so both were audited as `renew:m1:3` and the first row was lost. Each write is
// an activity; holding the deadlines table makes the first renewal wait at its first write while
// the others are taken, the order the soak met by chance. Real Temporal and PostgreSQL.
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import { recordMeasureUpdate, renewMeasureUpdate, ruleUpdate, statusQuery, type PreservationAck } from '../../workflows/preservation/messages';
import type { PreservationState } from '../../workflows/preservation/types';
import { compressed } from '../../workflows/clock/statute-profile';
import { recordHistory } from '../support/replay';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { application, clerk, court, judge, officer, startPreservation } from '../fixtures/preservation';

const taskQueue = uniqueTaskQueue('renewals');
const h = useWorkerHarness({ taskQueue });

// A day is 10 s: a bank freeze's 30 days (300 s) and its reminders stay far off while the test runs.
const slow = { ...compressed, clock: { mode: 'compressed' as const, msPerDay: 10_000 } };
const secondOfficer: Actor = { userId: 'officer-2', role: 'enforcement_officer', court };

/** A granted in-suit preservation with bank freezes `ids` in effect. */
async function withFreezes(ids: string[]): Promise<{ handle: WorkflowHandle; preservationId: string }> {
  const started = await startPreservation(h.client, taskQueue,
    application({ kind: 'in_suit', caseNumber: '(2026)京0105民初21号', security: undefined }), clerk, slow);
  await started.handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
  for (const measureId of ids) {
    await started.handle.executeUpdate(recordMeasureUpdate, {
      args: [{ actor: officer, measureId, kind: 'bank_deposit', asset: `${started.preservationId}-${measureId}`, location: '北京市朝阳区', rank: 1 }],
    });
  }
  return started;
}

/** Runs `take` while every write to the deadlines table waits, then lets the writes through. */
async function deadlineWritesHeld(take: () => Promise<void>): Promise<void> {
  const holder = await h.db.pool.connect();
  try {
    await holder.query('begin');
    await holder.query('lock table deadlines in exclusive mode');
    await take();
  } finally {
    await holder.query('rollback');
    holder.release();
  }
}

async function renewalSteps(preservationId: string): Promise<string[]> {
  const { rows } = await h.db.pool.query<{ event_key: string }>(
    "select event_key from audit_trail where process_id = $1 and action = 'preservation.renewMeasure' order by seq", [preservationId]);
  return rows.map((r) => r.event_key.slice(preservationId.length + 1)).sort();
}

const termOf = (s: PreservationState, measureId: string) => s.measures.find((m) => m.measureId === measureId)?.term;

describe('renewals at once (issue 12 soak)', () => {
  it('a copy of a renewal arriving after the same officer\'s other renewal is the same act: one renewal, its row audited', async () => {
    const { handle, preservationId } = await withFreezes(['m1', 'm3']);
    const renewM1 = { actor: officer, measureId: 'm1', note: '申请续行' };
    const accepted = { waitForStage: WorkflowUpdateStage.ACCEPTED } as const;
    const updates: Array<{ result(): Promise<PreservationAck> }> = [];
    await deadlineWritesHeld(async () => {
      updates.push(await handle.startUpdate(renewMeasureUpdate, { args: [renewM1], ...accepted }));
      updates.push(await handle.startUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'm3', note: '申请续行' }], ...accepted }));
      updates.push(await handle.startUpdate(renewMeasureUpdate, { args: [renewM1], ...accepted }));
    });
    const [first, , copy] = await Promise.all(updates.map((u) => u.result()));
    // The copy is answered with the first renewal's own answer.
    expect(copy).toEqual(first);
    const status = await handle.query(statusQuery);
    expect([termOf(status, 'm1'), termOf(status, 'm3')]).toEqual([2, 2]);
    expect(await renewalSteps(preservationId)).toEqual(['renew:m1:2', 'renew:m3:2']);
  });

  it('two officers renewing one measure at once: one renewal, the other told the renewed term has not begun', async () => {
    const { handle, preservationId } = await withFreezes(['m1']);
    const accepted = { waitForStage: WorkflowUpdateStage.ACCEPTED } as const;
    const outcomes: Array<Promise<PreservationAck>> = [];
    await deadlineWritesHeld(async () => {
      for (const actor of [officer, secondOfficer]) {
        // Refused by the validator (the first has moved the term on) or, taken at once, by the handler.
        const taken = handle.startUpdate(renewMeasureUpdate, { args: [{ actor, measureId: 'm1', note: '申请续行' }], ...accepted }).then((u) => u.result());
        taken.catch(() => {});
        outcomes.push(taken);
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    const settled = await Promise.allSettled(outcomes);
    expect(settled.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = settled.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(String(refusal.reason?.cause?.message ?? refusal.reason)).toMatch(/已续行.*无需再次续行/u);
    expect(termOf(await handle.query(statusQuery), 'm1')).toBe(2);
    expect(await renewalSteps(preservationId)).toEqual(['renew:m1:2']);
  });

  it('a renewal sent again without its key after another act is refused: the renewed term has not begun (民诉法解释 art. 485)', async () => {
    const { handle, preservationId } = await withFreezes(['m1', 'm3']);
    await handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'm1', note: '申请续行' }] });
    const renewed = (await handle.query(statusQuery)).measures.find((m) => m.measureId === 'm1')!;
    expect(renewed.term).toBe(2);
    expect(Date.parse(renewed.termStartsAt!)).toBeGreaterThan(Date.now());
    await handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'm3', note: '申请续行' }] });
    await expect(handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'm1', note: '申请续行' }] }))
      .rejects.toMatchObject({ cause: { type: 'WrongStage', message: expect.stringMatching(/^措施 m1 已续行（第2期自 .* 起至 .*），续行期间尚未开始/u) } });
    const status = await handle.query(statusQuery);
    expect([termOf(status, 'm1'), termOf(status, 'm3')]).toEqual([2, 2]);
    expect(await renewalSteps(preservationId)).toEqual(['renew:m1:2', 'renew:m3:2']);
    await handle.terminate('test over');
    // Renewals under the 'renewal-once-per-term' patch.
    await recordHistory('RECORD_PRESERVATION_HISTORIES', handle.workflowId, 'preservation-renewal-once-per-term');
  });
});
