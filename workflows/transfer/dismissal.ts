// The application dismissed after acceptance (企业破产法 art. 12 para. 2: 人民法院受理破产申请后至破产宣告前，
// 经审查发现债务人不符合破产条件的，可以裁定驳回申请). The dismissal becomes the transfer's ruling and then
// runs the rejection's course, which the workflow already has: served (5 days), the 10-day appeal window
// (art. 12: 申请人对裁定不服的，可以自裁定送达之日起十日内向上一级人民法院提起上诉), in effect when it
// passes or the appeal is dismissed, then material and property back within 7 days and enforcement
// resumed (GO art. 18), with the payment order by seizure; no second transfer (GO art. 19).
import { patched } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { systemActor, type Actor } from '../shared/actor';
import { emptyAround } from './around-state';
import type { TransferDeadlines } from './deadlines';
import * as m from './messages';
import * as notices from './notices';
import type { TransferStage } from './stages';
import { involvedCourts, type Notice, type TransferState } from './state';
import * as v from './validators';

export const dismissalPatch = 'transfer-dismissal-after-acceptance';
// Issue 15 (leftover): the claims period a dismissal cancelled runs again when the dismissal is overturned.
export const claimsAfterOverturnPatch = 'claims-period-after-overturn';

export interface DismissalDeps {
  state: TransferState;
  deadlines: TransferDeadlines;
  record(actor: Actor, action: string, opts?: { to?: TransferStage; reason?: string; details?: Record<string, unknown> }): number;
  persist(notices: Notice[]): Promise<void>;
  update<I extends { actor: Actor }>(
    def: UpdateDefinition<m.TransferAck, [I]>, validate: (c: v.ValidationContext, input: I) => void, handle: (input: I) => Promise<void>,
  ): void;
  /** A notice key unique to the latest act. */
  noticeKey(kind: string, to: string): string;
  /** The act's legal date as given, or (in runs that take legal dates) the moment of recording. */
  dated(given: string | undefined): string | undefined;
  nowIso(): string;
}

// What the acceptance set running and a dismissal ends: the hand-over (GO art. 15), the notice to known
// creditors (企业破产法 art. 14) and the claims period (art. 45) belong to a bankruptcy that is no longer.
const acceptanceDeadlines = ['handOver', 'knownCreditorNotice', 'claimsDeclaration'] as const;

export const dismissalLabels = {
  rulingService: '驳回申请裁定送达期限',
  appealWindow: '驳回申请裁定上诉期（10日）',
} as const;

export function dismissalAfterAcceptance(d: DismissalDeps) {
  const { state, deadlines, record, persist, nowIso } = d;

  d.update(m.dismissAfterAcceptanceUpdate, v.validateDismissal, async ({ actor, rulingNumber, reasons, ruledOn: givenRuledOn }) => {
    // Marks the histories that took this path; a worker without it cannot replay them.
    patched(dismissalPatch);
    const ruledOn = d.dated(givenRuledOn);
    const acceptance = state.ruling!;
    const earlierAppeal = state.around?.appeal;
    state.dismissal = { acceptance, dismissedAt: nowIso(), by: actor.userId, ...(earlierAppeal ? { earlierAppeal } : {}) };
    // The dismissal's own appeal window opens on its service; an appeal of the rejection it follows is history.
    if (earlierAppeal) state.around!.appeal = undefined;
    state.ruling = { kind: 'dismissed', rulingNumber, ruledAt: nowIso(), reasons, ...(ruledOn ? { ruledOn } : {}) };
    record(actor, 'dismissAfterAcceptance', {
      to: 'dismissed', reason: reasons,
      details: {
        rulingNumber, acceptanceRulingNumber: acceptance.rulingNumber, ...(ruledOn ? { ruledOn } : {}),
        law: '受理破产申请后至破产宣告前，经审查发现债务人不符合破产条件的，裁定驳回申请（企业破产法第十二条第二款）',
      },
    });
    for (const name of acceptanceDeadlines) await deadlines.cancel(name);
    await deadlines.open('rulingService', state.receivingCourt, ruledOn, undefined, dismissalLabels.rulingService);
    await persist([
      ...state.parties.map((p) => notices.dismissalService(d.noticeKey('dismissal', p.partyId), 'party', p.partyId, rulingNumber)),
      ...involvedCourts(state).map((court) => notices.dismissalService(d.noticeKey('dismissal', court), 'court', court, rulingNumber)),
    ]);
  });

  /**
   * The claims period (企业破产法 art. 45) the dismissal cancelled runs again once the dismissal is set
   * aside, in full as the court fixed it, from `decidedOn` (CST date), the day of the appeal ruling.
   * Why this date and this length: art. 45 gives creditors a period of at least 30 days counted from a
   * public announcement of a standing acceptance; while the dismissal stood there was no bankruptcy to
   * declare into (the creditors were served the dismissal, art. 12 para. 2), so those days cannot count
   * against them. What was left at the dismissal may be under the 30-day minimum and the original end
   * date may already have passed, so neither keeps art. 45; the period the court fixed, counted again,
   * does. It counts from the appeal ruling's date because a second-instance ruling is final and in effect
   * when made (民事诉讼法 art. 182: 第二审人民法院的判决、裁定，是终审的判决、裁定), the day the
   * acceptance stands again. A period not yet opened (no announcement yet) or already ended is left
   * alone: the announcement opens the former (./around).
   */
  async function reopenClaimsPeriod(decidedOn: string): Promise<void> {
    const claims = state.claimsPeriod;
    if (!claims?.deadlineKey || claims.endedAt || !patched(claimsAfterOverturnPatch)) return;
    const dueAt = await deadlines.open('claimsDeclaration', state.receivingCourt, decidedOn, { amount: claims.amount, unit: claims.unit });
    claims.deadlineKey = deadlines.latestKey('claimsDeclaration');
    claims.reopenedOn = decidedOn;
    record(systemActor, 'reopenClaimsPeriod', {
      reason: `驳回申请裁定经上诉被撤销，受理裁定继续有效；债权申报期限${claims.amount}${claims.unit === 'days' ? '日' : '个月'}`
        + '自撤销裁定作出之日起重新计算（企业破产法第四十五条、第十二条）',
      details: { decidedOn, dueAt },
    });
  }

  return {
    /**
     * The higher court set the dismissal aside on appeal: the acceptance stands again and what it asks
     * of the enforcement court and the receiving court runs anew from the appeal's decision.
     */
    async overturned(actor: Actor, decision: { rulingNumber: string; decidedOn: string; reasons: string }): Promise<void> {
      const dismissal = state.dismissal!;
      dismissal.overturned = { rulingNumber: decision.rulingNumber, decidedOn: decision.decidedOn, recordedAt: nowIso() };
      const around = (state.around ??= emptyAround());
      around.appeal!.originalRuling = state.ruling;
      state.ruling = dismissal.acceptance;
      record(actor, 'appealDecided', {
        to: 'accepted', reason: `上一级人民法院撤销驳回申请裁定，受理裁定继续有效（企业破产法第十二条）：${decision.reasons}`,
        details: { ...decision, acceptanceRulingNumber: dismissal.acceptance.rulingNumber },
      });
      if (!state.handOver) await deadlines.open('handOver', state.homeCourt);
      if (around.knownCreditors && !around.knownCreditors.notifiedOn) await deadlines.open('knownCreditorNotice', state.receivingCourt);
      await reopenClaimsPeriod(decision.decidedOn);
      await persist([]);
    },
  };
}
