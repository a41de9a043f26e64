// Issue 12, an Idempotency-Key repeated after continue-as-new. The API turns the key into an Update
// ID (api/http/temporal-calls.ts `updateIdFor`); Temporal answers a repeated Update ID with the first
// outcome only within the run that took it. A client whose first request got a 503 and which repeats
// it after the process handed over to a new run must still get the first answer, and nothing may be
// recorded twice: the act ledger carries recent Update IDs with their answers (workflows/shared/acts.ts).
// Another act comes between the two, so the ledger's repeat of a person's last act does not apply.
// Without the carried IDs, the repeated screening is refused ("stage is consent") and the ruling too.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferInput } from '../../api/schemas/transfer';
import { recordConsentUpdate, recordScreeningUpdate } from '../../workflows/transfer/messages';
import { consultUpdate, ruleUpdate } from '../../workflows/preservation/messages';
import { retryUnprocessedUpdates } from '../../api/http/temporal-calls';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { actors, courts, enforcementCase, newCreditCode, profile, screening, triggerFor, waitForStage } from '../fixtures/transfer';
import { application, eventually, judge, officer, startPreservation } from '../fixtures/preservation';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { replayLiveHistories } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

// A new run after every act and every consequence of a timer (as continue-as-new.test.ts does).
const everyRun = { historyEventLimit: 1 };

/** Resolves with the run that follows `runId` once the workflow has continued as new. */
async function nextRun(handle: WorkflowHandle, runId: string): Promise<string> {
  return eventually(async () => {
    const current = (await handle.describe()).runId;
    return current !== runId ? current : undefined;
  }, 60_000);
}

const auditCount = async (processId: string, action: string) => (await h.db.pool.query<{ n: number }>(
  'select count(*)::int as n from audit_trail where process_id = $1 and action = $2', [processId, action])).rows[0]!.n;

describe('an act repeated with its Update ID after continue-as-new (issue 12)', () => {
  it('a transfer answers the repeated screening with the first answer and records it once', async () => {
    const code = newCreditCode();
    // 5 s a day: no deadline falls due while a loaded machine drives it.
    const input: TransferInput = {
      ...triggerFor(code, [enforcementCase(courts.enforcement, ['s1'])]), homeCourt: courts.enforcement, triggeredBy: actors.officer,
      profile: profile(5000), ...everyRun,
    };
    const started = await h.client.workflow.start('transferWorkflow', { taskQueue: h.taskQueue, workflowId: `transfer-${code}`, args: [input] });
    const handle = h.client.workflow.getHandle(started.workflowId);
    await waitForStage(handle, 'screening');
    const updateId = `idem-test-${code}`;
    const send = () => retryUnprocessedUpdates(() => handle.executeUpdate(recordScreeningUpdate, { args: [{ actor: actors.officer, ...screening }], updateId }));
    const runBefore = (await handle.describe()).runId;
    const first = await send();
    expect(first.stage).toBe('consent');
    // The run that took it hands over; the creditor's consent is recorded in a later run, and the
    // repeat reaches a run that never saw that Update ID.
    const second = await nextRun(handle, runBefore);
    await retryUnprocessedUpdates(() => handle.executeUpdate(recordConsentUpdate, {
      args: [{ actor: actors.party('s1'), partyId: 's1', consents: true, documentRef: 'doc:consent-s1' }],
    }));
    await nextRun(handle, second);
    const repeated = await send();
    expect(repeated).toEqual(first);
    expect(await auditCount(handle.workflowId, 'recordScreening')).toBe(1);
    expect((await waitForStage(handle, 'consent')).history.filter((a) => a.action === 'recordScreening')).toHaveLength(1);
  });

  it('a preservation answers the repeated ruling with the first answer and records it once; its runs replay', async () => {
    const longRuling: StatuteProfile = {
      ...compressed, periods: { ...compressed.periods, preservationRuling: { ...compressed.periods.preservationRuling, amount: 1000, unit: 'days' } },
    };
    const { handle: started, preservationId } = await startPreservation(h.client, h.taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初131号', security: undefined }), undefined, longRuling, everyRun);
    const handle = h.client.workflow.getHandle(started.workflowId);
    const updateId = `idem-test-${preservationId}`;
    const send = () => retryUnprocessedUpdates(() => handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }], updateId }));
    const runBefore = (await handle.describe()).runId;
    const first = await send();
    expect(first.stage).toBe('in_force');
    const second = await nextRun(handle, runBefore);
    await retryUnprocessedUpdates(() => handle.executeUpdate(consultUpdate, { args: [{ actor: officer, consultationId: 'q1', question: '被申请人账户范围' }] }));
    await nextRun(handle, second);
    expect(await send()).toEqual(first);
    expect(await auditCount(preservationId, 'preservation.grant')).toBe(1);
    const runs: string[] = [];
    for await (const run of h.client.workflow.list({ query: `WorkflowId = '${preservationId}'` })) runs.push(run.runId);
    expect(await replayLiveHistories([preservationId], runs)).toEqual(runs.map((r) => ({ file: `${preservationId}-${r}.json` })));
  });
});
