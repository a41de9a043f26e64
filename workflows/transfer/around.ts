// The transfer's acts around its core (issue 5), registered on the running workflow: the appeal
// window after a rejection (企业破产法 art. 12), supervision by the higher court (GO art. 13), known
// creditors on acceptance (企业破产法 art. 14), the attachment-order distribution when nobody
// consents (民诉法解释 art. 514), and a supervisor's suspension and corrections. The workflow calls
// the returned functions at its seams.
import { condition, patched } from '@temporalio/workflow';
import { cstDateOf } from '../clock/cst';
import type { UpdateDefinition } from '@temporalio/common';
import { leadTime, postalMarginOf, type StatuteProfile } from '../clock/statute-profile';
import { systemActor, type Actor } from '../shared/actor';
import { emptyAround, knownCreditorsOf, pendingSupervision, type AppealRecord, type AroundState } from './around-state';
import * as av from './around-validators';
import { higherCourtOf } from './courts';
import type { TransferDeadlines } from './deadlines';
import * as m from './messages';
import type { TransferStage } from './stages';
import type { Notice, TransferState } from './state';
import { returningRulingName, type ValidationContext } from './validators';
import { dismissalLabels } from './dismissal';
import type { EffectQueue } from '../shared/effects';
import type { EffectMode } from '../shared/effect-mode';
import { orderedWrites } from './writes';

export interface AroundDeps {
  workflowId: string;
  stepPrefix: string;
  /** The run's effect queue: every activity goes through it (../shared/effects). */
  effects: EffectQueue;
  /** How this run calls its effects (../shared/effect-mode). */
  effectMode: EffectMode;
  state: TransferState;
  deadlines: TransferDeadlines;
  record(actor: Actor, action: string, opts?: { to?: TransferStage; reason?: string; details?: Record<string, unknown> }): number;
  persist(notices: Notice[]): Promise<void>;
  update<I extends { actor: Actor }>(
    def: UpdateDefinition<m.TransferAck, [I]>, validate: (c: ValidationContext, input: I) => void, handle: (input: I) => Promise<void>,
  ): void;
  /** The seam of the core: the rejection (or dismissal) takes effect and the 7-day return begins. */
  rejectionTakesEffect(effectiveOn?: string): Promise<void>;
  /** The seam of ./dismissal: the higher court set a dismissal after acceptance aside. */
  dismissalOverturned(actor: Actor, decision: { rulingNumber: string; decidedOn: string; reasons: string }): Promise<void>;
  nowIso(): string;
  /** Runs that take legal dates (issue 13): the profile whose postal margin a lapse waits. */
  legalDates?: StatuteProfile;
  /** The legal date an act was done on, to close its period by; undefined in runs that close by recording. */
  doneBy?: (on: string | undefined) => string | undefined;
}

// Issue 13: a supervisor's suspension pauses only its own court's periods and acts; the other
// court's and the parties' run on. Runs suspended before it paused every deadline.
export const suspensionWithinCourtPatch = 'suspension-within-court';

// Issue 13: the known creditors' notice runs from the acceptance ruling's date (企业破产法 art. 14),
// not from the moment the acceptance was recorded.
export const creditorNoticeFromRulingPatch = 'creditor-notice-from-ruling';

// Issue 13 (outside break): an appeal decided on a date makes the ruling effective (upheld) or the
// acceptance to be carried out (overturned) from that date, not from its recording: the 7 days to
// return (GO art. 18) or to hand over (GO art. 15) run from it.
export const effectiveOnDecisionPatch = 'effective-on-decision';

// Issue 13 (outside break): the higher court's 10 days to order (GO art. 13) run from the day it
// received the enforcement court's letter, and the order meets them by its own date, not by when
// either was recorded. Runs before counted from the request's recording and closed by the order's.
export const supervisionByDatePatch = 'supervision-by-legal-date';

// Issue 13 (outside break): with the ruling's service dated, a ruling no one appealed is effective
// from the day after its appeal window's last day, and the return period runs from that day; runs
// before recorded no effective day, and the return ran from when the wait for the post ended.
export const appealLapseFromWindowEndPatch = 'appeal-lapse-from-window-end';

