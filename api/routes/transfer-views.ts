// What one caller may see of a transfer and do next: the status query narrowed for a party to
// their own position (执行公开 stops at other creditors), and the next actions as the workflow's own
// validators would judge them now.
import { ApplicationFailure } from '@temporalio/common';
import type {
  AppealInput, CorrectionInput, CreditorNoticeInput, SupervisionOrderInput, SupervisionRequestInput,
} from '../schemas/transfer-around';
import type {
  BankruptcyDeclarationInput, ConsentReplyInput, ConsentServiceInput, DismissalInput, HandOverInput, MaterialRequestInput, MaterialSupplyInput, ObjectionInput,
  ObjectionRulingInput, ReturnInput, ServiceInput,
} from '../schemas/transfer';
import type { Actor } from '../../workflows/shared/actor';
import type { AppealRecord, AroundState } from '../../workflows/transfer/around-state';
import * as av from '../../workflows/transfer/around-validators';
import { actionLabels, actionStages, type TransferAction } from '../../workflows/transfer/stages';
import { ownershipPassed, type TransferAct, type TransferStatus } from '../../workflows/transfer/state';
import * as v from '../../workflows/transfer/validators';

export interface AllowedAction {
  action: string;
  label: string;
}

/** Each a call of the workflow's validator with one input the recorded state makes possible. */
type Probe = (ctx: v.ValidationContext, actor: Actor, status: TransferStatus) => Array<() => void>;

const everyParty = (status: TransferStatus) => status.parties.map((p) => p.partyId);
const heldItems = (status: TransferStatus) => status.property.filter((p) => !ownershipPassed(p)).map((p) => p.itemId);

/**
 * Validators whose refusal the recorded state decides, whatever is typed: asked with the inputs the
 * state allows (which party, request, item or grounds; every party served, every held item listed),
 * the action is offered when one of them passes. Every other action — its validator weighs what the
 * caller brings (screening evidence, documents, which party answers) — is probed by the check all
 * validators start with (`permitted`: permission table, suspension, stage).
 */
const stateOnlyValidators: Partial<Record<TransferAction, Probe>> = {
  // In review, only an applicant asked late (its own reply period) may still reply.
  'transfer.recordConsent': (ctx, actor, status) => status.consents.map((c) => () => v.validateConsentReply(ctx, { actor, partyId: c.partyId, consents: false } as ConsentReplyInput)),
  // While some party asked with the request has neither been served nor replied.
  'transfer.recordConsentService': (ctx, actor, status) => status.consents.map((c) => () => v.validateConsentService(ctx, { actor, partyIds: [c.partyId] } as ConsentServiceInput)),
  // The higher court joins the process only for its own order; the validator knows which court that is.
  'transfer.recordSupervisionOrder': (ctx, actor) => [() => av.validateSupervisionOrder(ctx, { actor } as SupervisionOrderInput)],
  'transfer.recordCreditorNotice': (ctx, actor) => [() => av.validateCreditorNotice(ctx, { actor } as CreditorNoticeInput)],
  'transfer.declareBankruptcy': (ctx, actor) => [() => v.validateDeclaration(ctx, { actor } as BankruptcyDeclarationInput)],
  // Only once the acceptance is served; ruling number and reasons are the judge's to bring.
  'transfer.dismissAfterAcceptance': (ctx, actor) => [() => v.validateDismissal(ctx, { actor, rulingNumber: '-', reasons: '-' } as DismissalInput)],
  'transfer.requestMaterial': (ctx, actor) => [() => v.validateMaterialRequest(ctx, { actor } as MaterialRequestInput)],
  // Not again once served.
  'transfer.recordService': (ctx, actor, status) => [
    () => v.validateService(ctx, { actor, document: 'decision', servedPartyIds: everyParty(status) } as ServiceInput),
  ],
  'transfer.recordRulingService': (ctx, actor, status) => [
    () => v.validateService(ctx, { actor, document: 'ruling', servedPartyIds: everyParty(status) } as ServiceInput),
  ],
  // A party only for itself (and once at a time); the court's staff for any party.
  'transfer.raiseObjection': (ctx, actor, status) => (actor.role === 'party' ? [actor.partyId!] : everyParty(status))
    .map((partyId) => () => v.validateObjection(ctx, { actor, partyId } as ObjectionInput)),
  'transfer.ruleOnObjection': (ctx, actor, status) => (status.objections ?? []).map((o) => () => v.validateObjectionRuling(ctx, { actor, objectionId: o.objectionId } as ObjectionRulingInput)),
  'transfer.supplyMaterial': (ctx, actor, status) => status.materialRequests.map((r) => () => v.validateMaterialSupply(ctx, { actor, requestId: r.requestId } as MaterialSupplyInput)),
  // Only once the acceptance ruling is served, and only once.
  'transfer.recordHandOver': (ctx, actor, status) => [() => v.validateHandOver(ctx, {
    actor, items: heldItems(status).map((itemId) => ({ itemId, to: 'bankruptcy_court' })), seizures: [], enforcementCosts: [],
  } as HandOverInput)],
  // Only once the rejection has taken effect.
  'transfer.recordReturn': (ctx, actor, status) => [() => v.validateReturn(ctx, { actor, itemIds: heldItems(status), materialReturned: true } as ReturnInput)],
  // Filing only after the rejection is served and within the window; the decision only on a filed appeal.
  'transfer.recordAppeal': (ctx, actor, status) => [
    ...everyParty(status).slice(0, 1).map((appellantPartyId) => () => av.validateAppeal(ctx, { actor, step: 'filed', appellantPartyId } as AppealInput)),
    () => av.validateAppeal(ctx, { actor, step: 'decided' } as AppealInput),
  ],
  // Package refused while not docketed, or the 30-day review overdue (the deadlines the status shows are the workflow's open ones).
  'transfer.requestSupervision': (ctx, actor, status) => (['package_refused', 'review_overdue'] as const)
    .map((grounds) => () => av.validateSupervisionRequest(ctx, { actor, grounds } as SupervisionRequestInput, status.deadlines)),
  'transfer.correctRecord': (ctx, actor, status) => status.history.slice(0, 1).map((act) => () => av.validateCorrection(ctx, { actor, correctsSeq: act.seq } as CorrectionInput)),
};

