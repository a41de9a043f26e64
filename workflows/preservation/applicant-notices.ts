// Notices the preservation sends its applicant, in Chinese as the applicant reads them. The
// applicant is the one who must apply for renewal (民诉法解释 art. 485; PP art. 18: at least 7 days
// before expiry), so the reminders before expiry go to them, not only to court staff.
import { cstIso } from '../clock/cst';
import type { ProcessNotice } from '../notices/process-notice';
import type { MeasureState, PreservationState } from './types';

/** 'YYYY-MM-DD HH:mm' China Standard Time, as a person reads a date. */
export function cstMinute(iso: string): string {
  return cstIso(Date.parse(iso)).slice(0, 16).replace('T', ' ');
}

export function renewalReminderToApplicant(noticeKey: string, state: PreservationState, measure: MeasureState): ProcessNotice {
  return {
    noticeKey, processKind: 'preservation', processId: state.preservationId, kind: 'measure_renewal_reminder',
    recipientKind: 'party', recipient: state.applicantPartyId, court: state.court, caseNumber: state.caseNumber,
    creditCode: state.respondentCreditCode,
    body: `你（单位）申请的财产保全措施（${measure.asset}，${measure.location}）将于${cstMinute(measure.expiresAt)}到期。`
      + `如需继续保全，请于${cstMinute(measure.renewBy)}前向${state.court}申请续行；期限届满未续行的，措施自动失效`
      + '（民诉法解释第四百八十五条，财产保全规定第十八条）。',
    details: { measureId: measure.measureId, kind: measure.kind, term: measure.term, expiresAt: measure.expiresAt, renewBy: measure.renewBy },
  };
}
