// What one transfer knows about itself: the state the workflow keeps, answers to the status query
// and mirrors into the read model. Pure types and helpers, no Temporal calls.
import type { DeadlineState } from '../clock/deadline';
import type { Actor } from '../shared/actor';
import type { ProcessScope } from '../shared/permissions';
import type { PropertyItem, TransferInput } from '../../api/schemas/transfer';
import type { TransferStage } from './stages';
import type { AppealRecord, AroundState } from './around-state';

export type CaseStatus = 'in_enforcement' | 'suspended' | 'terminated' | 'resumed';

export interface TransferCase {
  caseNumber: string;
  court: string;
  applicantIds: string[];
  status: CaseStatus;
  joinedAt: string;
}

export interface TransferParty {
  partyId: string;
  name: string;
  kind: 'applicant' | 'debtor';
  caseNumbers: string[];
}

export interface ConsentRecord {
  partyId: string;
  kind: 'applicant' | 'debtor';
  askedAt: string;
  /** The consequences were explained (释明) with the request (GO art. 4). */
  explanationGiven: boolean;
  reply: 'pending' | 'consented' | 'refused' | 'withdrawn';
  documentRef?: string;
  repliedAt?: string;
  /** The legal dates of the written reply (issue 13): as dated, and as posted (民事诉讼法 art. 85). */
  repliedOn?: string;
  postedOn?: string;
  withdrawnAt?: string;
  withdrawReason?: string;
  /**
   * The day the request was served on the party (送达日期, CST date; issue 13). From it the party's
   * own reply period runs (`replyBy`, the last instant in time, CST ISO; GO art. 4, 民事诉讼法 art. 85:
   * from the day after service), tracked as the deadline `replyDeadlineKey`. Until it is recorded
   * the party's period is provisional: the request's own period, from when the request was sent.
   */
  servedOn?: string;
  replyBy?: string;
  replyDeadlineKey?: string;
}

export type HandOverDisposition = 'bankruptcy_court' | 'administrator' | 'released' | 'control_handed_over' | 'returned' | 'excluded';

export interface PropertyRecord extends PropertyItem {
  caseNumber: string;
  disposition?: HandOverDisposition;
}

export interface MaterialItem {
  itemKey: string;
  /** package_1 … package_6 are the six items of GO art. 10; `requested` ones were asked for under art. 11. */
  kind: 'package_1' | 'package_2' | 'package_3' | 'package_4' | 'package_5' | 'package_6' | 'requested';
  label: string;
  documentRefs: string[];
  requestId?: string;
  status: 'sent' | 'requested' | 'supplied' | 'returned';
}

export interface MaterialRequest {
  requestId: string;
  items: string[];
  reason: string;
  requestedAt: string;
  /** Legal dates (as given, or the recording instant): the review stops counting from the first and runs again from the second. */
  requestedOn?: string;
  suppliedAt?: string;
  suppliedOn?: string;
  postedOn?: string;
  documents?: string[];
}

export interface Notice {
  noticeKey: string;
  kind: 'consent_request' | 'decision_service' | 'suspension' | 'transfer_package' | 'ruling_service'
    | 'hand_over_request' | 'return_request' | 'enforcement_resumed' | 'enforcement_terminated'
    // Told to the parties themselves (issue 5): suspension, hand-over recorded, resumption.
    | 'party_suspension' | 'hand_over_recorded' | 'party_resumption'
    // The outcome of a party's objection to the transfer decision (GO art. 7; issue 15).
    | 'objection_ruling';
  recipientKind: 'party' | 'court';
  recipient: string;
  body: string;
  caseNumber?: string;
}

export interface TransferAct {
  seq: number;
  at: string;
  action: string;
  actor: Pick<Actor, 'userId' | 'role' | 'court'>;
  reason?: string;
  from?: TransferStage;
  to?: TransferStage;
  details?: Record<string, unknown>;
}

export interface DeadlineView extends DeadlineState {
  key: string;
  label: string;
  court?: string;
}

export interface Ruling {
  /** `dismissed`: the application dismissed after acceptance (企业破产法 art. 12 para. 2); the acceptance is kept in `TransferState.dismissal`. */
  kind: 'accepted' | 'rejected' | 'dismissed';
  rulingNumber: string;
  ruledAt: string;
  /** The legal date of the ruling, as given (or the recording instant). */
  ruledOn?: string;
  reasons?: string;
  servedOn?: string;
  /** When it took effect; issue 5's appeal window moves this for rejections. */
  effectiveAt?: string;
  /** The day it took effect in law (a second-instance ruling upholding it: the day that ruling was made), CST date. */
  effectiveOn?: string;
}

/** A party's objection to the transfer decision, raised at the receiving court during review (DOMAIN.md transfer step 5). */
export interface TransferObjection {
  objectionId: string;
  partyId: string;
  grounds: string;
  documentRef?: string;
  /** The legal date it was raised, as given (or the recording instant). */
  raisedOn?: string;
  /** The postmark of an objection sent by post (CST date): its date in law (民事诉讼法 art. 85), see `objectionDateOf`. */
  postedOn?: string;
  raisedAt: string;
  recordedBy: string;
  ruling?: { outcome: 'sustained' | 'overruled'; reasons: string; ruledOn?: string; ruledAt: string; by: string };
}

