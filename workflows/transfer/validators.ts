// Update validators: small synchronous checks of identity, stage and documents. A refusal throws
// an ApplicationFailure the API maps to a 4xx with this reason, and the workflow changes nothing.
import type {
  AcceptanceInput, AddCaseInput, BankruptcyDeclarationInput, ConsentReplyInput, ConsentServiceInput, DismissalInput, HandOverInput, MaterialRequestInput,
  MaterialSupplyInput, ObjectionInput, ObjectionRulingInput, PanelReviewInput, ProposalInput, ReceiptInput, RejectionInput, ReturnInput, ScreeningInput,
  ServiceInput, SignatureInput, WithdrawConsentInput,
} from '../../api/schemas/transfer';
import { filingTimeliness, resolveLegalMoment, type FilingTimeliness, type LegalMoment } from '../clock/legal-time';
import { PeriodError } from '../clock/periods';
import type { StatuteProfile } from '../clock/statute-profile';
import type { Actor } from '../shared/actor';
import { isEnterpriseCode } from '../shared/identifiers';
import { checkActDate } from '../shared/legal-dates';
import { assertAllowed, refuse, type ProcessScope } from '../shared/permissions';
import { actionLabels, actionOpenIn, actionStages, stageLabels, type TransferAction } from './stages';
import { ownershipPassed, type TransferState } from './state';

export interface ValidationContext {
  state: TransferState;
  scope: ProcessScope;
  /** Consent replies are accepted until the reply deadline. */
  repliesOpen: boolean;
  /** Runs that take legal dates check them against the profile's back-dating window, at workflow time. */
  legalDates?: { profile: StatuteProfile; nowMs: number };
}

/** Checks an act's legal date (README "Statutory clock"): not in the future, not too far back, not before `after`. */
export function checkDate(
  ctx: ValidationContext, field: string, moment: LegalMoment | undefined, after?: { field: string; moment: LegalMoment | undefined },
): void {
  if (ctx.legalDates) checkActDate(ctx.legalDates.profile, field, moment, ctx.legalDates.nowMs, after);
}

export function permitted(ctx: ValidationContext, actor: Actor, action: TransferAction): void {
  assertAllowed(actor, action, ctx.scope);
  const suspension = ctx.state.around?.suspension;
  // A suspension stops its own court's acts only; the other court and the parties act on.
  const stopped = suspension && (suspension.court === undefined || actor.court === suspension.court);
  if (stopped && action !== 'transfer.suspendProcess' && action !== 'transfer.correctRecord') {
    refuse('WrongStage', `移送程序已由执行指挥中心暂停（${suspension.reason}），恢复前不能${actionLabels[action]} (the transfer is suspended)`);
  }
  if (!actionOpenIn(action, ctx.state.stage)) {
    const open = actionStages[action].map((s) => stageLabels[s]).join('、');
    refuse('WrongStage', `当前阶段为「${stageLabels[ctx.state.stage]}」，不能${actionLabels[action]}；该操作仅可在「${open}」阶段进行 `
      + `(stage is ${ctx.state.stage}; ${action} is open in: ${actionStages[action].join(', ')})`);
  }
}

function ownParty(actor: Actor, partyId: string): void {
  if (actor.role === 'party' && actor.partyId !== partyId) {
    refuse('ValidationFailed', `当事人只能就自己答复 (a party replies only for itself: ${actor.partyId} is not ${partyId})`);
  }
}

export function validateAddCase(ctx: ValidationContext, input: AddCaseInput): void {
  permitted(ctx, input.actor, 'transfer.addCase');
  // Joining again is harmless (a repeated trigger or a retried call): the handler changes nothing.
  if (ctx.state.cases.some((c) => c.caseNumber === input.case.caseNumber)) return;
  if (input.actor.role !== 'system' && input.actor.court !== input.case.court) {
    refuse('ValidationFailed', `只能并入本院的执行案件 (case.court ${input.case.court} is not your court ${input.actor.court ?? ''})`);
  }
  const ids = new Set(ctx.state.property.map((p) => p.itemId));
  const clash = input.case.property.filter((p) => ids.has(p.itemId));
  if (clash.length) refuse('ValidationFailed', `财产编号重复 (property itemId already used: ${clash.map((p) => p.itemId).join(', ')})`);
}

