// The transfer's documents (GO arts. 4, 6, 8, 10): which template, which facts from the transfer's
// state, who it is addressed to and which parties may read it. Pure: the store writes them.
import type { TransferState } from '../../workflows/transfer/state';
import { chineseDate, chineseOrdinal, fill, template } from './render';
import { seizureLine, type SeizureLineFields } from './seizure-list';

export type TransferDocumentKind = 'consent_request' | 'transfer_decision' | 'suspension_notice' | 'package_index';

/** What the workflow asks for at a node; everything else comes from the state it passes. */
export interface TransferDocumentRequest {
  kind: TransferDocumentKind;
  /** A party id (consent request) or a court code (suspension notice); none for the decision and index. */
  recipient?: string;
  /** The consent request's reply-by time. */
  replyBy?: string;
}

export type TransferDocumentState = Omit<TransferState, 'notices' | 'history'>;

export interface IssueTransferDocumentsInput {
  processId: string;
  /** `<workflowId>:<run>:<seq>` of the act that issues them; with kind and recipient, the document's key. */
  keyPrefix: string;
  issuedAt: string;
  state: TransferDocumentState;
  documents: TransferDocumentRequest[];
}

export interface RenderedDocument {
  documentKey: string;
  kind: TransferDocumentKind;
  title: string;
  recipientKind: 'party' | 'court' | 'file';
  recipient: string | null;
  partyIds: string[];
  caseNumbers: string[];
  content: string;
}

export const documentTitles: Record<TransferDocumentKind, string> = {
  consent_request: '移送破产审查征询意见书（附释明）',
  transfer_decision: '执行案件移送破产审查决定书',
  suspension_notice: '中止执行通知书',
  package_index: '移送破产审查材料清单',
};

const templateNames: Record<TransferDocumentKind, string> = {
  consent_request: 'consent-request', transfer_decision: 'transfer-decision', suspension_notice: 'suspension-notice', package_index: 'package-index',
};

const joined = (items: string[]) => items.join('、');

/**
 * Names a document prints instead of the engine's codes: a court's registered name (北京市第三中级人民法院,
 * not IPC-110100) and a person's (赵院长, not president-zhao). Each falls back to the code when the
 * registry has no entry, so a document is never left with a blank.
 */
export interface DocumentNames {
  court(code: string): string;
  person(userId: string): string;
}

/** Names that are the codes themselves: for callers with no registry at hand. */
export const codesAsNames: DocumentNames = { court: (code) => code, person: (userId) => userId };

/**
 * A material reference as a person reads it: the workflow records the investigation as
 * `investigation:<date>` (workflows/transfer/workflow.ts), printed as 财产调查记录（二〇二五年十一月二十日）.
 */
export function documentReference(ref: string): string {
  const investigation = /^investigation:(\d{4}-\d{2}-\d{2})$/.exec(ref);
  return investigation ? `财产调查记录（${chineseDate(legalDayInstant(investigation[1]!))}）` : ref;
}

function debtorOf(state: TransferDocumentState) {
  return state.parties.find((p) => p.partyId === state.debtorPartyId);
}

function commonFacts(state: TransferDocumentState, issuedAt: string, names: DocumentNames): Record<string, string> {
  return {
    homeCourt: names.court(state.homeCourt),
    receivingCourt: state.receivingCourt ? names.court(state.receivingCourt) : '（待定）',
    debtorName: debtorOf(state)?.name ?? state.debtorPartyId,
    creditCode: state.creditCode,
    decisionNumber: state.decision?.decisionNumber ?? '',
    issuedOn: chineseDate(issuedAt),
    // The day the president decided (its ruledOn), which the decision bears and the notices cite —
    // not the day the clerk recorded it (issue 13, outside break: a decision of 10-20 printed 12-02).
    decidedOn: chineseDate(legalDayInstant(state.decision?.ruledOn ?? issuedAt)),
  };
}

/** A legal moment as an instant to print: a bare CST date is taken at noon, so its day is the same in any reading. */
function legalDayInstant(moment: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(moment) ? `${moment}T12:00:00+08:00` : moment;
}

function casesOf(state: TransferDocumentState, partyId: string): string[] {
  if (partyId === state.debtorPartyId) return state.cases.map((c) => c.caseNumber);
  return state.cases.filter((c) => c.applicantIds.includes(partyId)).map((c) => c.caseNumber);
}

function partiesOfCases(state: TransferDocumentState, caseNumbers: string[]): string[] {
  const applicants = state.cases.filter((c) => caseNumbers.includes(c.caseNumber)).flatMap((c) => c.applicantIds);
  return [...new Set([state.debtorPartyId, ...applicants])];
}

function consentRequest(state: TransferDocumentState, request: TransferDocumentRequest, facts: Record<string, string>) {
  const partyId = request.recipient!;
  const caseNumbers = casesOf(state, partyId);
  const party = state.parties.find((p) => p.partyId === partyId);
  return {
    recipientKind: 'party' as const, recipient: partyId, partyIds: [partyId], caseNumbers,
    facts: { ...facts, partyName: party?.name ?? partyId, caseNumbers: joined(caseNumbers), replyBy: request.replyBy ? chineseDate(request.replyBy) : '答复期限届满' },
  };
}

