// Starting a transfer: one workflow per debtor, `transfer-<credit code>`. Starting again while it
// runs joins the new cases to it; once a run has completed (a rejected transfer ends that way, as
// does bankruptcy), the ID reuse policy refuses a new run for ever — the law's "no second
// transfer" (GO art. 19) is Temporal's rule, not an `if` here.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
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
}

export type StartedTransfer = { workflowId: string; created: boolean };

export function transferBarred(creditCode: string): ApiError {
  return new ApiError(409, {
    error: 'TransferBarred',
    message: `被执行人${creditCode}的执行转破产已经终结（不予受理后已退回或已受理），不得再次移送；当事人仍可直接向人民法院申请破产（指导意见第十九条） `
      + `(a transfer for this debtor has already run its course and cannot start again; a party may still file for bankruptcy directly)`,
  });
}

export async function startTransfer(deps: StartTransferDeps, trigger: TransferTrigger, actor: Actor): Promise<StartedTransfer> {
  const workflowId = transferWorkflowId(trigger.creditCode);
  const input: TransferInput = { ...trigger, homeCourt: actor.court!, triggeredBy: actor, profile: deps.profile };
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