export function validateScreening(ctx: ValidationContext, input: ScreeningInput): void {
  permitted(ctx, input.actor, 'transfer.recordScreening');
  if (!input.enterpriseLegalPerson || !isEnterpriseCode(ctx.state.creditCode)) {
    refuse('ValidationFailed', `被执行人不是企业法人，不符合移送条件（指导意见第二条） (enterpriseLegalPerson: the debtor must be an enterprise legal person; code ${ctx.state.creditCode})`);
  }
  if (input.jurisdiction && input.jurisdiction.court === null && !input.receivingCourtOverride) {
    refuse('ValidationFailed', `receivingCourtOverride: ${input.jurisdiction.source}`);
  }
  const i = input.insolvency;
  if (i.unsatisfiedCases < 1 || (i.assetsFoundCents >= i.debtsCents && ctx.state.investigation.outcome !== 'none')) {
    refuse('ValidationFailed', '证据不足以认定不能清偿到期债务且资产不足以清偿全部债务或明显缺乏清偿能力（企业破产法第二条） '
      + '(insolvency: debts must exceed assets found, with at least one unsatisfied case)');
  }
}

export function validateConsentReply(ctx: ValidationContext, input: ConsentReplyInput): void {
  permitted(ctx, input.actor, 'transfer.recordConsent');
  ownParty(input.actor, input.partyId);
  if (!ctx.state.consents.some((c) => c.partyId === input.partyId)) {
    refuse('NotFound', `${input.partyId}不是本案的申请执行人或被执行人 (partyId: not asked in this transfer)`);
  }
  const askedLate = ctx.state.lateConsents?.some((r) => r.open && r.partyIds.includes(input.partyId)) ?? false;
  if (ctx.state.stage !== 'consent' && !askedLate) {
    refuse('WrongStage', `当前阶段为「${stageLabels[ctx.state.stage]}」，只有追加征询的申请执行人可在答复期限内答复 (only a late-asked applicant may reply now)`);
  }
  if (!ctx.repliesOpen && !askedLate) refuse('WrongStage', '答复期限已届满，不再接受答复 (the consent-reply period has ended)');
  if (input.consents && !input.documentRef) {
    refuse('DocumentsMissing', '同意移送须提交书面同意 (documentRef: written consent required, 民诉法解释第511条)');
  }
  // A reply answers the request: neither dated nor posted before the request was sent to this party (issue 13).
  const asked = { field: 'askedAt（征询意见发出时间）', moment: ctx.state.consents.find((c) => c.partyId === input.partyId)?.askedAt };
  checkDate(ctx, 'repliedOn', input.repliedOn, asked);
  checkDate(ctx, 'postedOn', input.postedOn, asked);
  const post = ctx.state.consentPost;
  if (post && !askedLate) {
    // After the period, only a reply dated or posted within it (still in the post) is taken.
    let timeliness: FilingTimeliness;
    try {
      timeliness = filingTimeliness({
        document: '书面意见', filedOn: input.repliedOn ?? ctx.legalDates?.nowMs ?? Date.now(), ...(input.postedOn ? { postedOn: input.postedOn } : {}),
        due: { dueMs: Date.parse(post.dueAt), provisional: false },
      });
    } catch (err) {
      if (err instanceof PeriodError) refuse('ValidationFailed', `${err.field}：${err.message}`);
      throw err;
    }
    if (!timeliness.timely) refuse('WrongStage', `${timeliness.reason}；答复期限已届满，不再接受答复 (the consent-reply period has ended)`);
  }
}

/**
 * The consent request served (GO art. 4; issue 13): on parties asked with the request whose replies
 * are still open, not yet served, not yet replied; served on or after the day the request was sent,
 * not in the future. A request sent to a late-joining case's applicants keeps its own period.
 */