function wouldPass(probe: () => void): boolean {
  try {
    probe();
    return true;
  } catch (err) {
    if (err instanceof ApplicationFailure) return false;
    throw err;
  }
}

/** The actions the workflow would not refuse this actor now (while suspended: only resume and correct). */
export function allowedActions(actor: Actor, status: TransferStatus): AllowedAction[] {
  const ctx: v.ValidationContext = { state: { ...status, notices: [] }, scope: status.scope, repliesOpen: true };
  const probesOf = (action: TransferAction) => stateOnlyValidators[action]?.(ctx, actor, status) ?? [() => v.permitted(ctx, actor, action)];
  return (Object.keys(actionStages) as TransferAction[])
    .filter((action) => probesOf(action).some(wouldPass))
    .map((action) => ({ action, label: actionLabels[action] }));
}

/** An appeal as a creditor sees it: that one was filed and when, not who filed it unless it did. */
type SeenAppeal = Omit<AppealRecord, 'filed'> & { filed?: Omit<NonNullable<AppealRecord['filed']>, 'appellantPartyId'> & { appellantPartyId?: string } };
export type TransferView = Omit<TransferStatus, 'around'> & { around?: Omit<AroundState, 'appeal'> & { appeal?: SeenAppeal } };

interface Position {
  own: string;
  caseNumbers: Set<string>;
  /** Ids and names of every other creditor: none of them may reach this party. */
  others: string[];
}

const ownIds = (ids: unknown, p: Position) => (Array.isArray(ids) ? ids.filter((id) => id === p.own) : ids);

function seenRow<R extends { creditorIds: string[]; caseNumber?: string }>(row: R, p: Position): R | undefined {
  if (row.creditorIds.length === 0 && !row.caseNumber) return row;
  return row.creditorIds.includes(p.own) ? { ...row, creditorIds: [p.own] } : undefined;
}

function seenRows<R extends { creditorIds: string[]; caseNumber?: string }>(rows: R[], p: Position): R[] {
  return rows.map((r) => seenRow(r, p)).filter((r): r is R => r !== undefined);
}

