// What a preservation process looks like from outside: its query result and the snapshot the
// read model stores. Plain data, safe to share between the workflow, activities and the API.
import type { DeadlineState } from '../clock/deadline';
import type { PreservationKind, PreservationMeasureKind } from '../../api/schemas/preservation';
import type { PreservationStage } from './stages';

export type MeasureStatus = 'live' | 'lapsed' | 'released' | 'converted';

export interface MeasureState {
  measureId: string;
  kind: PreservationMeasureKind;
  asset: string;
  location: string;
  /** When the measure was taken: kept through renewal and conversion (轮候 order). */
  takenAt: string;
  /**
   * Rank among seizures on this asset (轮候顺位), 1 = first: the seizure register's, from the order
   * of seizures on the asset (查封扣押冻结规定 art. 26), never the number typed (runs under the
   * 'seizure-promotion' patch).
   */
  rank: number;
  /**
   * Waiting behind a seizure in effect on the same asset (轮候): no effect, no term running, and
   * `expiresAt`/`renewBy` empty, until it moves up (art. 26).
   */
  queued?: boolean;
  /** When it took effect, if later than `takenAt`: the day it moved up from the queue. */
  effectiveAt?: string;
  /** 1 for the first term, +1 per renewal (续行). */
  term: number;
  /**
   * First instant of the current term when it is a renewal's (续行期间自原期限届满时起算), CST;
   * absent for a first term. A measure is not renewed again before it (`checkNotRenewedAhead`).
   */
  termStartsAt?: string;
  /** Last instant of the current term, CST; '' while queued. */
  expiresAt: string;
  /** Renewal must be applied for by this instant (PP art. 18: at least 7 days before expiry). */
  renewBy: string;
  status: MeasureStatus;
  recordedBy: string;
  lapseImminentEscalated: boolean;
  releasedAt?: string;
  releaseReason?: string;
  /** The ruling that released it (民事诉讼法 art. 104; 财产保全规定 art. 23): its number and CST date. */
  releaseRuling?: { number: string; ruledOn: string };
  convertedAt?: string;
  /**
   * The latest renewal ('renewal-applied-on'): the day the applicant applied (CST date, as given or
   * the day it was recorded), the renew-by instant of the term it renewed, whether it came after it
   * (财产保全规定 art. 18), and when it was recorded.
   */
  renewal?: { appliedOn: string; renewBy: string; late: boolean; recordedAt: string };
  /** A converted seizure's end with its enforcement case (closure), when the register stops watching it. */
  endedAt?: string;
}

export interface ConsultationState {
  consultationId: string;
  question: string;
  askedBy: string;
  askedAt: string;
  dueAt: string;
  answer?: string;
  answeredBy?: string;
  answeredAt?: string;
  /**
   * The day the enforcement division received the answer (CST date, as given or the day it was
   * recorded): the answer is in time or late by it ('consultation-answer-received-on').
   */
  receivedOn?: string;
  late: boolean;
  escalated: boolean;
  cancelled: boolean;
}

export interface RulingState {
  decision: 'granted' | 'refused';
  reason: string;
  by: string;
  role: string;
  at: string;
  /** The legal time of the ruling (as given, or the recording instant), in runs that take legal dates. */
  ruledOn?: string;
  late: boolean;
}

export interface PreservationState {
  preservationId: string;
  court: string;
  applicationNumber: string;
  kind: PreservationKind;
  urgent: boolean;
  stage: PreservationStage;
  stageLabel: string;
  /** The case the preservation belongs to; for pre-suit ones, set when the suit is filed. */
  caseNumber?: string;
  applicantPartyId: string;
  respondentPartyId: string;
  respondentCreditCode?: string;
  amount: string;
  propertyNamed: string[];
  appliedAt: string;
  /** When the application (and security) was accepted, as given: the time to rule runs from it (PP art. 4). */
  appliedOn?: string;
  riskNotifiedAt?: string;
  ruling?: RulingState;
  handedOverAt?: string;
  /** The enforcement division reported the granted ruling carried out (民事诉讼法 art. 103: 立即开始执行). */
  execution?: { reportedAt: string; by: string; late: boolean; note?: string; executedOn?: string };
  /** From when the respondent may read a pre-suit or pre-arbitration preservation (./secrecy). */
  disclosedAt?: string;
  suitFiled?: { caseNumber: string; forum: 'court' | 'arbitration'; filedAt: string; postedOn?: string };
  enforcementCaseNumber?: string;
  convertedAt?: string;
  closure?: { outcome: string; reason: string; at: string; by: string };
  measures: MeasureState[];
  consultations: ConsultationState[];
  /** Every deadline of the process, measure terms included. */
  deadlines: DeadlineState[];
}

/** What the read model's `preservations` row holds: the process without its lists (smaller history). */
export type PreservationRow = Omit<PreservationState, 'measures' | 'consultations' | 'deadlines'>;
