// Starting a transfer: one workflow per debtor, `transfer-<credit code>`. Starting again while it
// runs joins the new cases to it. The law's "no second transfer" (GO art. 19) is held twice: by
// the debtor's bar in PostgreSQL (`transfer_bars`, written when a rejection takes effect or
// bankruptcy is declared), checked first, which outlives Temporal's retention of the closed run;
// and by the ID reuse policy, which refuses a new run while the completed one is still kept.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import type pg from 'pg';
import { findTransferBar, type TransferBar } from '../../activities/transfer/bars';
import { cstDateOf } from '../../workflows/clock/cst';
import type { StatuteProfile } from '../../workflows/clock/statute-profile';
import { courtKey, processKindKey, stageKey } from '../../workflows/search-attributes';
import type { Actor } from '../../workflows/shared/actor';
import { addCaseUpdate } from '../../workflows/transfer/messages';
import type { transferWorkflow } from '../../workflows/transfer/workflow';
import { ApiError } from '../http/errors';
import { withRefusalsMapped } from '../http/temporal-calls';
import type { TransferInput, TransferTrigger } from '../schemas/transfer';

export const transferWorkflowId = (creditCode: string): string => `transfer-${creditCode}`;

export interface StartTransferDeps {
  client: Client;
  taskQueue: string;
  profile: StatuteProfile;
  /** WORKFLOW_HISTORY_EVENT_LIMIT: history events after which a run continues as new. */
  historyEventLimit?: number;
  /** Where the debtors' bars are read (the API's pool). */
  bars: Pick<pg.Pool, 'query'>;
}

export type StartedTransfer = { workflowId: string; created: boolean };

const barReasons: Record<TransferBar['reason'], { zh: string; en: string }> = {
  rejection_effective: { zh: '不予受理裁定已生效', en: 'the ruling not to accept took effect' },
  dismissal_effective: { zh: '受理后驳回申请的裁定已生效', en: 'the dismissal of the application after acceptance took effect' },
  bankruptcy_declared: { zh: '已宣告破产', en: 'the debtor was declared bankrupt' },
};

/** The 409 for a debtor whose transfer has run its course; names the ruling and its CST date when the bar is recorded. */
export function transferBarred(creditCode: string, bar?: TransferBar): ApiError {
  const why = bar && { ...barReasons[bar.reason], ruling: `${bar.rulingNumber}，${cstDateOf(Date.parse(bar.barredAt))}` };
  const zh = why ? `${why.zh}（${why.ruling}）` : '不予受理后已退回或已受理';
  const en = why ? `${why.en}: ${why.ruling}` : 'it has already run its course';
  return new ApiError(409, {
    error: 'TransferBarred',
    message: `被执行人${creditCode}的执行转破产已经终结（${zh}），不得再次移送；当事人仍可直接向人民法院申请破产（指导意见第十九条） `
      + `(a transfer for this debtor cannot start again, ${en}; a party may still file for bankruptcy directly)`,
  });
}

export async function startTransfer(deps: StartTransferDeps, trigger: TransferTrigger, actor: Actor): Promise<StartedTransfer> {
  const workflowId = transferWorkflowId(trigger.creditCode);
  const bar = await findTransferBar(deps.bars, trigger.creditCode);
  if (bar) throw transferBarred(trigger.creditCode, bar);
  const input: TransferInput = {
    ...trigger, homeCourt: actor.court!, triggeredBy: actor, profile: deps.profile,
    ...(deps.historyEventLimit ? { historyEventLimit: deps.historyEventLimit } : {}),
  };
  try {
    await deps.client.workflow.start<typeof transferWorkflow>('transferWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: processKindKey, value: 'transfer' },
        { key: stageKey, value: 'triggered' },
        { key: courtKey, value: [actor.court!] },
      ]),
    });
    return { workflowId, created: true };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const handle = deps.client.workflow.getHandle(workflowId);
  const { status } = await handle.describe();
  if (status.name !== 'RUNNING') throw transferBarred(trigger.creditCode);
  for (const c of trigger.cases) {
    await withRefusalsMapped(() => handle.executeUpdate(addCaseUpdate, { args: [{ actor, case: c }] }));
  }
  return { workflowId, created: false };
}
