// The preservation workflow (财产保全, DOMAIN.md Workflow 2): one per application, id
// `preservation-<court>-<application number>`. Every human act is an Update: its validator checks
// stage and permission synchronously, its handler does the work through activities.
import { allHandlersFinished, condition, continueAsNew, patched, setHandler } from '@temporalio/workflow';
import { cstIso } from '../clock/cst';
import { filingTimeliness } from '../clock/legal-time';
import { PeriodError } from '../clock/periods';
import { checkActDate } from '../shared/legal-dates';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../shared/actor';
import { ActLedger, type ActLedgerState } from '../shared/acts';
import { Continuation, isQuiet, quietPoint, refuseWhileHandingOver } from '../shared/continuation';
import { effectModeOfRun } from '../shared/effect-mode';
import type { PreservationInput } from '../../api/schemas/preservation';
import { refuse } from '../shared/permissions';
import {
  answerConsultationUpdate, closeUpdate, consultUpdate, fileEnforcementUpdate, recordMeasureUpdate, recordRiskNoticeUpdate,
  recordSuitFiledUpdate, releaseMeasureUpdate, renewMeasureUpdate, reportExecutionUpdate, ruleUpdate, seizureRankedSignal, statusQuery,
  type PreservationAck,
} from './messages';
import { PreservationProcess, type PreservationCarried } from './process';
import type { PreservationState } from './types';

/** What a run hands to its continuation (continue-as-new, ../shared/continuation). */
// Runs before small answers (./messages) carried whole states as the recorded answers of their acts;
// a repeat answered from one gets that state, which the API does not read (it queries the status).
export type PreservationContinued = { process: PreservationCarried; acts: ActLedgerState<PreservationAck> };

// Issue 13: the application, ruling, measures and suit carry their legal dates; runs before it
// counted from recording and refused a measure taken before the ruling was recorded.
export const preservationLegalDatesPatch = 'preservation-legal-dates';

/**
 * Measures one preservation may hold. Every measure stays in the state a run carries into its
 * continuation (with its term, deadline and register keys: about 2 KB, up to 3 KB with the longest
 * asset and location), and that input has Temporal's payload limit (2 MB, warned from 512 KB);
 * 200 keeps the largest state well inside it. A ruling that reaches further is a case for a new
 * application. Checked only in the validator, so no replayed run is affected.
 */
export const maxMeasures = 200;

/**
 * `carried` is set only by the workflow itself when it continues as new; a start passes the input alone.
 * `input.historyEventLimit` (events) continues as new before Temporal would suggest it (tests, small limits).
 */
