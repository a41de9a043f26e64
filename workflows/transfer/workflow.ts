// 执转破: one durable workflow per debtor company (`transfer-<credit code>`), from the officer's
// finding that nothing is left to seize to bankruptcy declared, or the transfer rejected and
// enforcement resumed. Human acts are Updates (validators in ./validators); each accepted act
// changes the state synchronously, then writes the read model, the audit trail and any notices.
import {
  allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, setHandler, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { TransferDocumentRequest } from '../../activities/documents/transfer';
import type { AcceptanceInput, EnforcementCase, TransferInput } from '../../api/schemas/transfer';
import { systemActor, type Actor } from '../shared/actor';
import type { AuditEntryInput } from '../shared/audit';
import { divisionCodeOf } from '../shared/identifiers';
import { cstDateOf } from '../clock/cst';
import { leadTime, postalMarginOf } from '../clock/statute-profile';
import { instantOf, resolveLegalMoment } from '../clock/legal-time';
import * as partyNotices from '../notices/transfer-party-notices';
import { courtKey, nextDeadlineKey, overdueKey, stageKey } from '../search-attributes';
import { receivingCourtFor } from './courts';
import { TransferDeadlines, type TransferDeadlinesSnapshot } from './deadlines';
import * as m from './messages';
import * as notices from './notices';
import { canMove, isTerminal, stageLabels, type TransferStage } from './stages';
import {
  effectiveConsents, involvedCourts, ownershipPassed, processScope,
  type MaterialItem, type Notice, type TransferAct, type TransferCase, type TransferState, type TransferStatus,
} from './state';
import * as v from './validators';
import { aroundTransfer, effectiveOnDecisionPatch } from './around';
import { dismissalAfterAcceptance } from './dismissal';
import { objectionsAtReview } from './objections';
import { ActLedger, type ActLedgerState } from '../shared/acts';
import { Continuation, isQuiet, quietPoint, refuseWhileHandingOver } from '../shared/continuation';
import { EffectQueue } from '../shared/effects';
import { orderedWrites, unqueuedWrites } from './writes';
import { effectModeOfRun } from '../shared/effect-mode';

export type TransferOutcome = { stage: TransferStage; creditCode: string };

// Issue 13: each period runs from the legal date of the act its article names (served, received,
// ruled), given with the act, and the acts' dates are checked; runs before it counted from recording.
export const legalDatesPatch = 'legal-dates';
// Issue 13: a consent reply posted within its period is waited for (民事诉讼法 art. 85).
export const consentPostPatch = 'consent-posted-in-time';
export const postWaitsHoldPatch = 'post-waits-hold-continuation';
// Issue 13: supplied material is met or late by its filing or posting date (GO art. 11, art. 85).
export const supplyByLegalDatePatch = 'supply-by-legal-date';
// Issue 13 (outside break): the decision's and the ruling's service, and the review's ruling, close
// their periods as met or late by the served or ruled date, not by when they were recorded — a
// service on day 2 of 3 recorded on day 9 stayed 已逾期.
export const doneByLegalDatePatch = 'done-by-legal-date';
// Issue 13 (outside break): a party's consent-reply period runs from the day the request was served
// on it (GO art. 4; 民事诉讼法 art. 85), once the service is recorded, not from when the request was
// sent; replies stay open until the last served party's period ends.
export const consentServicePatch = 'consent-reply-from-service';
// Issue 13 (outside break): a period of a suspended court opened during its suspension starts paused.
export const suspensionHoldsNewPatch = 'suspension-holds-new-deadlines';
// Issue 17 (a party reads its notices on its page): the consent request names its reply day in
// words, not the raw ISO instant.
export const consentNoticeWordsPatch = 'consent-notice-reply-by-in-words';

/** What a run hands to its continuation (continue-as-new, ../shared/continuation): all it knows. */
export type TransferCarried = {
  state: TransferState;
  triggeredAt: string;
  repliesOpen: boolean;
  /** Acts of `state.history` already written to the audit trail. */
  audited: number;
  deadlines: TransferDeadlinesSnapshot;
  acts: ActLedgerState<m.TransferAck>;
};

const packageLabels: Record<Exclude<MaterialItem['kind'], 'requested'>, string> = {
  package_1: '移送决定书',
  package_2: '申请执行人或被执行人同意移送的书面材料',
  package_3: '财产调查结果及查封、扣押、冻结财产清单',
  package_4: '已分配财产清单',
  package_5: '被执行人债务清单',
  package_6: '其他材料',
};

function nowIso(): string {
  return new Date().toISOString();
}

function initialState(input: TransferInput): TransferState {
  const state: TransferState = {
    creditCode: input.creditCode, stage: 'triggered', homeCourt: input.homeCourt, debtorPartyId: input.debtor.partyId,
    domicileDivisionCode: input.debtor.domicileDivisionCode ?? divisionCodeOf(input.creditCode),
    investigation: input.investigation, cases: [], parties: [], property: [], consents: [], materialRequests: [],
    material: [], notices: [], history: [], seq: 0,
  };
  state.parties.push({ partyId: input.debtor.partyId, name: input.debtor.name, kind: 'debtor', caseNumbers: [] });
  for (const c of input.cases) joinCase(state, c);
  return state;
}

/** Adds a case, its applicants and its property; returns the case's record (existing if already joined). */
function joinCase(state: TransferState, c: EnforcementCase): { record: TransferCase; isNew: boolean } {
  const existing = state.cases.find((k) => k.caseNumber === c.caseNumber);
  if (existing) return { record: existing, isNew: false };
  const record: TransferCase = {
    caseNumber: c.caseNumber, court: c.court, applicantIds: c.applicants.map((a) => a.partyId), status: 'in_enforcement', joinedAt: nowIso(),
  };
  state.cases.push(record);
  state.parties.find((p) => p.kind === 'debtor')!.caseNumbers.push(c.caseNumber);
  for (const a of c.applicants) {
    const party = state.parties.find((p) => p.partyId === a.partyId);
    if (party) party.caseNumbers.push(c.caseNumber);
    else state.parties.push({ partyId: a.partyId, name: a.name, kind: 'applicant', caseNumbers: [c.caseNumber] });
  }
  for (const p of c.property) state.property.push({ ...p, caseNumber: c.caseNumber });
  return { record, isNew: true };
}

/**
 * `carried` is set only by the workflow itself when it continues as new; a start passes the input alone.
 * `input.historyEventLimit` (events) continues as new before Temporal would suggest it (tests, small limits).
 */
export async function transferWorkflow(input: TransferInput, carried?: TransferCarried): Promise<TransferOutcome> {
  const effects = new EffectQueue();
  // Decided before the run's first command: one marker for the whole run.
  const legal = patched(legalDatesPatch);
  const effectMode = effectModeOfRun();
  // A wait for a filing still in the post lives in its coroutine only, so the run must not hand
  // over to a new one while it waits (the new run would never end the wait). Runs before: unheld.
  const postWaitsHold = patched(postWaitsHoldPatch);
  const awaitingPost = (): boolean => postWaitsHold && (state.consentPost !== undefined || state.around?.appeal?.awaitingPostUntil !== undefined);
  /** An act's legal date as given, or (in runs that take legal dates) the moment of recording. */
  const dated = (given: string | undefined): string | undefined => (legal ? given ?? nowIso() : given);
  // The legal date an act was done on, to close its period by (runs before the patch: by recording).
  const doneBy = (on: string | undefined): string | undefined => (on !== undefined && legal && patched(doneByLegalDatePatch) ? on : undefined);
  // Decides when to continue as new, only as effects settle (../shared/continuation says why).
  const continuation = new Continuation(effects, input.historyEventLimit);
  const { workflowId, runId, firstExecutionRunId } = workflowInfo();
  // The first run's id: audit and notice keys stay the same across continue-as-new.
  const stepPrefix = `${workflowId}:${firstExecutionRunId.slice(0, 8)}`;
  const triggeredAt = carried?.triggeredAt ?? nowIso();
  const state = carried?.state ?? initialState(input);
  let repliesOpen = carried?.repliesOpen ?? false;
  let audited = carried?.audited ?? 0;
  let failure: unknown;

  // Every effect of this run leaves through one queue, in the order asked for (../shared/effects).
  const ordered = orderedWrites(effects, effectMode);

  const deadlines = new TransferDeadlines(workflowId, input.profile, {
    onOverdue: async (view) => {
      record(systemActor, 'deadlineOverdue', { reason: `${view.label}已届满 (overdue)`, details: { deadline: view.key, dueAt: view.dueAt } });
      await persist([]);
    },
    onLapse: {
      consentReply: closeReplies, appealWindow: () => around.appealWindowLapsed(), lateConsentReply: closeLateRequest,
      // A served party's own period simply ends; closeReplies waits for the last of them.
      servedConsentReply: async () => {},
      claimsDeclaration: () => around.claimsPeriodEnded(),
    },
    onFailure: (err) => { failure = err; },
    opensPaused: (_name, court, key) => {
      const suspension = state.around?.suspension;
      if (!suspension?.court || suspension.court !== court || !patched(suspensionHoldsNewPatch)) return false;
      suspension.pausedDeadlines.push(key);
      return true;
    },
  }, ordered);

  const ctx = (): v.ValidationContext => ({
    state, scope: processScope(workflowId, state), repliesOpen,
    ...(legal ? { legalDates: { profile: input.profile, nowMs: Date.now() } } : {}),
  });

  function searchAttributes(): void {
    const next = deadlines.nextDueAt();
    upsertSearchAttributes([
      { key: stageKey, value: state.stage },
      { key: courtKey, value: [...new Set([state.homeCourt, ...(state.receivingCourt ? [state.receivingCourt] : []), ...involvedCourts(state)])] },
      { key: overdueKey, value: deadlines.anyOverdue() },
      { key: nextDeadlineKey, value: next ? new Date(next) : null },
    ]);
  }

  /** Synchronous part of every act: history, sequence number, stage move. */
  function record(
    actor: Actor, action: string, opts: { to?: TransferStage; reason?: string; details?: Record<string, unknown> } = {},
  ): number {
    const from = state.stage;
    if (opts.to && opts.to !== from) {
      if (!canMove(from, opts.to)) throw ApplicationFailure.nonRetryable(`no move from ${from} to ${opts.to}`, 'IllegalTransition');
      state.stage = opts.to;
    }
    state.seq++;
    state.history.push({
      seq: state.seq, at: nowIso(), action, actor: { userId: actor.userId, role: actor.role, court: actor.court },
      reason: opts.reason, ...(opts.to && opts.to !== from ? { from, to: opts.to } : {}), details: opts.details,
    });
    return state.seq;
  }

  /** Effects of the latest acts: read model, audit entries not yet written, notices. */
  function persist(newNotices: Notice[]): Promise<void> {
    // One turn of the queue, so the audit trail's order (and its hash chain) is the order of the
    // acts. The batch calls the activity directly: a queued call inside the turn would wait for
    // the turn itself.
    return effects.run(() => writeEffects(newNotices));
  }
  async function writeEffects(newNotices: Notice[]): Promise<void> {
    state.notices.push(...newNotices);
    searchAttributes();
    const { notices: _n, history: _h, ...rest } = state;
    const sync = { workflowId, runId, triggeredAt, overdue: deadlines.anyOverdue(), nextDueAt: deadlines.nextDueAt(), state: rest };
    // One local transaction per batch: read model, every act not yet audited (in order), notices.
    const upTo = state.history.length;
    await unqueuedWrites(effectMode).writeTransferEffects({
      sync, audits: state.history.slice(audited, upTo).map(auditEntry),
      notices: newNotices.length ? { creditCode: state.creditCode, notices: newNotices } : undefined,
    });
    audited = Math.max(audited, upTo);
  }
  function auditEntry(act: TransferAct): AuditEntryInput {
    return {
      eventKey: `${stepPrefix}:${act.seq}:${act.action}`, processKind: 'transfer', processId: workflowId,
      actor: act.actor as Actor, action: act.action, reason: act.reason,
      details: { ...act.details, ...(act.to ? { from: act.from, to: act.to } : {}), creditCode: state.creditCode },
      occurredAt: act.at,
    };
  }

  // The opening acts are recorded before any handler is registered. An Update that reached the
  // server before the first workflow task completed is delivered in the run's first activation, and
  // its validator runs as its handler is registered: it must already see the screening stage, or a
  // screening sent right after the 201 is refused with "stage is triggered". That first activation
  // is also what every worker sees while the first workflow task has not completed (a worker killed
  // mid-task), so without this order every act was refused until one worker finished that task.
  // The trigger and the opening of screening are written as one batch. A continued run opens
  // nothing: it takes over the previous run's deadlines, which wait for what is left of them.
  function open(): Promise<void> {
    record(input.triggeredBy, 'trigger', {
      reason: input.investigation.outcome === 'none' ? '财产调查未发现可供执行的财产' : '财产调查发现的财产不足以清偿',
      details: { investigation: input.investigation, cases: state.cases.map((c) => c.caseNumber) },
    });
    record(systemActor, 'openScreening', { to: 'screening' });
    return persist([]);
  }
  if (carried) deadlines.restore(carried.deadlines);
  const opening = carried ? undefined : open();

  const ack = (): m.TransferAck => ({ stage: state.stage, seq: state.seq });
  const noticeKey = (kind: string, to: string) => `${stepPrefix}:${state.seq}:${kind}:${to}`;

  /** Renders, stores and audits the documents of the latest act (issue 5). */
  async function issueDocuments(requests: TransferDocumentRequest[]): Promise<void> {
    if (!requests.length) return;
    const { notices: _n, history: _h, ...rest } = state;
    const issued = await ordered.issueTransferDocuments({ processId: workflowId, keyPrefix: `${stepPrefix}:${state.seq}`, issuedAt: nowIso(), state: rest, documents: requests });
    // One act per node, so each document's content hash lands in the audit trail with the rest;
    // recipients stay out of it (a party reads the history), the documents API knows who may read what.
    record(systemActor, 'issueDocuments', {
      reason: `制作${[...new Set(issued.map((d) => d.title))].join('、')}`,
      details: { documents: issued.map((d) => ({ documentId: d.documentId, kind: d.kind, sha256: d.sha256 })) },
    });
    await persist([]);
  }

  const consentDocuments = (asked: Notice[], replyBy?: string): TransferDocumentRequest[] => asked.map((n) => ({
    kind: 'consent_request', recipient: n.recipient, replyBy: replyBy ?? deadlines.openViews().find((d) => d.key.includes(':consentReply:'))?.dueAt,
  }));
  const suspensionDocuments = (cases: TransferCase[]): TransferDocumentRequest[] =>
    [...new Set(cases.map((c) => c.court))].map((court) => ({ kind: 'suspension_notice', recipient: court }));

  /** Parties are told at every node, not only courts (issue 5); partyIds narrow to those concerned. */
  function toParties(kind: string, build: (key: string, partyId: string, cases: TransferCase[]) => Notice, partyIds?: string[]): Notice[] {
    return state.parties.filter((p) => !partyIds || partyIds.includes(p.partyId)).map((p) => build(
      noticeKey(kind, p.partyId), p.partyId, state.cases.filter((c) => p.partyId === state.debtorPartyId || c.applicantIds.includes(p.partyId)),
    ));
  }

  function consentNotice(partyId: string, replyBy: string): Notice {
    const cases = state.cases.filter((c) => c.applicantIds.includes(partyId) || partyId === state.debtorPartyId);
    const due = replyBy && patched(consentNoticeWordsPatch) ? notices.dueInWords(replyBy) : replyBy;
    return notices.consentRequest(noticeKey('consent', partyId), state.creditCode, partyId, cases, due);
  }

  function askConsent(partyIds: string[], lateReplyBy?: string): Notice[] {
    const replyBy = lateReplyBy ?? deadlines.openViews().find((d) => d.key.includes(':consentReply:'))?.dueAt ?? '';
    const asked: Notice[] = [];
    for (const partyId of partyIds) {
      if (state.consents.some((c) => c.partyId === partyId)) continue;
      const kind = partyId === state.debtorPartyId ? 'debtor' : 'applicant';
      state.consents.push({ partyId, kind, askedAt: nowIso(), explanationGiven: true, reply: 'pending' });
      asked.push(consentNotice(partyId, replyBy));
    }
    return asked;
  }

  async function closeReplies(key: string): Promise<void> {
    // Nobody consented by the end of the period, but a reply posted within it may still be in the
    // post (民事诉讼法 art. 85: 期间不包括在途时间): wait the profile's postal margin for it before
    // deciding that nobody consented. Replies stay open meanwhile for what is dated or posted in time.
    // Parties served after the request was sent have their own periods from the service (issue 13):
    // replies stay open until the last of them ends, and a posted reply is waited for after that one.
    const servedDues = state.consents.filter((c) => c.replyDeadlineKey && deadlines.isOpenKey(c.replyDeadlineKey)).map((c) => c.replyBy!);
    if (servedDues.length && state.stage === 'consent') {
      const until = servedDues.sort().at(-1)!;
      record(systemActor, 'awaitServedReplies', {
        reason: '征询意见发出后的答复期限届满；已记录送达的当事人，答复期限自送达之日起算，届满前继续接受答复（指导意见第四条；民事诉讼法第八十五条）',
        details: { until },
      });
      await persist([]);
      await condition(() => !state.consents.some((c) => c.replyDeadlineKey && deadlines.isOpenKey(c.replyDeadlineKey)) || state.stage !== 'consent');
    }
    const lastServed = state.consents.filter((c) => c.replyBy).map((c) => c.replyBy!).sort().at(-1);
    const shared = deadlines.dueAtOf(key);
    const dueAt = lastServed && shared && lastServed > shared ? lastServed : shared;
    if (legal && dueAt && state.stage === 'consent' && effectiveConsents(state).length === 0 && patched(consentPostPatch)) {
      const marginMs = leadTime(input.profile, postalMarginOf(input.profile));
      state.consentPost = { dueAt, until: new Date(Date.now() + marginMs).toISOString() };
      record(systemActor, 'awaitPostedReplies', {
        reason: '答复期限届满，尚无书面同意；期满前交邮的答复不算过期，在途期间内收到的仍予采纳（民事诉讼法第八十五条）',
        details: { dueAt, until: state.consentPost.until },
      });
      await persist([]);
      await condition(() => effectiveConsents(state).length > 0 || state.stage !== 'consent', marginMs);
      state.consentPost = undefined;
    }
    repliesOpen = false;
    const none = effectiveConsents(state).length === 0;
    if (none && state.stage === 'consent') {
      record(systemActor, 'consentPeriodEnded', { to: 'no_consent', reason: '答复期限届满，无人书面同意移送，执行程序继续（民诉法解释第514条）' });
    } else {
      record(systemActor, 'consentPeriodEnded', { reason: '答复期限届满 (consent-reply period ended)' });
    }
    await persist([]);
  }

  /**
   * A case joined after the reply period or during review (issue 15; GO art. 4: every applicant is
   * asked): its applicants not yet asked get their own request with their own reply deadline, and
   * their replies count while the transfer is undecided.
   */
  async function askLate(joined: TransferCase): Promise<{ sent: Notice[]; documents: TransferDocumentRequest[] }> {
    const fresh = joined.applicantIds.filter((id) => !state.consents.some((c) => c.partyId === id));
    if (!fresh.length) return { sent: [], documents: [] };
    const replyBy = await deadlines.open('lateConsentReply', state.homeCourt);
    const deadlineKey = deadlines.latestKey('lateConsentReply')!;
    const asked = askConsent(fresh, replyBy);
    (state.lateConsents ??= []).push({ deadlineKey, caseNumber: joined.caseNumber, partyIds: fresh, replyBy, open: true });
    record(systemActor, 'requestConsent', {
      reason: '向新并入案件的申请执行人征询意见并释明移送后果（指导意见第四条）', details: { partyIds: fresh, caseNumber: joined.caseNumber, replyBy },
    });
    return { sent: asked, documents: consentDocuments(asked, replyBy) };
  }

  async function closeLateRequest(deadlineKey: string): Promise<void> {
    const request = state.lateConsents?.find((r) => r.deadlineKey === deadlineKey);
    if (!request?.open) return;
    request.open = false;
    record(systemActor, 'lateConsentPeriodEnded', { reason: '追加征询答复期限届满', details: { caseNumber: request.caseNumber, partyIds: request.partyIds } });
    await persist([]);
  }

  /** The decision is signed: late requests still open close (a reply after it no longer counts). */
  async function closeLateRequests(): Promise<void> {
    for (const request of state.lateConsents?.filter((r) => r.open) ?? []) {
      request.open = false;
      await deadlines.completeKey(request.deadlineKey);
    }
  }

  function suspend(cases: TransferCase[]): Notice[] {
    const decisionNumber = state.decision?.decisionNumber ?? '';
    return [...new Set(cases.map((c) => c.court))].map((court) => {
      const courtCases = cases.filter((c) => c.court === court);
      for (const c of courtCases) c.status = 'suspended';
      const perishable = state.property.filter((p) => p.perishable && !ownershipPassed(p) && courtCases.some((c) => c.caseNumber === p.caseNumber));
      return notices.suspension(noticeKey('suspension', court), court, courtCases, perishable, decisionNumber);
    });
  }

  // Identical repeats are acknowledged with the first answer; floods are refused (../shared/acts).
  const acts = new ActLedger<m.TransferAck>(() => state.seq, input.actLimits, carried?.acts);
  function update<I extends { actor: Actor }>(
    def: UpdateDefinition<m.TransferAck, [I]>,
    validate: (c: v.ValidationContext, input: I) => void,
    handle: (input: I) => Promise<void>,
  ): void {
    const act = async (input: I) => {
      await handle(input);
      return ack();
    };
    setHandler(def, (input: I) => acts.run(def.name, input, () => act(input)), {
      validator: (input: I) => {
        // No new act while the run waits to hand over, or a steady flow of acts keeps it from ever
        // doing so (../shared/continuation); while a posted reply is awaited it does not hand over.
        if (continuation.due() && !awaitingPost()) refuseWhileHandingOver();
        if (!acts.check(def.name, input)) validate(ctx(), input);
      },
    });
  }

  setHandler(m.statusQuery, (): TransferStatus => {
    const { notices: _n, ...rest } = state;
    return { ...rest, workflowId, stageLabel: stageLabels[state.stage], deadlines: deadlines.openViews(), scope: processScope(workflowId, state) };
  });

  objectionsAtReview({ state, record, persist, update, noticeKey, dated, nowIso });
  const dismissal = dismissalAfterAcceptance({ state, deadlines, record, persist, update, noticeKey, dated, nowIso });
  const around = aroundTransfer({
    workflowId, stepPrefix, effects, effectMode, state, deadlines, record, persist, update, rejectionTakesEffect, nowIso,
    dismissalOverturned: dismissal.overturned, legalDates: legal ? input.profile : undefined, doneBy,
  });

  update(m.addCaseUpdate, v.validateAddCase, async ({ actor, case: c }) => {
    const { record: joined, isNew } = joinCase(state, c);
    if (!isNew) return;
    record(actor, 'addCase', { details: { caseNumber: joined.caseNumber, court: joined.court } });
    let sent: Notice[] = [];
    let documents: TransferDocumentRequest[] = [];
    if (state.stage === 'consent' && repliesOpen) {
      sent = askConsent(joined.applicantIds);
      documents = consentDocuments(sent);
    } else if (['consent', 'panel_review', 'president_signature'].includes(state.stage) && patched('late-consent')) {
      ({ sent, documents } = await askLate(joined));
    }
    if (['decided', 'at_receiving_court', 'under_review'].includes(state.stage)) {
      const decisionNumber = state.decision?.decisionNumber ?? '';
      sent = [...suspend([joined]), ...toParties('suspension-party', (key, partyId) => partyNotices.suspensionToParty(key, partyId, [joined], decisionNumber), joined.applicantIds)];
      documents = suspensionDocuments([joined]);
    }
    await persist(sent);
    await issueDocuments(documents);
  });

  update(m.recordScreeningUpdate, v.validateScreening, async ({ actor, enterpriseLegalPerson, insolvency, receivingCourtOverride, jurisdiction }) => {
    state.screening = { enterpriseLegalPerson, insolvency, screenedBy: actor.userId, screenedAt: nowIso() };
    let computed: string | null;
    if (jurisdiction && patched('jurisdiction-table')) {
      // The court map is data (issue 15): the API looked the domicile up in the jurisdiction table.
      computed = jurisdiction.court;
      state.receivingCourt = receivingCourtOverride?.court ?? computed!;
      state.receivingCourtReason = receivingCourtOverride
        ? `${receivingCourtOverride.reason}（按管辖表：${computed ?? jurisdiction.source}）`
        : `${jurisdiction.courtName ?? computed}：${jurisdiction.source}（住所地${state.domicileDivisionCode}）`;
    } else {
      computed = receivingCourtFor(state.domicileDivisionCode);
      state.receivingCourt = receivingCourtOverride?.court ?? computed;
      state.receivingCourtReason = receivingCourtOverride
        ? `${receivingCourtOverride.reason}（按住所地应为${computed}）`
        : `被执行人住所地（${state.domicileDivisionCode}）中级人民法院（指导意见第三条）`;
    }
    record(actor, 'recordScreening', {
      to: 'consent', reason: state.receivingCourtReason, details: { receivingCourt: state.receivingCourt, computedCourt: computed },
    });
    repliesOpen = true;
    await deadlines.open('consentReply', state.homeCourt);
    const asked = askConsent(state.parties.map((p) => p.partyId));
    record(systemActor, 'requestConsent', { reason: '已向全部申请执行人和被执行人征询意见并释明移送后果', details: { partyIds: asked.map((n) => n.recipient) } });
    await persist(asked);
    await issueDocuments(consentDocuments(asked));
  });

  update(m.recordConsentUpdate, v.validateConsentReply, async ({ actor, partyId, consents, documentRef, note, repliedOn, postedOn }) => {
    const c = state.consents.find((k) => k.partyId === partyId)!;
    // The reply's own dates (issue 13) are kept only when given: runs before them recorded none.
    const dates = { ...(repliedOn ? { repliedOn } : {}), ...(postedOn ? { postedOn } : {}) };
    Object.assign(c, { reply: consents ? 'consented' : 'refused', documentRef, repliedAt: nowIso(), withdrawnAt: undefined, withdrawReason: undefined, ...dates });
    const inThePost = state.consentPost ? { inThePost: `期满前交邮或落款，期限${state.consentPost.dueAt}届满后收到（民事诉讼法第八十五条）` } : {};
    record(actor, consents ? 'consentGiven' : 'consentRefused', { reason: note, details: { partyId, documentRef, ...dates, ...inThePost } });
    // Everyone a service covered has replied: that period is met (by the reply's date).
    const key = c.replyDeadlineKey;
    if (key && state.consents.every((k) => k.replyDeadlineKey !== key || k.reply !== 'pending')) await deadlines.completeKey(key);
    await persist([]);
  });

  // The request served on parties (issue 13): each one's reply period runs from the service, tracked
  // as its own deadline; the request's period stays the provisional one of those not yet served.
  update(m.recordConsentServiceUpdate, v.validateConsentService, async ({ actor, partyIds, servedOn }) => {
    const served = state.consents.filter((c) => partyIds.includes(c.partyId));
    const fromService = legal && patched(consentServicePatch);
    const label = `征询意见答复期限（${served.map((c) => c.partyId).join('、')}，${servedOn}送达）`;
    const replyBy = fromService ? await deadlines.open('servedConsentReply', state.homeCourt, servedOn, undefined, label) : undefined;
    const replyDeadlineKey = fromService ? deadlines.latestKey('servedConsentReply') : undefined;
    for (const c of served) Object.assign(c, { servedOn, ...(replyBy ? { replyBy, replyDeadlineKey } : {}) });
    record(actor, 'serveConsentRequest', {
      reason: '征询意见及移送后果释明已送达，答复期限自送达之日起算（指导意见第四条）', details: { partyIds: served.map((c) => c.partyId), servedOn, replyBy },
    });
    await persist([]);
  });

  update(m.withdrawConsentUpdate, v.validateWithdrawal, async ({ actor, partyId, reason }) => {
    const c = state.consents.find((k) => k.partyId === partyId)!;
    Object.assign(c, { reply: 'withdrawn', withdrawnAt: nowIso(), withdrawReason: reason });
    const none = effectiveConsents(state).length === 0;
    const to: TransferStage | undefined = !none ? undefined : repliesOpen ? 'consent' : 'no_consent';
    record(actor, 'withdrawConsent', {
      to, reason, details: { partyId, ...(none ? { effect: '已无有效同意，提请失效 (no consent remains; the proposal falls)' } : {}) },
    });
    if (to && state.proposal) state.proposal = undefined;
    await persist([]);
  });

  update(m.proposeUpdate, v.validateProposal, async ({ actor, reasons, documents }) => {
    state.proposal = { reasons, documents, proposedAt: nowIso(), by: actor.userId };
    state.sentBack = undefined;
    record(actor, 'propose', { to: 'panel_review', reason: reasons, details: { documents } });
    await persist([]);
  });

  update(m.panelReviewUpdate, v.validatePanelReview, async ({ actor, agree, reasons }) => {
    if (!agree) state.sentBack = { by: 'panel', reasons, at: nowIso() };
    record(actor, agree ? 'panelAgreed' : 'panelSentBack', { to: agree ? 'president_signature' : 'consent', reason: reasons });
    await persist([]);
  });

  update(m.signUpdate, v.validateSignature, async ({ actor, sign, decisionNumber, reasons, ruledOn: givenRuledOn, registeredCases }) => {
    if (!sign) {
      state.sentBack = { by: 'president', reasons: reasons ?? '', at: nowIso() };
      record(actor, 'presidentSentBack', { to: 'consent', reason: reasons });
      await persist([]);
      return;
    }
    const ruledOn = dated(givenRuledOn);
    state.decision = { decisionNumber: decisionNumber!, signedAt: nowIso(), signedBy: actor.userId, ...(ruledOn ? { ruledOn } : {}) };
    record(actor, 'signDecision', { to: 'decided', reason: reasons, details: { decisionNumber, ...(ruledOn ? { ruledOn } : {}) } });
    repliesOpen = false;
    // Only a run that asked late (patched 'late-consent') has requests to close: older histories skip this.
    await closeLateRequests();
    const receiving = state.receivingCourt!;
    const seized = state.property.map((p) => p.seizureNumber ?? p.itemId);
    const docs: Record<Exclude<MaterialItem['kind'], 'requested'>, string[]> = {
      package_1: [decisionNumber!],
      package_2: state.consents.filter((c) => c.reply === 'consented').map((c) => c.documentRef!),
      package_3: [`investigation:${state.investigation.conductedOn}`, ...seized],
      package_4: [state.proposal!.documents.distributedPropertyList!],
      package_5: [state.proposal!.documents.debtList!],
      package_6: state.proposal!.documents.other,
    };
    state.material = (Object.keys(docs) as (keyof typeof docs)[]).map((kind) => ({
      itemKey: kind, kind, label: packageLabels[kind], documentRefs: docs[kind], status: 'sent' as const,
    }));
    const sent = [
      ...state.parties.map((p) => notices.decisionService(noticeKey('decision', p.partyId), p.partyId, decisionNumber!, receiving)),
      ...suspend(state.cases),
      notices.transferPackage(noticeKey('package', receiving), receiving, decisionNumber!),
      ...toParties('suspension-party', (key, partyId, cases) => partyNotices.suspensionToParty(key, partyId, cases, decisionNumber!)),
    ];
    // Every court known to enforce against the debtor is told, joined or not (issue 15): the API
    // passes the registered cases; only inputs that carry them (patched 'registered-courts-told').
    const unjoined = (registeredCases ?? []).filter((r) => !state.cases.some((c) => c.court === r.court && c.caseNumber === r.caseNumber));
    const registeredCourts = unjoined.length && patched('registered-courts-told') ? [...new Set(unjoined.map((r) => r.court))] : [];
    for (const court of registeredCourts) {
      const caseNumbers = unjoined.filter((r) => r.court === court).map((r) => r.caseNumber);
      sent.push(notices.suspensionOfRegistered(noticeKey('suspension-registered', court), court, caseNumbers, decisionNumber!));
    }
    record(systemActor, 'suspendEnforcement', {
      reason: '通知各执行法院中止执行；鲜活易腐等物品可变价，变价款不予分配（指导意见第八条）',
      details: { courts: involvedCourts(state), ...(registeredCourts.length ? { registeredCourts, unjoinedCases: unjoined } : {}) },
    });
    record(systemActor, 'sendTransferPackage', { reason: '移送材料六项（指导意见第十条）', details: { receivingCourt: receiving } });
    await deadlines.complete('consentReply');
    // The served parties' periods end with the decision too (runs with consent service only).
    for (const key of new Set(state.consents.map((c) => c.replyDeadlineKey).filter((k): k is string => k !== undefined))) await deadlines.completeKey(key);
    await deadlines.open('decisionService', state.homeCourt, ruledOn);
    await persist(sent);
    await issueDocuments([{ kind: 'transfer_decision' }, ...suspensionDocuments(state.cases), { kind: 'package_index' }]);
  });

  update(m.recordServiceUpdate, v.validateService, async ({ actor, document, servedPartyIds, servedOn: givenServedOn }) => {
    const servedOn = dated(givenServedOn);
    if (document === 'decision') {
      state.decisionServedOn = servedOn;
      record(actor, 'serveDecision', { details: { servedPartyIds, servedOn } });
      await deadlines.complete('decisionService', doneBy(servedOn));
      await persist([]);
      return;
    }
    const ruling = state.ruling!;
    ruling.servedOn = servedOn;
    record(actor, 'serveRuling', { details: { servedPartyIds, servedOn, ruling: ruling.kind } });
    await deadlines.complete('rulingService', doneBy(servedOn));
    // Both run from the day of service (GO art. 15; 企业破产法 art. 12), not from its recording.
    if (ruling.kind === 'accepted') {
      await deadlines.open('handOver', state.homeCourt, legal ? servedOn : undefined);
    } else {
      await around.openAppealWindow(legal ? servedOn : undefined);
    }
    await persist([]);
  });

  // A rejection takes effect when the 10-day appeal window (企业破产法 art. 12) passes without appeal
  // or the appeal is dismissed (./around).
  // A dismissal after acceptance takes the same course (./dismissal; GO art. 18 names both).
  /**
   * `effectiveOn` (CST date): the day the ruling took effect when the law names one (the appeal
   * court's ruling upholding it); the 7 days to return run from it (GO art. 18), not from its
   * recording. Without it (the window lapsed), from now.
   */
  async function rejectionTakesEffect(effectiveOn?: string): Promise<void> {
    state.ruling!.effectiveAt = nowIso();
    const from = effectiveOn !== undefined && legal && patched(effectiveOnDecisionPatch) ? effectiveOn : undefined;
    if (from) state.ruling!.effectiveOn = from;
    const dismissed = state.ruling!.kind === 'dismissed';
    record(systemActor, 'rulingEffective', {
      reason: dismissed ? '驳回申请裁定生效，七日内退回材料和已移交的财产（指导意见第十八条）' : '不予受理裁定生效，七日内退回材料和财产（指导意见第十八条）',
    });
    await deadlines.open('returnMaterial', state.homeCourt, from);
    // Enforcement resumes and pays by the order of seizure, as when nobody consents (issue 15).
    if (patched('rejection-payment-order')) {
      await around.distribute(`受移送法院${dismissed ? '受理后裁定驳回破产申请' : '裁定不予受理'}且已生效，执行程序恢复：扣除执行费用、清偿优先受偿债权后，普通债权按查封、扣押、冻结的先后顺序清偿（民诉法解释第514条）`);
    }
  }

  update(m.docketUpdate, v.validateReceipt, async ({ actor, docketNumber, receivedOn: givenReceivedOn }) => {
    const receivedOn = dated(givenReceivedOn);
    state.docketNumber = docketNumber;
    state.receivedAt = nowIso();
    if (receivedOn) state.receivedOn = receivedOn;
    record(actor, 'docket', {
      to: 'at_receiving_court', reason: '受移送法院立案庭接收材料，立为破申案件（指导意见第十一条）',
      details: { docketNumber, ...(receivedOn ? { receivedOn } : {}) },
    });
    record(systemActor, 'passToBankruptcyDivision', { to: 'under_review', reason: '移交破产审判庭审查' });
    // The 30 days run from receipt of the material (民诉法解释 art. 512), not from docketing.
    await deadlines.open('acceptanceRuling', state.receivingCourt, receivedOn);
    await persist([]);
  });

  update(m.requestMaterialUpdate, v.validateMaterialRequest, async ({ actor, items, reason, requestedOn: givenRequestedOn }) => {
    const requestedOn = dated(givenRequestedOn);
    const requestId = `R${state.materialRequests.length + 1}`;
    state.materialRequests.push({ requestId, items, reason, requestedAt: nowIso(), ...(requestedOn ? { requestedOn } : {}) });
    items.forEach((label, i) => state.material.push({ itemKey: `${requestId}-${i + 1}`, kind: 'requested', label, documentRefs: [], requestId, status: 'requested' }));
    record(actor, 'requestMaterial', { reason, details: { requestId, items, clock: '审查期限暂停计算（指导意见第十一条）', ...(requestedOn ? { requestedOn } : {}) } });
    await deadlines.pause('acceptanceRuling', requestedOn && cstDateOf(instantOf(resolveLegalMoment(requestedOn, 'requestedOn'))));
    await deadlines.open('supplementation', state.homeCourt, requestedOn);
    await persist([]);
  });

  update(m.supplyMaterialUpdate, v.validateMaterialSupply, async ({ actor, requestId, documents, filedOn, postedOn }) => {
    const suppliedOn = dated(filedOn);
    const request = state.materialRequests.find((r) => r.requestId === requestId)!;
    Object.assign(request, { suppliedAt: nowIso(), documents, ...(suppliedOn ? { suppliedOn } : {}), ...(postedOn ? { postedOn } : {}) });
    for (const item of state.material.filter((i) => i.requestId === requestId)) Object.assign(item, { status: 'supplied', documentRefs: documents });
    record(actor, 'supplyMaterial', { details: { requestId, documents, ...(suppliedOn ? { suppliedOn } : {}), ...(postedOn ? { postedOn } : {}) } });
    // Met or late by the day the material was filed or posted (art. 85: posting within the period is
    // in time), not by when the clerk recorded it; runs before the patch judged by the recording.
    const doneOn = suppliedOn && patched(supplyByLegalDatePatch) ? postedOn ?? suppliedOn : undefined;
    await deadlines.complete('supplementation', doneOn);
    // The review counts again from the day the material arrived; the days between are left out whole.
    await deadlines.resume('acceptanceRuling', suppliedOn && cstDateOf(instantOf(resolveLegalMoment(suppliedOn, 'filedOn'))));
    await persist([]);
  });

  async function rule(
    actor: Actor, kind: 'accepted' | 'rejected', rulingNumber: string, reasons: string | undefined, givenRuledOn: string | undefined,
    claimsPeriod?: AcceptanceInput['claimsPeriod'],
  ): Promise<void> {
    const ruledOn = dated(givenRuledOn);
    state.ruling = { kind, rulingNumber, ruledAt: nowIso(), reasons, ...(ruledOn ? { ruledOn } : {}) };
    // Only acceptances that carry it (issue 15) record it: older inputs have none.
    if (claimsPeriod) state.claimsPeriod = { ...claimsPeriod, fixedAt: nowIso() };
    const open = state.materialRequests.find((r) => !r.suppliedAt);
    record(actor, kind === 'accepted' ? 'acceptTransfer' : 'rejectTransfer', {
      to: kind, reason: reasons, details: { rulingNumber, ...(ruledOn ? { ruledOn } : {}), ...(claimsPeriod ? { claimsPeriod } : {}) },
    });
    if (open) {
      await deadlines.complete('supplementation');
      await deadlines.resume('acceptanceRuling');
    }
    await deadlines.complete('acceptanceRuling', doneBy(ruledOn));
    await deadlines.open('rulingService', state.receivingCourt, ruledOn);
    const accepted = kind === 'accepted';
    await persist([
      ...state.parties.map((p) => notices.rulingService(noticeKey('ruling', p.partyId), 'party', p.partyId, accepted, rulingNumber)),
      ...involvedCourts(state).map((court) => notices.rulingService(noticeKey('ruling', court), 'court', court, accepted, rulingNumber)),
    ]);
    if (accepted) {
      await around.handKnownCreditors(rulingNumber, ruledOn);
      await persist([]);
    }
  }

  update(m.acceptUpdate, v.validateAcceptance, ({ actor, rulingNumber, reasons, ruledOn, claimsPeriod }) => rule(actor, 'accepted', rulingNumber, reasons, ruledOn, claimsPeriod));
  update(m.rejectUpdate, v.validateRejection, ({ actor, rulingNumber, reasons, ruledOn }) => rule(actor, 'rejected', rulingNumber, reasons, ruledOn));

  update(m.recordHandOverUpdate, v.validateHandOver, async ({ actor, items, seizures, enforcementCosts, handedOverOn }) => {
    for (const p of state.property) {
      const item = items.find((i) => i.itemId === p.itemId);
      const seizure = seizures.find((s) => s.itemId === p.itemId);
      p.disposition = ownershipPassed(p) ? 'excluded' : item ? item.to : seizure!.disposition;
    }
    state.handOver = { recordedAt: nowIso(), enforcementCosts, ...(handedOverOn ? { handedOverOn } : {}) };
    record(actor, 'recordHandOver', {
      reason: '移交未发放款项、未分配变价款、扣押动产及有价证券；所有权已转移的财产不移交；执行费用作为破产费用（指导意见第十五至十七条）',
      details: {
        handedOver: items.map((i) => i.itemId), seizures, enforcementCosts,
        excluded: state.property.filter((p) => p.disposition === 'excluded').map((p) => p.itemId),
        ...(handedOverOn ? { handedOverOn } : {}),
      },
    });
    // Met or late by the day it was handed over (GO art. 15: 七日内), not by when it was recorded.
    await deadlines.complete('handOver', handedOverOn);
    const receiving = state.receivingCourt!;
    await persist([
      ...toParties('hand-over', (key, partyId) => partyNotices.handOverRecorded(key, 'party', partyId, receiving)),
      partyNotices.handOverRecorded(noticeKey('hand-over', receiving), 'court', receiving, receiving),
    ]);
  });

  update(m.declareBankruptcyUpdate, v.validateDeclaration, async ({ actor, rulingNumber, kind, ruledOn: givenRuledOn }) => {
    const ruledOn = dated(givenRuledOn);
    state.declaration = { rulingNumber, kind, declaredAt: nowIso(), ...(ruledOn ? { ruledOn } : {}) };
    for (const c of state.cases) c.status = 'terminated';
    record(actor, 'declareBankruptcy', { to: 'bankruptcy_declared', details: { rulingNumber, kind, ...(ruledOn ? { ruledOn } : {}) } });
    record(systemActor, 'terminateEnforcement', { reason: '各执行案件终结执行（指导意见第二十条）', details: { cases: state.cases.map((c) => c.caseNumber) } });
    await persist(involvedCourts(state).map((court) => notices.enforcementEnded(
      noticeKey('terminated', court), court, state.cases.filter((c) => c.court === court), false,
    )));
  });

  update(m.recordReturnUpdate, v.validateReturn, async ({ actor, itemIds, returnedOn }) => {
    for (const p of state.property) if (itemIds.includes(p.itemId)) p.disposition = 'returned';
    for (const item of state.material) item.status = 'returned';
    for (const c of state.cases) c.status = 'resumed';
    state.returnedAt = nowIso();
    if (returnedOn) state.returnedOn = returnedOn;
    record(actor, 'recordReturn', { to: 'returned', details: { itemIds, ...(returnedOn ? { returnedOn } : {}) } });
    record(systemActor, 'resumeEnforcement', { reason: '材料和财产已退回，恢复执行（指导意见第十八条）' });
    // Met or late by the day material went back (GO art. 19: 七日内), not by when it was recorded.
    await deadlines.complete('returnMaterial', returnedOn);
    await persist([
      ...involvedCourts(state).map((court) => notices.enforcementEnded(noticeKey('resumed', court), court, state.cases.filter((c) => c.court === court), true)),
      ...toParties('resumed-party', partyNotices.resumedToParty),
    ]);
  });

  await opening;
  for (;;) {
    await condition(() => isTerminal(state.stage) || failure !== undefined || (continuation.due() && !awaitingPost()));
    if (failure !== undefined) throw failure;
    if (isTerminal(state.stage)) break;
    await quietPoint(effects);
    if (failure !== undefined || isTerminal(state.stage) || !isQuiet(effects) || awaitingPost()) continue;
    const next: TransferCarried = { state, triggeredAt, repliesOpen, audited, deadlines: deadlines.snapshot(), acts: acts.state() };
    await continueAsNew<typeof transferWorkflow>(input, next);
  }
  await condition(allHandlersFinished);
  await deadlines.cancelAll();
  await persist([]);
  if (state.stage === 'no_consent') {
    await around.distribute();
    // A transfer nobody consented to never happened (民诉法解释 art. 514): the run fails so the
    // ID reuse policy (ALLOW_DUPLICATE_FAILED_ONLY) lets a later consent start a new one, while a
    // rejected transfer completes and bars a second one for ever.
    throw ApplicationFailure.create({
      type: 'NoConsent', nonRetryable: true,
      message: `无人同意移送，${state.creditCode}的执行程序继续 (no consent; enforcement continues)`,
    });
  }
  return { stage: state.stage, creditCode: state.creditCode };
}