export function validateConsentService(ctx: ValidationContext, input: ConsentServiceInput): void {
  permitted(ctx, input.actor, 'transfer.recordConsentService');
  if (!ctx.repliesOpen) refuse('WrongStage', '答复期限已届满，送达不再改变答复期限 (the consent-reply period has ended)');
  for (const partyId of new Set(input.partyIds)) {
    const asked = ctx.state.consents.find((c) => c.partyId === partyId);
    if (!asked) refuse('NotFound', `partyIds：${partyId}不是本案征询的申请执行人或被执行人 (partyIds: ${partyId} was not asked in this transfer)`);
    if (ctx.state.lateConsents?.some((r) => r.partyIds.includes(partyId))) {
      refuse('ValidationFailed', `partyIds：${partyId}为追加征询的当事人，其答复期限自追加征询时起算 (partyIds: ${partyId} was asked late, with its own period)`);
    }
    if (asked.servedOn) refuse('WrongStage', `partyIds：征询意见已于${asked.servedOn}送达${partyId} (already served on ${partyId})`);
    if (asked.reply !== 'pending') refuse('WrongStage', `partyIds：${partyId}已答复，无需再计答复期限 (${partyId} has already replied)`);
    checkDate(ctx, 'servedOn', input.servedOn, { field: 'askedAt（征询意见发出时间）', moment: asked.askedAt });
  }
}

export function validateWithdrawal(ctx: ValidationContext, input: WithdrawConsentInput): void {
  permitted(ctx, input.actor, 'transfer.withdrawConsent');
  ownParty(input.actor, input.partyId);
  const record = ctx.state.consents.find((c) => c.partyId === input.partyId);
  if (!record) refuse('NotFound', `${input.partyId}不是本案当事人 (partyId: not asked in this transfer)`);
  if (record.reply !== 'consented') refuse('ValidationFailed', `${input.partyId}未同意移送，无可撤回 (no consent to withdraw)`);
}

export function validateProposal(ctx: ValidationContext, input: ProposalInput): void {
  permitted(ctx, input.actor, 'transfer.propose');
  if (!ctx.state.consents.some((c) => c.reply === 'consented')) {
    refuse('DocumentsMissing', '尚无申请执行人或被执行人书面同意移送，不能提请 (no written consent on file)');
  }
  const missing = [
    !input.documents.distributedPropertyList && '已分配财产清单 (documents.distributedPropertyList)',
    !input.documents.debtList && '被执行人债务清单 (documents.debtList)',
  ].filter(Boolean);
  if (missing.length) refuse('DocumentsMissing', `移送材料不全，缺少：${missing.join('、')}（指导意见第十条）`);
}

export function validatePanelReview(ctx: ValidationContext, input: PanelReviewInput): void {
  permitted(ctx, input.actor, 'transfer.panelReview');
}

export function validateSignature(ctx: ValidationContext, input: SignatureInput): void {
  permitted(ctx, input.actor, 'transfer.sign');
  if (input.sign && !input.decisionNumber) refuse('DocumentsMissing', '签发需要移送决定书文号 (decisionNumber)');
  checkDate(ctx, 'ruledOn', input.ruledOn, latestReply(ctx.state));
}

/**
 * The latest consent reply a decision rests on, by the date the party gave it (`repliedOn`, issue 13).
 * A reply recorded without one is not counted: its recording instant is no legal date, and decisions
 * are routinely logged after the fact, so the ruling may carry an earlier day than that recording.
 */
function latestReply(state: TransferState): { field: string; moment: LegalMoment | undefined } {
  let latest: string | undefined;
  for (const c of state.consents) {
    if (c.reply === 'pending' || c.repliedOn === undefined) continue;
    if (latest === undefined || resolveLegalMoment(c.repliedOn, 'repliedOn').date > resolveLegalMoment(latest, 'repliedOn').date) latest = c.repliedOn;
  }
  return { field: 'repliedOn（征询意见答复日期）', moment: latest };
}

function unserved(ctx: ValidationContext, served: string[]): string[] {
  return ctx.state.parties.map((p) => p.partyId).filter((id) => !served.includes(id));
}

