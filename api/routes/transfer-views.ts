// What one caller may see of a transfer and do next: the status query narrowed for a party to
// their own cases (执行公开), and the next actions from the stage machine × the permission table.
import type { Actor } from '../../workflows/shared/actor';
import { authorize } from '../../workflows/shared/permissions';
import { actionLabels, actionsOpenIn } from '../../workflows/transfer/stages';
import type { TransferStatus } from '../../workflows/transfer/state';

export interface AllowedAction {
  action: string;
  label: string;
}

export function allowedActions(actor: Actor, status: TransferStatus): AllowedAction[] {
  return actionsOpenIn(status.stage)
    .filter((action) => authorize(actor, action, status.scope).allowed)
    .map((action) => ({ action, label: actionLabels[action] }));
}

/** A party sees its own cases, its own consent and acts that concern it; court staff see everything. */
export function visibleTo(actor: Actor, status: TransferStatus): TransferStatus {
  if (actor.role !== 'party' || actor.partyId === status.debtorPartyId) return status;
  const own = actor.partyId!;
  const cases = status.cases.filter((c) => c.applicantIds.includes(own));
  const caseNumbers = new Set(cases.map((c) => c.caseNumber));
  return {
    ...status,
    cases,
    parties: status.parties.filter((p) => p.partyId === own || p.kind === 'debtor'),
    consents: status.consents.filter((c) => c.partyId === own),
    property: status.property.filter((p) => caseNumbers.has(p.caseNumber)),
    history: status.history.filter((act) => {
      const about = act.details?.partyId;
      return about === undefined || about === own;
    }),
    scope: { ...status.scope, partyIds: [own] },
  };
}