export function aroundTransfer(d: AroundDeps) {
  const { state, deadlines, record, persist, update, nowIso } = d;
  const around = (): AroundState => (state.around ??= emptyAround());
  const activities = orderedWrites(d.effects, d.effectMode);

  /**
   * Hands the applicants over as known creditors; `ruledOn` (CST date) is the acceptance ruling's date,
   * from which the 25 days of 企业破产法 art. 14 run. Runs before the patch counted from the hand-over.
   */
  async function handKnownCreditors(rulingNumber: string, ruledOn?: string): Promise<void> {
    const creditors = knownCreditorsOf(state);
    await activities.handOverKnownCreditors({
      creditCode: state.creditCode, bankruptcyCourt: state.receivingCourt!, rulingNumber, docketNumber: state.docketNumber, creditors,
    });
    around().knownCreditors = { handedAt: nowIso(), partyIds: creditors.map((c) => c.partyId) };
    record(systemActor, 'handKnownCreditors', {
      reason: '执行案件的申请执行人作为已知债权人移交破产案件；受理法院应自裁定受理之日起二十五日内通知已知债权人并予以公告（企业破产法第十四条）',
      details: { partyIds: creditors.map((c) => c.partyId), bankruptcyCourt: state.receivingCourt },
    });
    const from = ruledOn !== undefined && patched(creditorNoticeFromRulingPatch) ? ruledOn : undefined;
    await deadlines.open('knownCreditorNotice', state.receivingCourt, from);
  }

  update(m.recordAppealUpdate, av.validateAppeal, async (input) => {
    const appeal = around().appeal!;
    if (input.step === 'filed') {
      const filedOn = input.filedOn ?? nowIso();
      appeal.filed = {
        appellantPartyId: input.appellantPartyId, filedOn, recordedBy: input.actor.userId, note: input.note,
        ...(input.postedOn ? { postedOn: input.postedOn } : {}),
      };
      // Decided by the filing or its postmark against the window (民事诉讼法 art. 85), whenever it is recorded.
      const timeliness = d.legalDates && appeal.windowDueAt ? av.appealTimeliness(appeal.windowDueAt, filedOn, input.postedOn) : undefined;
      record(input.actor, 'appealFiled', {
        reason: timeliness?.reason ?? '当事人在上诉期内提起上诉，不予受理裁定暂不生效（企业破产法第十二条）',
        details: { ...appeal.filed, ...(timeliness ? { decidedBy: timeliness.decidedBy } : {}) },
      });
      await deadlines.complete('appealWindow', d.doneBy?.(input.postedOn ?? filedOn));
      await persist([]);
      return;
    }
    appeal.decided = {
      outcome: input.outcome, rulingNumber: input.rulingNumber, decidedOn: input.decidedOn, reasons: input.reasons,
      ...(input.servedOn ? { servedOn: input.servedOn } : {}),
    };
    if (input.outcome === 'upheld') {
      record(input.actor, 'appealDecided', { reason: `上诉被驳回，${returningRulingName(state)}生效：${input.reasons}`, details: { ...appeal.decided } });
      await d.rejectionTakesEffect(input.decidedOn);
      await persist([]);
      return;
    }
    if (state.ruling?.kind === 'dismissed') {
      await d.dismissalOverturned(input.actor, { rulingNumber: input.rulingNumber, decidedOn: input.decidedOn, reasons: input.reasons });
      return;
    }
    // The rejection stays as it was, first-instance service date included, in `originalRuling`; the
    // acceptance is the higher court's ruling, with its own dates: made on decidedOn, served on the
    // enforcement court on servedOn (what the hand-over and its checks read as the acceptance's
    // service). Without a service date the decision's date stands for it, as before.
    appeal.originalRuling = state.ruling;
    const servedOn = input.servedOn ?? input.decidedOn;
    state.ruling = {
      kind: 'accepted', rulingNumber: input.rulingNumber, ruledAt: nowIso(), ruledOn: input.decidedOn, servedOn, effectiveAt: nowIso(),
      reasons: `上一级人民法院撤销不予受理裁定，指令受理（企业破产法第十二条）：${input.reasons}`,
    };
    record(input.actor, 'appealDecided', { to: 'accepted', reason: state.ruling.reasons, details: { ...appeal.decided } });
    // 7 days from receiving the acceptance (GO art. 15): its service, when given.
    await deadlines.open('handOver', state.homeCourt, d.legalDates && patched(effectiveOnDecisionPatch) ? servedOn : undefined);
    await handKnownCreditors(input.rulingNumber, input.decidedOn);
    await persist([]);
  });

  update(m.requestSupervisionUpdate, (c, input) => av.validateSupervisionRequest(c, input, deadlines.openViews()), async ({ actor, grounds, reason, receivedOn }) => {
    const higherCourt = higherCourtOf(state.receivingCourt!);
    // In runs that take legal dates, the letter's receipt is as given or the day of recording.
    const received = d.legalDates && patched(supervisionByDatePatch) ? receivedOn ?? nowIso() : undefined;
    around().supervisions.push({ grounds, reason, higherCourt, requestedAt: nowIso(), requestedBy: actor.userId, ...(received ? { receivedOn: received } : {}) });
    record(actor, 'requestSupervision', {
      reason: `${grounds === 'package_refused' ? '受移送法院拒绝接收移送材料' : '受移送法院未在三十日内作出是否受理的裁定'}，请求${higherCourt}监督（指导意见第十三条）：${reason}`,
      details: { grounds, higherCourt, ...(received ? { receivedOn: received } : {}) },
    });
    await deadlines.open('supervisionOrder', higherCourt, received);
    await persist([]);
  });

  update(m.recordSupervisionOrderUpdate, av.validateSupervisionOrder, async ({ actor, order, orderNumber, note, ruledOn: givenRuledOn }) => {
    const pending = pendingSupervision(around())!;
    // A request dated by its receipt (patched) is answered by the order's date: as given, or the day of recording.
    const ruledOn = pending.receivedOn !== undefined ? givenRuledOn ?? nowIso() : givenRuledOn;
    pending.order = { order, orderNumber, note, recordedAt: nowIso(), recordedBy: actor.userId, ...(ruledOn ? { ruledOn } : {}) };
    record(actor, 'recordSupervisionOrder', {
      reason: order === 'receive' ? '上一级法院指令受移送法院接收材料' : '上一级法院指令受移送法院作出是否受理的裁定',
      details: { orderNumber, order, note, higherCourt: pending.higherCourt, ...(ruledOn ? { ruledOn } : {}) },
    });
    await deadlines.complete('supervisionOrder', pending.receivedOn !== undefined ? ruledOn : undefined);
    await persist([]);
  });

  update(m.recordCreditorNoticeUpdate, av.validateCreditorNotice, async ({ actor, notifiedOn, announcementRef }) => {
    Object.assign(around().knownCreditors!, { notifiedOn, announcementRef });
    record(actor, 'notifyKnownCreditors', { reason: '已通知已知债权人并公告受理（企业破产法第十四条）', details: { notifiedOn, announcementRef } });
    await deadlines.complete('knownCreditorNotice', d.doneBy?.(notifiedOn));
    // The claims period fixed with the acceptance runs from the announcement (企业破产法 art. 45).
    const claims = state.claimsPeriod;
    if (claims && !claims.deadlineKey && patched('claims-period')) {
      claims.announcedOn = notifiedOn;
      const dueAt = await deadlines.open('claimsDeclaration', state.receivingCourt, undefined, { amount: claims.amount, unit: claims.unit });
      claims.deadlineKey = deadlines.latestKey('claimsDeclaration');
      record(systemActor, 'openClaimsPeriod', {
        reason: `债权申报期限自公告之日起${claims.amount}${claims.unit === 'days' ? '日' : '个月'}（企业破产法第四十五条）`, details: { announcedOn: notifiedOn, dueAt },
      });
    }
    await persist([]);
  });

  update(m.suspendProcessUpdate, (c, input) => av.validateSuspension(c, input, true), async ({ actor, reason }) => {
    const court = patched(suspensionWithinCourtPatch) ? actor.court : undefined;
    const pausedDeadlines = await deadlines.pauseAll(court);
    around().suspension = { by: actor.userId, at: nowIso(), reason, pausedDeadlines, ...(court ? { court } : {}) };
    record(actor, 'suspendProcess', { reason, details: { pausedDeadlines } });
    await persist([]);
  });

  update(m.resumeProcessUpdate, (c, input) => av.validateSuspension(c, input, false), async ({ actor, reason }) => {
    const { pausedDeadlines, at } = around().suspension!;
    around().suspension = undefined;
    await deadlines.resumeKeys(pausedDeadlines);
    record(actor, 'resumeProcess', { reason, details: { suspendedAt: at, resumedDeadlines: pausedDeadlines } });
    await persist([]);
  });

  // A wrong record is never edited: the correction is a new act pointing at the one it corrects.
  update(m.correctRecordUpdate, av.validateCorrection, async ({ actor, correctsSeq, correction, reason }) => {
    const original = state.history.find((act) => act.seq === correctsSeq)!;
    const seq = record(actor, 'correctRecord', { reason, details: { corrects: correctsSeq, correctedAction: original.action, correction } });
    around().corrections.push({ seq, corrects: correctsSeq, correctedAction: original.action, correction, reason, by: actor.userId, at: nowIso() });
    await persist([]);
  });

  return {
    /** The rejection (or dismissal) was served: it takes effect only after the appeal window (企业破产法 art. 12). */
    async openAppealWindow(servedOn?: string): Promise<void> {
      const appeal: AppealRecord = { windowOpenedAt: nowIso() };
      around().appeal = appeal;
      record(systemActor, 'openAppealWindow', {
        reason: `${returningRulingName(state)}已送达，上诉期十日；期满无人上诉的，裁定生效（企业破产法第十二条）`, ...(servedOn ? { details: { servedOn } } : {}),
      });
      const label = state.ruling?.kind === 'dismissed' ? dismissalLabels.appealWindow : undefined;
      const dueAt = await deadlines.open('appealWindow', state.receivingCourt, servedOn, undefined, label);
      if (servedOn) appeal.windowDueAt = dueAt;
    },

    /** The window passed: with no appeal on file, the rejection takes effect. */
    async appealWindowLapsed(): Promise<void> {
      const appeal = around().appeal;
      if (!appeal || appeal.filed) return;
      // An appeal posted in time may still be in the post (民事诉讼法 art. 85), or filed in time and not
      // yet recorded: wait the profile's margin from now for it before the rejection takes effect —
      // from now, not from the window's end, so a service recorded weeks late still leaves clerks the
      // margin to record an appeal lodged within the window.
      if (d.legalDates) {
        const marginMs = leadTime(d.legalDates, postalMarginOf(d.legalDates));
        appeal.awaitingPostUntil = new Date(Date.now() + marginMs).toISOString();
        await condition(() => appeal.filed !== undefined, marginMs);
        appeal.awaitingPostUntil = undefined;
        if (appeal.filed) return;
      }
      appeal.lapsedAt = nowIso();
      record(systemActor, 'appealWindowPassed', { reason: '上诉期届满，无人上诉 (the appeal window passed with no appeal)' });
      // No one appealed, so the ruling took effect when the window ended (企业破产法 art. 12): the day
      // after its last day, and the material's 7 days to return (GO art. 18) run from that day, not from
      // when the wait ended (outside break: a service recorded weeks late put the effect weeks late).
      // Statutory clock only: on a compressed one a day is not a calendar day to be effective on.
      const windowEnd = d.legalDates?.clock.mode === 'statutory' && appeal.windowDueAt && patched(appealLapseFromWindowEndPatch)
        ? Date.parse(appeal.windowDueAt) : undefined;
      await d.rejectionTakesEffect(windowEnd === undefined ? undefined : cstDateOf(windowEnd + 1));
      await persist([]);
    },

    handKnownCreditors,

    /** The claims-declaration period ended: claims after it are late (企业破产法 art. 56), not refused. */
    async claimsPeriodEnded(): Promise<void> {
      if (!state.claimsPeriod || state.claimsPeriod.endedAt) return;
      state.claimsPeriod.endedAt = nowIso();
      record(systemActor, 'claimsPeriodEnded', { reason: '债权申报期限届满；此后申报的可在破产财产最后分配前补充申报（企业破产法第五十六条）' });
      await persist([]);
    },

    /** Nobody consented: record the order in which ordinary creditors are paid (民诉法解释 art. 514). */
    async distribute(reason = '无人同意移送，执行程序继续：扣除执行费用、清偿优先受偿债权后，普通债权按查封、扣押、冻结的先后顺序清偿（民诉法解释第514条）'): Promise<void> {
      const distributionKey = `${d.stepPrefix}:distribution`;
      const rows = await activities.recordAttachmentDistribution({
        distributionKey, creditCode: state.creditCode, workflowId: d.workflowId, cases: state.cases, property: state.property,
      });
      around().distribution = { distributionKey, rows };
      record(systemActor, 'attachmentDistribution', {
        reason,
        details: { distributionKey, order: rows.map((r) => ({ position: r.position, tier: r.tier, caseNumber: r.caseNumber, creditorIds: r.creditorIds })) },
      });
      await persist([]);
    },
  };
}