export interface LateConsentRequest {
  deadlineKey: string;
  caseNumber: string;
  partyIds: string[];
  replyBy: string;
  open: boolean;
}

export interface TransferState {
  creditCode: string;
  stage: TransferStage;
  homeCourt: string;
  debtorPartyId: string;
  domicileDivisionCode: string;
  receivingCourt?: string;
  receivingCourtReason?: string;
  investigation: TransferInput['investigation'];
  cases: TransferCase[];
  parties: TransferParty[];
  property: PropertyRecord[];
  consents: ConsentRecord[];
  /**
   * Consent requests opened for a case that joined after the reply period or during review (issue 15;
   * GO art. 4: every applicant is asked), each with its own reply deadline (`deadlineKey`).
   */
  lateConsents?: LateConsentRequest[];
  /**
   * The reply period ended with no consent and a reply posted in time may still be in the post
   * (民事诉讼法 art. 85): until `until`, a reply dated or posted by `dueAt` is still taken.
   */
  consentPost?: { dueAt: string; until: string };
  /** The claims-declaration period fixed with the acceptance (企业破产法 art. 45), tracked from the announcement. */
  claimsPeriod?: {
    amount: number; unit: 'days' | 'months'; fixedAt: string; announcedOn?: string; deadlineKey?: string; endedAt?: string;
    /** CST date it ran again from after an overturned dismissal (./dismissal). */
    reopenedOn?: string;
  };
  screening?: Record<string, unknown>;
  proposal?: { reasons: string; documents: { distributedPropertyList?: string; debtList?: string; other: string[] }; proposedAt: string; by: string };
  sentBack?: { by: 'panel' | 'president'; reasons: string; at: string };
  decision?: { decisionNumber: string; signedAt: string; signedBy: string; ruledOn?: string };
  decisionServedOn?: string;
  docketNumber?: string;
  receivedAt?: string;
  /** The legal date the package was received (as given, or the recording instant): the 30-day review runs from it. */
  receivedOn?: string;
  materialRequests: MaterialRequest[];
  material: MaterialItem[];
  /** Objections to the transfer decision raised at the receiving court (absent until the first). */
  objections?: TransferObjection[];
  ruling?: Ruling;
  /** `handedOverOn`: the day it was handed over, as given (issue 13). */
  handOver?: { recordedAt: string; enforcementCosts: { description: string; amountCents: number }[]; handedOverOn?: string };
  declaration?: { rulingNumber: string; kind: string; declaredAt: string; ruledOn?: string };
  /**
   * The application dismissed after acceptance (企业破产法 art. 12 para. 2): the acceptance it set aside,
   * who dismissed it and when; `overturned` when the higher court set the dismissal aside on appeal.
   * The dismissal itself is `ruling` from then on, so service, appeal and return run as for a rejection.
   */
  dismissal?: {
    acceptance: Ruling; dismissedAt: string; by: string;
    /** An appeal recorded before (a rejection overturned into the acceptance), kept when the dismissal's own window opens. */
    earlierAppeal?: AppealRecord;
    overturned?: { rulingNumber: string; decidedOn: string; recordedAt: string };
  };
  returnedAt?: string;
  /** The day material and property went back, as given (issue 13). */
  returnedOn?: string;
  /** Appeal, supervision, known creditors, distribution, suspension, corrections (issue 5). */
  around?: AroundState;
  notices: Notice[];
  history: TransferAct[];
  seq: number;
}

export interface TransferStatus extends Omit<TransferState, 'notices'> {
  workflowId: string;
  stageLabel: string;
  deadlines: DeadlineView[];
  scope: ProcessScope;
}

export function involvedCourts(state: Pick<TransferState, 'cases'>): string[] {
  return [...new Set(state.cases.map((c) => c.court))];
}

export function processScope(workflowId: string, state: TransferState): ProcessScope {
  return {
    processId: workflowId,
    homeCourt: state.homeCourt,
    receivingCourt: state.receivingCourt,
    // A higher court asked to supervise (GO art. 13) is part of the process from then on.
    involvedCourts: [...new Set([...involvedCourts(state), ...(state.around?.supervisions ?? []).map((s) => s.higherCourt)])],
    partyIds: state.parties.map((p) => p.partyId),
  };
}

/** Ownership has passed: sold at auction with the ruling served, given in lieu, or paid out (GO art. 16). */
export function ownershipPassed(item: PropertyItem): boolean {
  return item.status !== 'held';
}

export function effectiveConsents(state: Pick<TransferState, 'consents'>): ConsentRecord[] {
  return state.consents.filter((c) => c.reply === 'consented');
}

/** The date an objection counts by: its postmark when it came by post (民事诉讼法 art. 85: 邮寄的，以邮寄日为准), else the day it was raised. */
export function objectionDateOf(o: Pick<TransferObjection, 'raisedOn' | 'postedOn'>): string | undefined {
  return o.postedOn ?? o.raisedOn;
}
