// Validators of the acts around the core (issue 5): small synchronous checks of identity, stage and
// what has been recorded so far; a refusal changes nothing.
import { ApplicationFailure } from '@temporalio/common';
import type {
  AppealInput, CorrectionInput, CreditorNoticeInput, SupervisionOrderInput, SupervisionRequestInput, SuspensionInput,
} from '../../api/schemas/transfer-around';
import { filingTimeliness, type FilingTimeliness } from '../clock/legal-time';
import { PeriodError } from '../clock/periods';
import { refuse } from '../shared/permissions';
import { pendingSupervision } from './around-state';
import type { DeadlineView } from './state';
import { checkDate, permitted, returningRulingName, type ValidationContext } from './validators';

/** Whether an appeal filed (or posted) on these dates meets the window ending at `windowDueAt` (民事诉讼法 art. 85). */
export function appealTimeliness(windowDueAt: string, filedOn: string, postedOn: string | undefined): FilingTimeliness {
  return filingTimeliness({ document: '上诉状', filedOn, ...(postedOn ? { postedOn } : {}), due: { dueMs: Date.parse(windowDueAt), provisional: false } });
}

export function validateAppeal(ctx: ValidationContext, input: AppealInput): void {
  permitted(ctx, input.actor, 'transfer.recordAppeal');
  const appeal = ctx.state.around?.appeal;
  if (!appeal) refuse('WrongStage', `${returningRulingName(ctx.state)}尚未送达，上诉期未开始 (the ruling has not been served; no appeal window)`);
  if (input.step === 'filed') {
    if (appeal.filed) refuse('WrongStage', `已于${appeal.filed.filedOn}记录上诉 (an appeal is already recorded)`);
    if (appeal.lapsedAt) refuse('WrongStage', `上诉期已于${appeal.lapsedAt}届满，裁定已生效（企业破产法第十二条） (the appeal window has passed)`);
    if (!ctx.state.parties.some((p) => p.partyId === input.appellantPartyId)) {
      refuse('NotFound', `${input.appellantPartyId}不是本案当事人 (appellantPartyId: not a party to this transfer)`);
    }
    if (!ctx.legalDates || !appeal.windowDueAt) return;
    const served = { field: 'servedOn（裁定送达日期）', moment: ctx.state.ruling?.servedOn };
    checkDate(ctx, 'filedOn', input.filedOn, served);
    checkDate(ctx, 'postedOn', input.postedOn, served);
    let timeliness: FilingTimeliness;
    try {
      timeliness = filingTimeliness({
        document: '上诉状', filedOn: input.filedOn ?? ctx.legalDates.nowMs, ...(input.postedOn ? { postedOn: input.postedOn } : {}),
        due: { dueMs: Date.parse(appeal.windowDueAt), provisional: false },
      });
    } catch (err) {
      if (err instanceof PeriodError) refuse('ValidationFailed', `${err.field}：${err.message}`);
      throw err;
    }
    if (!timeliness.timely) refuse('ValidationFailed', `${timeliness.reason}；${returningRulingName(ctx.state)}的上诉期为送达之日起十日（企业破产法第十二条）`);
    return;
  }
  if (!appeal.filed) refuse('WrongStage', '尚无上诉，不能记录上诉结果 (no appeal has been filed)');
  if (appeal.decided) refuse('WrongStage', `上诉已于${appeal.decided.decidedOn}裁定 (the appeal is already decided)`);
  // The higher court decides an appeal after it was filed (issue 13, outside break: decided 11-22 on an appeal filed 11-25 was taken).
  if (input.decidedOn !== undefined) checkDate(ctx, 'decidedOn', input.decidedOn, { field: 'filedOn（上诉提起日期）', moment: appeal.filed.filedOn });
  // Served after it was made (and not in the future).
  checkDate(ctx, 'servedOn', input.servedOn, { field: 'decidedOn（二审裁定作出日期）', moment: input.decidedOn });
}