export function validateService(ctx: ValidationContext, input: ServiceInput): void {
  if (input.document === 'decision') {
    permitted(ctx, input.actor, 'transfer.recordService');
    if (ctx.state.decisionServedOn) refuse('WrongStage', `移送决定书已于${ctx.state.decisionServedOn}送达 (already served)`);
  } else {
    permitted(ctx, input.actor, 'transfer.recordRulingService');
    if (ctx.state.ruling?.servedOn) refuse('WrongStage', `裁定已于${ctx.state.ruling.servedOn}送达 (already served)`);
  }
  const missing = unserved(ctx, input.servedPartyIds);
  if (missing.length) refuse('DocumentsMissing', `尚未向以下当事人送达：${missing.join('、')} (servedPartyIds must include every applicant and the debtor)`);
  checkDate(ctx, 'servedOn', input.servedOn, input.document === 'decision'
    ? { field: 'ruledOn（移送决定作出日期）', moment: ctx.state.decision?.ruledOn }
    : { field: 'ruledOn（裁定作出日期）', moment: ctx.state.ruling?.ruledOn });
}

export function validateReceipt(ctx: ValidationContext, input: ReceiptInput): void {
  permitted(ctx, input.actor, 'transfer.docket');
  checkDate(ctx, 'receivedOn', input.receivedOn, { field: 'ruledOn（移送决定作出日期）', moment: ctx.state.decision?.ruledOn });
}

export function validateMaterialRequest(ctx: ValidationContext, input: MaterialRequestInput): void {
  permitted(ctx, input.actor, 'transfer.requestMaterial');
  const open = ctx.state.materialRequests.find((r) => !r.suppliedAt);
  if (open) refuse('WrongStage', `补充材料要求${open.requestId}尚未答复 (a material request is still open)`);
  checkDate(ctx, 'requestedOn', input.requestedOn, { field: 'receivedOn（收到移送材料日期）', moment: ctx.state.receivedOn });
}

export function validateMaterialSupply(ctx: ValidationContext, input: MaterialSupplyInput): void {
  permitted(ctx, input.actor, 'transfer.supplyMaterial');
  const request = ctx.state.materialRequests.find((r) => r.requestId === input.requestId);
  if (!request) refuse('NotFound', `没有补充材料要求${input.requestId} (requestId: no such request)`);
  if (request.suppliedAt) refuse('WrongStage', `补充材料要求${input.requestId}已于${request.suppliedAt}答复 (already supplied)`);
  const requested = { field: 'requestedOn（通知补充日期）', moment: request.requestedOn };
  checkDate(ctx, 'filedOn', input.filedOn, requested);
  checkDate(ctx, 'postedOn', input.postedOn, requested);
  // Posted, it counts by its postmark, so the postmark cannot be after it arrived (as for objections).
  if (ctx.legalDates && input.postedOn !== undefined && input.filedOn !== undefined) {
    const posted = resolveLegalMoment(input.postedOn, 'postedOn').date;
    const filed = resolveLegalMoment(input.filedOn, 'filedOn').date;
    if (posted > filed) refuse('ValidationFailed', `postedOn（补充材料交邮日期）：交邮日期（${posted}）晚于补充材料提交日期（${filed}） (posted after it arrived)`);
  }
}