export async function preservation(input: PreservationInput, carried?: PreservationContinued): Promise<PreservationState> {
  // The application is recorded (stage awaiting_ruling) in the constructor and its opening effects
  // are queued before any handler is registered: an Update delivered in the run's first activation
  // is validated as its handler is registered and must see the opened application, and the opening
  // writes come first in the effect queue (./process) whatever that Update does.
  // A continued run opens nothing: it takes over the previous run's deadlines and watches.
  // Decided before the run's first command: one marker for the whole run.
  const legal = patched(preservationLegalDatesPatch);
  const p = new PreservationProcess(input, carried?.process, legal, effectModeOfRun());
  const dated = (field: string, moment: string | undefined, notBefore?: { field: string; moment: string | undefined }) =>
    checkActDate(input.profile, field, moment, Date.now(), notBefore);
  // Decides when to continue as new, only as effects settle (../shared/continuation says why).
  const continuation = new Continuation(p.effects, input.historyEventLimit);
  if (carried) p.resume(carried.process);
  const opening = carried ? undefined : p.open();
  const done = (): PreservationAck => ({ stage: p.state.stage, recorded: p.recorded });

  setHandler(statusQuery, () => p.status());
  // The register moved a seizure of this process (查封扣押冻结规定 art. 26), behind patched('seizure-promotion').
  setHandler(seizureRankedSignal, (ranked) => p.seizureRanked(ranked));

  // Identical repeats are acknowledged with the first answer; floods are refused (../shared/acts).
  const acts = new ActLedger<PreservationAck>(() => p.recorded, input.actLimits, carried?.acts);
  function act<I extends { actor: Actor }>(
    def: UpdateDefinition<PreservationAck, [I]>,
    handle: (input: I) => Promise<PreservationAck>,
    options: { validator: (input: I) => void },
  ): void {
    setHandler(def, (input: I) => acts.run(def.name, input, () => handle(input)), {
      validator: (input: I) => {
        // No new act while the run waits to hand over, or a steady flow of acts keeps it from ever doing so.
        if (continuation.due()) refuseWhileHandingOver();
        if (!acts.check(def.name, input)) options.validator(input);
      },
    });
  }

  act(recordRiskNoticeUpdate, async ({ actor, note }) => { await p.recordRiskNotice(actor, note); return done(); }, {
    validator: ({ actor }) => {
      p.check('riskNotice', actor);
      if (p.state.riskNotifiedAt) refuse('ValidationFailed', `已于 ${p.state.riskNotifiedAt} 告知执行风险 (risk notice already recorded)`);
    },
  });

  act(ruleUpdate, async ({ actor, decision, reason, ruledOn }) => { await p.rule(actor, decision, reason, ruledOn); return done(); }, {
    validator: ({ actor, ruledOn }) => {
      p.check('rule', actor);
      if (legal) dated('ruledOn', ruledOn, { field: 'appliedOn（受理申请时间）', moment: p.state.appliedOn });
    },
  });

  act(recordMeasureUpdate, async ({ actor, takenAt, takenOn, ...measure }) => {
    const taken = legal ? takenOn ?? takenAt : takenAt;
    await p.recordMeasure(actor, { ...measure, takenAt: taken === undefined ? new Date().toISOString() : cstIso(p.legalMs(taken, 'takenOn')) });
    return done();
  }, {
    validator: ({ actor, measureId, takenAt, takenOn }) => {
      p.check('recordMeasure', actor);
      if (p.state.measures.length >= maxMeasures) {
        refuse('ValidationFailed', `本保全已登记${maxMeasures}项措施，达到一件保全的上限；其余财产请另行申请保全 (at most ${maxMeasures} measures per preservation)`);
      }
      p.reserve('measure', measureId, '保全措施编号');
      // A bank or registry often acts before the clerk records it: the measure may not precede the ruling itself.
      if (legal) return dated(takenOn === undefined ? 'takenAt' : 'takenOn', takenOn ?? takenAt, { field: 'ruledOn（保全裁定作出时间）', moment: p.state.ruling?.ruledOn });
      if (takenAt === undefined) return;
      const takenMs = Date.parse(takenAt);
      if (takenMs > Date.now()) refuse('ValidationFailed', `takenAt: 采取措施时间不能晚于现在 (${takenAt} is in the future)`);
      if (takenMs < Date.parse(p.state.ruling!.at)) refuse('ValidationFailed', `takenAt: 采取措施时间不能早于保全裁定 (${takenAt} is before the ruling)`);
    },
  });

  act(reportExecutionUpdate, async ({ actor, note, executedOn }) => { await p.reportExecution(actor, note, legal ? executedOn : undefined); return done(); }, {
    validator: ({ actor, executedOn }) => {
      p.check('reportExecution', actor);
      const reported = p.state.execution;
      if (reported) refuse('WrongStage', `已于 ${reported.reportedAt} 报告保全裁定执行完毕 (execution already reported)`);
      if (legal) dated('executedOn', executedOn, { field: 'ruledOn（保全裁定作出时间）', moment: p.state.ruling?.ruledOn });
    },
  });

  act(renewMeasureUpdate, async ({ actor, measureId, note, appliedOn }) => { await p.renewMeasure(actor, measureId, note, appliedOn); return done(); }, {
    validator: ({ actor, measureId, appliedOn }) => {
      p.check('renewMeasure', actor);
      const measure = p.liveMeasure(measureId);
      if (measure.queued) refuse('WrongStage', `措施 ${measureId} 正在轮候，尚未生效，无需续行 (a queued seizure has no term to renew)`);
      p.checkNotRenewedAhead(measure);
      // An application renews the term in effect: it cannot precede that term's first day.
      const [field, termStart] = measure.termStartsAt ? ['termStartsAt（本期续行期间起始日）', measure.termStartsAt]
        : measure.effectiveAt ? ['effectiveAt（措施递升生效日）', measure.effectiveAt] : ['takenAt（采取措施时间）', measure.takenAt];
      dated('appliedOn', appliedOn, { field, moment: termStart.slice(0, 10) });
    },
  });

  act(releaseMeasureUpdate, async ({ actor, measureId, reason, ruling }) => { await p.releaseMeasure(actor, measureId, reason, ruling); return done(); }, {
    validator: ({ actor, measureId, ruling }) => {
      p.check('releaseMeasure', actor);
      p.checkReleaseRuling(p.liveMeasure(measureId), ruling);
    },
  });

  act(recordSuitFiledUpdate, async ({ actor, caseNumber, forum, filedAt, filedOn, postedOn }) => {
    const filed = legal ? filedOn ?? filedAt : filedAt;
    await p.recordSuitFiled(actor, caseNumber, forum, filed === undefined ? new Date().toISOString() : cstIso(p.legalMs(filed, 'filedOn')), legal ? postedOn : undefined);
    return done();
  }, {
    validator: ({ actor, filedAt, filedOn, postedOn }) => {
      p.check('recordSuitFiled', actor);
      if (p.state.kind === 'in_suit') refuse('WrongStage', '诉讼中保全已有案件，无需登记起诉 (an in-suit preservation already has its case)');
      if (p.state.suitFiled) refuse('WrongStage', `已登记起诉：${p.state.suitFiled.caseNumber} (suit already recorded)`);
      if (legal) return checkSuit(filedOn ?? filedAt, postedOn);
      const filedMs = filedAt === undefined ? Date.now() : Date.parse(filedAt);
      if (filedMs > Date.now()) refuse('ValidationFailed', `filedAt: 起诉时间不能晚于现在 (${filedAt} is in the future)`);
      const due = p.preSuitDue();
      if (due !== undefined && filedMs > due) refuse('ValidationFailed', 'filedAt: 已超过30日起诉期限 (filed after the 30-day pre-suit deadline)');
    },
  });

  /** A suit after a pre-suit measure is in time when filed, or posted, within the 30 days (民事诉讼法 arts. 85, 104). */
  function checkSuit(filed: string | undefined, postedOn: string | undefined): void {
    // The suit follows the application it keeps alive: neither filed nor posted before the applicant
    // applied (its appliedOn, else the day the application was recorded; issue 13).
    const applied = { field: 'appliedOn（申请保全日期）', moment: p.state.appliedOn ?? p.state.appliedAt.slice(0, 10) };
    dated('filedOn', filed, applied);
    dated('postedOn', postedOn, applied);
    const dueMs = p.preSuitDue();
    if (dueMs === undefined) return;
    try {
      const answer = filingTimeliness({ document: '起诉状', filedOn: filed ?? Date.now(), ...(postedOn ? { postedOn } : {}), due: { dueMs, provisional: false } });
      if (!answer.timely) refuse('ValidationFailed', `${answer.reason}；诉前保全应于采取措施后三十日内起诉（民事诉讼法第一百零四条）`);
    } catch (err) {
      if (err instanceof PeriodError) refuse('ValidationFailed', `${err.field}：${err.message}`);
      throw err;
    }
  }

  act(consultUpdate, async ({ actor, consultationId, question }) => { await p.consult(actor, consultationId, question); return done(); }, {
    validator: ({ actor, consultationId }) => {
      p.check('consult', actor);
      p.reserve('consultation', consultationId, '征询编号');
    },
  });

  act(answerConsultationUpdate, async ({ actor, consultationId, answer, receivedOn }) => {
    await p.answerConsultation(actor, consultationId, answer, receivedOn);
    return done();
  }, {
    validator: ({ actor, consultationId, receivedOn }) => {
      p.check('answerConsultation', actor);
      const consultation = p.consultation(consultationId);
      if (consultation.answer !== undefined) refuse('WrongStage', `征询 ${consultationId} 已答复 (already answered)`);
      // An answer cannot be received before the consultation it answers was sent.
      dated('receivedOn', receivedOn, { field: 'askedAt（征询时间）', moment: consultation.askedAt.slice(0, 10) });
    },
  });

  act(fileEnforcementUpdate, async ({ actor, enforcementCaseNumber }) => {
    await p.fileEnforcement(actor, enforcementCaseNumber);
    return done();
  }, {
    validator: ({ actor }) => {
      p.check('fileEnforcement', actor);
      if (p.state.kind !== 'in_suit' && !p.state.suitFiled) {
        refuse('WrongStage', '诉前保全尚未起诉，没有可申请执行的裁判 (no suit filed: there is no judgment to enforce)');
      }
    },
  });

  act(closeUpdate, async ({ actor, outcome, reason }) => { await p.close(actor, outcome, reason); return done(); }, {
    validator: ({ actor, outcome }) => {
      p.check('close', actor);
      const converted = p.state.stage === 'converted';
      if (converted !== (outcome === 'enforcement_concluded')) {
        refuse('WrongStage', converted
          ? '已转执行，只能以执行终结结案 (a converted preservation ends only when enforcement concludes)'
          : '尚未转执行，不能以执行终结结案 (not converted: the case ends withdrawn, lost or settled)');
      }
    },
  });

  await opening;
  for (;;) {
    await condition(() => p.finished() || continuation.due());
    if (p.finished()) break;
    await quietPoint(p.effects);
    if (p.finished() || !isQuiet(p.effects)) continue;
    await continueAsNew<typeof preservation>(input, { process: p.snapshot(), acts: acts.state() });
  }
  // Handlers finish their activities (audit, read model) before the run completes.
  await condition(() => p.finished() && allHandlersFinished());
  if (p.failure !== undefined) throw p.failure;
  return p.status();
}