function transferDecision(state: TransferDocumentState, facts: Record<string, string>, names: DocumentNames) {
  const consenting = state.consents.filter((c) => c.reply === 'consented').map((c) => {
    const party = state.parties.find((p) => p.partyId === c.partyId);
    return `${c.kind === 'debtor' ? '被执行人' : '申请执行人'}${party?.name ?? c.partyId}`;
  });
  const caseNumbers = state.cases.map((c) => c.caseNumber);
  return {
    recipientKind: 'file' as const, recipient: null, partyIds: state.parties.map((p) => p.partyId), caseNumbers,
    facts: {
      ...facts, caseNumbers: joined(caseNumbers), investigationOn: chineseDate(legalDayInstant(state.investigation.conductedOn)), investigationFindings: state.investigation.findings,
      consentingParties: consenting.length ? joined(consenting) : '（无）', reasons: state.proposal?.reasons ?? '', signedBy: state.decision ? names.person(state.decision.signedBy) : '',
    },
  };
}

function suspensionNotice(state: TransferDocumentState, request: TransferDocumentRequest, facts: Record<string, string>, names: DocumentNames) {
  const court = request.recipient!;
  const cases = state.cases.filter((c) => c.court === court);
  const caseNumbers = cases.map((c) => c.caseNumber);
  const perishable = state.property.filter((p) => p.perishable && p.status === 'held' && caseNumbers.includes(p.caseNumber));
  return {
    recipientKind: 'court' as const, recipient: court, partyIds: partiesOfCases(state, caseNumbers), caseNumbers,
    facts: {
      ...facts, court: names.court(court), caseList: cases.map((c, i) => `${i + 1}. ${c.caseNumber}`).join('\n'),
      perishable: perishable.length
        ? `其中${joined(perishable.map((p) => p.description))}属鲜活、易腐烂变质或者不宜长期保存的物品，可以继续变价，变价款不得分配，留存待破产程序处理。`
        : '鲜活、易腐烂变质或者不宜长期保存的物品可以继续变价，变价款不得分配。',
    },
  };
}

/**
 * GO art. 10 item 3 asks for the list of what is sealed, seized or frozen, not only the investigation:
 * every seizure of the debtor in the register (whichever court holds it), numbered under the item.
 */
function seizureList(seizures: SeizureLineFields[], names: DocumentNames): string {
  if (seizures.length === 0) return '\n    查封、扣押、冻结财产清单：查封登记中没有该被执行人尚在效力期间的查封、扣押、冻结';
  return `\n    查封、扣押、冻结财产清单（据查封登记，共${seizures.length}项）：`
    + seizures.map((s, i) => `\n    ${i + 1}. ${seizureLine(s, names.court)}`).join('');
}

function packageIndex(state: TransferDocumentState, facts: Record<string, string>, names: DocumentNames, seizures: SeizureLineFields[]) {
  const items = state.material.filter((m) => m.kind !== 'requested')
    .map((m, i) => `${chineseOrdinal(i)}、${m.label}：${m.documentRefs.length ? joined(m.documentRefs.map(documentReference)) : '无'}`
      + (m.kind === 'package_3' ? seizureList(seizures, names) : ''));
  return {
    recipientKind: 'court' as const, recipient: state.receivingCourt ?? null, partyIds: [], caseNumbers: state.cases.map((c) => c.caseNumber),
    facts: { ...facts, items: items.join('\n') },
  };
}

/**
 * One document's text from the transfer's state, with courts and people printed by `names` and dates
 * in Chinese numerals (GB/T 9704). The package index (a court's document, read by no party) lists
 * `seizures`: the debtor's seizures in effect from the register (`seizuresForDebtor`), in register
 * order. Throws when a template names a fact the state does not give.
 */
export function renderTransferDocument(
  input: IssueTransferDocumentsInput, request: TransferDocumentRequest, names: DocumentNames = codesAsNames, seizures: SeizureLineFields[] = [],
): RenderedDocument {
  const facts = commonFacts(input.state, input.issuedAt, names);
  const shaped = request.kind === 'consent_request' ? consentRequest(input.state, request, facts)
    : request.kind === 'transfer_decision' ? transferDecision(input.state, facts, names)
      : request.kind === 'suspension_notice' ? suspensionNotice(input.state, request, facts, names)
        : packageIndex(input.state, facts, names, seizures);
  return {
    documentKey: `${input.keyPrefix}:${request.kind}:${request.recipient ?? 'file'}`,
    kind: request.kind, title: documentTitles[request.kind], recipientKind: shaped.recipientKind, recipient: shaped.recipient,
    partyIds: shaped.partyIds, caseNumbers: shaped.caseNumbers, content: fill(template(templateNames[request.kind]), shaped.facts),
  };
}
