// What a transfer knows about the acts around its core (issue 5): the appeal against a rejection,
// supervision by the higher court, known creditors, the attachment-order distribution when nobody
// consented, a supervisor's suspension and corrections. Kept under `state.around`.
import type { DistributionRow } from '../../activities/transfer/distribution';
import type { Ruling, TransferState } from './state';

export interface AppealRecord {
  windowOpenedAt: string;
  /** The window's last instant (CST ISO), when it ran from the service date (issue 13). */
  windowDueAt?: string;
  /** The window passed and nothing is filed yet: appeals posted in time may still arrive until then (民事诉讼法 art. 85). */
  awaitingPostUntil?: string;
  /** The window passed with no appeal: the rejection took effect. */
  lapsedAt?: string;
  filed?: { appellantPartyId: string; filedOn: string; postedOn?: string; recordedBy: string; note?: string };
  /** `decidedOn`: the second-instance ruling's date; `servedOn`: its service on the enforcement court, when given (CST dates). */
  decided?: { outcome: 'upheld' | 'overturned'; rulingNumber: string; decidedOn: string; servedOn?: string; reasons: string };
  /** The rejection an overturning appeal replaced, with its own dates (its `servedOn` is the first-instance service). */
  originalRuling?: Ruling;
}

export interface SupervisionRecord {
  grounds: 'package_refused' | 'review_overdue';
  reason: string;
  higherCourt: string;
  requestedAt: string;
  requestedBy: string;
  /** The day the higher court received the letter (CST date), when given: its 10 days run from it (issue 13). */
  receivedOn?: string;
  /** `ruledOn`: the order's own date (CST date), when given; the 10 days are met or not by it. */
  order?: { order: 'receive' | 'rule'; orderNumber: string; ruledOn?: string; note?: string; recordedAt: string; recordedBy: string };
}

export interface CorrectionRecord {
  seq: number;
  corrects: number;
  correctedAction: string;
  correction: string;
  reason: string;
  by: string;
  at: string;
}

export interface AroundState {
  appeal?: AppealRecord;
  supervisions: SupervisionRecord[];
  knownCreditors?: { handedAt: string; partyIds: string[]; notifiedOn?: string; announcementRef?: string };
  distribution?: { distributionKey: string; rows: DistributionRow[] };
  /** `court`: the suspending supervisor's court, whose periods and acts alone it stops (absent in runs before issue 13: all). */
  suspension?: { by: string; at: string; reason: string; pausedDeadlines: string[]; court?: string };
  corrections: CorrectionRecord[];
}

export function emptyAround(): AroundState {
  return { supervisions: [], corrections: [] };
}

export function pendingSupervision(around: AroundState | undefined): SupervisionRecord | undefined {
  return around?.supervisions.find((s) => !s.order);
}

/**
 * The known creditors a transfer hands to the bankruptcy case on acceptance (企业破产法 art. 14):
 * every applicant of its enforcement cases, with the courts of those cases. The workflow hands
 * these over; `audit:verify --deep` derives known_creditors' rows from the same function.
 */
export function knownCreditorsOf(state: Pick<TransferState, 'parties' | 'cases'>): Array<{ partyId: string; name: string; caseNumbers: string[]; courts: string[] }> {
  return state.parties.filter((p) => p.kind === 'applicant').map((p) => ({
    partyId: p.partyId, name: p.name, caseNumbers: p.caseNumbers,
    courts: [...new Set(state.cases.filter((c) => p.caseNumbers.includes(c.caseNumber)).map((c) => c.court))],
  }));
}