/** Whether a value holds another creditor's id or name anywhere (the net under the rules below). */
function namesAnother(value: unknown, p: Position): boolean {
  if (typeof value === 'string') return p.others.some((other) => value === other || (other.length >= 4 && value.includes(other)));
  if (Array.isArray(value)) return value.some((item) => namesAnother(item, p));
  if (value && typeof value === 'object') return Object.values(value).some((item) => namesAnother(item, p));
  return false;
}

/** One recorded act as this creditor may see it, or undefined when it is about someone else. */
function seenAct(act: TransferAct, p: Position): TransferAct | undefined {
  const d = act.details;
  if (!d) return namesAnother(act, p) ? undefined : act;
  if (d.partyId !== undefined && d.partyId !== p.own) return undefined;
  if (typeof d.caseNumber === 'string' && !p.caseNumbers.has(d.caseNumber)) return undefined;
  const details: Record<string, unknown> = { ...d };
  for (const key of ['partyIds', 'servedPartyIds', 'creditorIds']) if (key in details) details[key] = ownIds(details[key], p);
  if (Array.isArray(details.cases)) details.cases = details.cases.filter((c) => p.caseNumbers.has(String(c)));
  if (Array.isArray(details.order)) details.order = seenRows(details.order as { creditorIds: string[]; caseNumber?: string }[], p);
  if (details.appellantPartyId !== undefined && details.appellantPartyId !== p.own) delete details.appellantPartyId;
  const seen = { ...act, details };
  return namesAnother(seen, p) ? undefined : seen;
}

function seenAround(around: AroundState | undefined, visibleSeqs: Set<number>, p: Position): TransferView['around'] {
  if (!around) return undefined;
  const { appeal, knownCreditors, distribution } = around;
  const filed = appeal?.filed;
  return {
    ...around,
    appeal: appeal && {
      ...appeal,
      filed: filed && (filed.appellantPartyId === p.own ? filed : (({ appellantPartyId: _other, ...rest }) => rest)(filed)),
    },
    knownCreditors: knownCreditors && { ...knownCreditors, partyIds: knownCreditors.partyIds.filter((id) => id === p.own) },
    distribution: distribution && { ...distribution, rows: seenRows(distribution.rows, p) },
    corrections: around.corrections.filter((c) => visibleSeqs.has(c.corrects) && !namesAnother(c, p)),
  };
}

/** Court staff and the debtor see the whole transfer; a creditor is narrowed to its own position (visibleTo). */
export function seesWholeTransfer(actor: Actor, debtorPartyId: string): boolean {
  return actor.role !== 'party' || actor.partyId === debtorPartyId;
}

/**
 * A creditor sees its own cases, its own consent, its own place among the creditors (distribution
 * order, known creditors) and the acts that concern it; the debtor and court staff see everything.
 */
export function visibleTo(actor: Actor, status: TransferStatus): TransferView {
  if (seesWholeTransfer(actor, status.debtorPartyId)) return status;
  const own = actor.partyId!;
  const cases = status.cases.filter((c) => c.applicantIds.includes(own)).map((c) => ({ ...c, applicantIds: [own] }));
  const caseNumbers = new Set(cases.map((c) => c.caseNumber));
  const others = status.parties.filter((x) => x.partyId !== own && x.kind !== 'debtor').flatMap((x) => [x.partyId, x.name]);
  const p: Position = { own, caseNumbers, others };
  const history = status.history.map((act) => seenAct(act, p)).filter((act): act is TransferAct => act !== undefined);
  const visibleSeqs = new Set(history.map((act) => act.seq));
  return {
    ...status,
    cases,
    parties: status.parties.filter((x) => x.partyId === own || x.kind === 'debtor')
      .map((x) => ({ ...x, caseNumbers: x.caseNumbers.filter((n) => caseNumbers.has(n)) })),
    consents: status.consents.filter((c) => c.partyId === own),
    ...(status.objections ? { objections: status.objections.filter((o) => o.partyId === own) } : {}),
    property: status.property.filter((x) => caseNumbers.has(x.caseNumber)),
    history: history.filter((act) => act.action !== 'correctRecord' || visibleSeqs.has(Number(act.details?.corrects))),
    around: seenAround(status.around, visibleSeqs, p),
    scope: { ...status.scope, partyIds: [own] },
  };
}
