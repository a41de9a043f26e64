// Who may read a preservation before its measures are carried out. A pre-suit or pre-arbitration
// preservation is applied for without the respondent being heard (民事诉讼法 arts. 103–104): read
// before the measures are carried out, the application names the account to be frozen — a warning
// to move the money. So the respondent sees it only once the enforcement division has reported the
// ruling carried out, or the application was refused; the applicant sees its own at once. An
// in-suit preservation belongs to a case the respondent is already a party to (issue 14).
// Pure: the workflow stamps the instant, the API and the console read it.
import type { Actor } from '../shared/actor';
import type { PreservationKind } from '../../api/schemas/preservation';
import type { PreservationStage } from './stages';

/** What secrecy needs to know of a preservation: the query state and the read model row both have it. */
export interface Disclosable {
  kind: PreservationKind;
  stage: PreservationStage | string;
  applicantPartyId: string;
  respondentPartyId: string;
  /** Since when the respondent may read it (CST ISO); absent while it is kept from the respondent. */
  disclosedAt?: string | Date | null;
}

// A converted or concluded preservation had its suit and its judgment: nothing is secret any more.
const disclosedStages: readonly string[] = ['refused', 'converted', 'concluded'];

/** True when the respondent may read the preservation now. */
export function disclosedToRespondent(p: Pick<Disclosable, 'kind' | 'stage' | 'disclosedAt'>): boolean {
  return p.kind === 'in_suit' || (p.disclosedAt !== undefined && p.disclosedAt !== null) || disclosedStages.includes(p.stage);
}

/**
 * False only for the respondent's own token while the preservation is kept from it; court staff
 * and the applicant are judged by the permission table alone. A party named as both (never in a
 * real case) counts as the applicant.
 */
export function secrecyAllows(actor: Actor, p: Disclosable): boolean {
  if (actor.role !== 'party' || actor.partyId !== p.respondentPartyId || actor.partyId === p.applicantPartyId) return true;
  return disclosedToRespondent(p);
}

/**
 * Whether `actor` may see a seizure this preservation made on the property of a transfer's debtor
 * (issue 14: the transfer's payment order, package and status). The same rule as `secrecyAllows`,
 * with the transfer's debtor standing as the respondent too: the register holds the seizure under
 * the debtor's credit code whatever party id the preservation gave the respondent, and the debtor
 * must not learn from the transfer what the preservation keeps from it.
 */
export function seizureSecrecyAllows(actor: Actor, p: Disclosable, debtorPartyId: string): boolean {
  return secrecyAllows(actor, p) && secrecyAllows(actor, { ...p, respondentPartyId: debtorPartyId });
}