/** A party of this transfer objects to its decision, once at a time, at the receiving court during review. */
export function validateObjection(ctx: ValidationContext, input: ObjectionInput): void {
  permitted(ctx, input.actor, 'transfer.raiseObjection');
  ownParty(input.actor, input.partyId);
  if (!ctx.state.parties.some((p) => p.partyId === input.partyId)) {
    refuse('NotFound', `${input.partyId}不是本案的申请执行人或被执行人 (partyId: not a party to this transfer)`);
  }
  const open = ctx.state.objections?.find((o) => o.partyId === input.partyId && !o.ruling);
  if (open) refuse('WrongStage', `${input.partyId}的异议${open.objectionId}尚未处理 (an objection of this party is pending)`);
  // Raised during the receiving court's review (GO art. 12), so not before it received the package.
  checkDate(ctx, 'raisedOn', input.raisedOn, ctx.state.receivedOn
    ? { field: 'receivedOn（收到移送材料日期）', moment: ctx.state.receivedOn }
    : { field: 'ruledOn（移送决定作出日期）', moment: ctx.state.decision?.ruledOn });
  // Posted, it counts by its postmark: not after today, not before the decision it answers, and
  // posted before it arrived.
  checkDate(ctx, 'postedOn（异议交邮日期）', input.postedOn, { field: 'ruledOn（移送决定作出日期）', moment: ctx.state.decision?.ruledOn });
  if (ctx.legalDates && input.postedOn !== undefined && input.raisedOn !== undefined) {
    const posted = resolveLegalMoment(input.postedOn, 'postedOn').date;
    const raised = resolveLegalMoment(input.raisedOn, 'raisedOn').date;
    if (posted > raised) refuse('ValidationFailed', `postedOn（异议交邮日期）：交邮日期（${posted}）晚于异议提出日期（${raised}） (posted after it arrived)`);
  }
}

export function validateObjectionRuling(ctx: ValidationContext, input: ObjectionRulingInput): void {
  permitted(ctx, input.actor, 'transfer.ruleOnObjection');
  const objection = ctx.state.objections?.find((o) => o.objectionId === input.objectionId);
  if (!objection) refuse('NotFound', `没有异议${input.objectionId} (objectionId: no such objection)`);
  if (objection.ruling) refuse('WrongStage', `异议${input.objectionId}已于${objection.ruling.ruledAt}处理 (already dealt with)`);
  checkDate(ctx, 'ruledOn', input.ruledOn, { field: 'raisedOn（异议提出日期）', moment: objection.raisedOn });
}

/**
 * An objection is dealt with together with the ruling on acceptance (DOMAIN.md transfer step 5): none may
 * be pending when the court rules, and one sustained means the transfer decision does not stand, so the
 * court may not accept (it rules not to accept).
 */
function objectionsSettled(ctx: ValidationContext, accepting: boolean): void {
  const pending = ctx.state.objections?.filter((o) => !o.ruling).map((o) => o.objectionId) ?? [];
  if (pending.length) refuse('WrongStage', `尚有对移送决定的异议未处理：${pending.join('、')}，应先处理再一并裁定 (objections pending)`);
  const sustained = ctx.state.objections?.filter((o) => o.ruling?.outcome === 'sustained').map((o) => o.objectionId) ?? [];
  if (accepting && sustained.length) {
    refuse('WrongStage', `异议${sustained.join('、')}成立，移送决定不能成立，不能裁定受理；应裁定不予受理 (an objection was sustained)`);
  }
}

export function validateAcceptance(ctx: ValidationContext, input: AcceptanceInput): void {
  permitted(ctx, input.actor, 'transfer.accept');
  objectionsSettled(ctx, true);
  checkDate(ctx, 'ruledOn', input.ruledOn, { field: 'receivedOn（收到移送材料日期）', moment: ctx.state.receivedOn });
}

export function validateRejection(ctx: ValidationContext, input: RejectionInput): void {
  permitted(ctx, input.actor, 'transfer.reject');
  objectionsSettled(ctx, false);
  checkDate(ctx, 'ruledOn', input.ruledOn, { field: 'receivedOn（收到移送材料日期）', moment: ctx.state.receivedOn });
}