const reviewOverdue = (open: DeadlineView[]) => open.some((d) => d.key.includes(':acceptanceRuling:') && d.overdue);

export function validateSupervisionRequest(ctx: ValidationContext, input: SupervisionRequestInput, open: DeadlineView[]): void {
  permitted(ctx, input.actor, 'transfer.requestSupervision');
  const pending = pendingSupervision(ctx.state.around);
  if (pending) refuse('WrongStage', `已于${pending.requestedAt}申请${pending.higherCourt}监督，尚未作出指令 (a supervision request is pending)`);
  if (input.grounds === 'package_refused' && ctx.state.stage !== 'decided') {
    refuse('WrongStage', '受移送法院已接收材料，不属于拒绝接收 (grounds package_refused: the package has been docketed)');
  }
  if (input.grounds === 'review_overdue' && (ctx.state.stage !== 'under_review' || !reviewOverdue(open))) {
    refuse('WrongStage', '受理审查期限（30日）尚未届满 (grounds review_overdue: the 30-day review has not run out)');
  }
  // The letter follows the transfer decision it is about (GO art. 13).
  checkDate(ctx, 'receivedOn', input.receivedOn, { field: 'ruledOn（移送决定作出日期）', moment: ctx.state.decision?.ruledOn });
}

export function validateSupervisionOrder(ctx: ValidationContext, input: SupervisionOrderInput): void {
  const pending = pendingSupervision(ctx.state.around);
  // The higher court is among the process's courts once asked (processScope); only it records its order.
  permitted(ctx, input.actor, 'transfer.recordSupervisionOrder');
  if (!pending) refuse('WrongStage', '没有待处理的监督申请 (no supervision request is pending)');
  if (input.actor.role !== 'system' && input.actor.court !== pending.higherCourt) {
    throw ApplicationFailure.create({
      type: 'Forbidden', nonRetryable: true, message: `监督指令由${pending.higherCourt}作出 (only the higher court ${pending.higherCourt} records its order)`,
    });
  }
  // Made after the letter reached the higher court (or, without its date, after the request was recorded).
  checkDate(ctx, 'ruledOn', input.ruledOn, pending.receivedOn
    ? { field: 'receivedOn（上一级法院收到监督函日期）', moment: pending.receivedOn }
    : { field: 'requestedAt（申请监督时间）', moment: pending.requestedAt });
}

export function validateCreditorNotice(ctx: ValidationContext, input: CreditorNoticeInput): void {
  permitted(ctx, input.actor, 'transfer.recordCreditorNotice');
  const known = ctx.state.around?.knownCreditors;
  if (!known) refuse('WrongStage', '已知债权人尚未移交 (known creditors have not been handed over)');
  if (known.notifiedOn) refuse('WrongStage', `已于${known.notifiedOn}通知并公告 (already recorded)`);
  // Notified on or after the acceptance ruling it announces (企业破产法 art. 14).
  checkDate(ctx, 'notifiedOn', input.notifiedOn, { field: 'ruledOn（裁定受理日期）', moment: ctx.state.ruling?.ruledOn });
}

export function validateSuspension(ctx: ValidationContext, input: SuspensionInput, suspend: boolean): void {
  permitted(ctx, input.actor, 'transfer.suspendProcess');
  const suspended = ctx.state.around?.suspension;
  if (suspend && suspended) refuse('WrongStage', `移送程序已于${suspended.at}暂停 (already suspended)`);
  if (!suspend && !suspended) refuse('WrongStage', '移送程序未暂停 (not suspended)');
}

export function validateCorrection(ctx: ValidationContext, input: CorrectionInput): void {
  permitted(ctx, input.actor, 'transfer.correctRecord');
  if (!ctx.state.history.some((act) => act.seq === input.correctsSeq)) {
    refuse('NotFound', `没有序号为${input.correctsSeq}的记录 (correctsSeq: no such recorded act)`);
  }
}