export function validateHandOver(ctx: ValidationContext, input: HandOverInput): void {
  permitted(ctx, input.actor, 'transfer.recordHandOver');
  if (!ctx.state.ruling?.servedOn) refuse('WrongStage', '受理裁定尚未送达执行法院 (the acceptance ruling has not been served)');
  if (ctx.state.handOver) refuse('WrongStage', '已记录财产移交 (hand-over already recorded)');
  const listed = [...input.items.map((i) => i.itemId), ...input.seizures.map((s) => s.itemId)];
  const byId = new Map(ctx.state.property.map((p) => [p.itemId, p]));
  const unknown = listed.filter((id) => !byId.has(id));
  if (unknown.length) refuse('NotFound', `没有这些财产：${unknown.join('、')} (items/seizures: unknown itemId)`);
  const passed = listed.filter((id) => ownershipPassed(byId.get(id)!));
  if (passed.length) {
    refuse('ValidationFailed', `${passed.join('、')}的所有权已转移（已拍卖并送达裁定、以物抵债或款项已发放），不予移交（指导意见第十六条） (ownership passed: not handed over)`);
  }
  const unaccounted = ctx.state.property.filter((p) => !ownershipPassed(p) && !listed.includes(p.itemId)).map((p) => p.itemId);
  if (unaccounted.length) refuse('DocumentsMissing', `以下财产未列明移交或解除：${unaccounted.join('、')} (every held item must be handed over or its seizure released)`);
  checkDate(ctx, 'handedOverOn', input.handedOverOn, { field: 'servedOn（受理裁定送达日期）', moment: ctx.state.ruling?.servedOn });
}

export function validateDeclaration(ctx: ValidationContext, input: BankruptcyDeclarationInput): void {
  permitted(ctx, input.actor, 'transfer.declareBankruptcy');
  if (!ctx.state.handOver) refuse('WrongStage', '执行法院尚未完成财产移交 (hand-over not recorded yet)');
  checkDate(ctx, 'ruledOn', input.ruledOn, { field: 'ruledOn（受理裁定作出日期）', moment: ctx.state.ruling?.ruledOn });
}

/**
 * 企业破产法 art. 12 para. 2: the receiving court's bankruptcy judge dismisses the application while the
 * transfer stands accepted (the declaration closes the window: `actionStages`). The acceptance must have
 * been served first, so each ruling is served once and in order; ruling number and reasons are
 * required (the API's schema asks too; this holds for any caller).
 */
export function validateDismissal(ctx: ValidationContext, input: DismissalInput): void {
  permitted(ctx, input.actor, 'transfer.dismissAfterAcceptance');
  const acceptance = ctx.state.ruling;
  if (acceptance?.kind !== 'accepted' || !acceptance.servedOn) {
    refuse('WrongStage', '受理裁定尚未记录送达，请先记录送达受理裁定 (the acceptance ruling has not been served)');
  }
  const missing = [
    !input.rulingNumber?.trim() && '驳回申请裁定书文号 (rulingNumber)',
    !input.reasons?.trim() && '驳回理由：经审查发现债务人不符合破产条件的事实 (reasons)',
  ].filter(Boolean);
  if (missing.length) refuse('DocumentsMissing', `裁定驳回申请须写明：${missing.join('、')}（企业破产法第十二条第二款）`);
  // Dismissed once the acceptance was served (above), so not dated before that service.
  checkDate(ctx, 'ruledOn', input.ruledOn, { field: 'servedOn（受理裁定送达日期）', moment: acceptance.servedOn ?? acceptance.ruledOn });
}

/** What the ruling that sends the transfer back is called, for refusals (a rejection, or a dismissal after acceptance). */
export function returningRulingName(state: Pick<TransferState, 'ruling'>): string {
  return state.ruling?.kind === 'dismissed' ? '驳回申请裁定' : '不予受理裁定';
}

export function validateReturn(ctx: ValidationContext, input: ReturnInput): void {
  permitted(ctx, input.actor, 'transfer.recordReturn');
  if (!ctx.state.ruling?.effectiveAt) refuse('WrongStage', `${returningRulingName(ctx.state)}尚未生效 (the ruling has not taken effect)`);
  const missing = ctx.state.property.filter((p) => !ownershipPassed(p) && !input.itemIds.includes(p.itemId)).map((p) => p.itemId);
  if (missing.length) refuse('DocumentsMissing', `以下财产尚未退回：${missing.join('、')} (itemIds must list every held item)`);
  checkDate(ctx, 'returnedOn', input.returnedOn, { field: 'servedOn（裁定送达日期）', moment: ctx.state.ruling?.servedOn });
}
