// One preservation application's life: ruling, hand-off to enforcement, each measure's expiry
// watch, the pre-suit deadline, consultations, conversion or release. The workflow file wires
// its validators and handlers to Temporal messages; this class holds the state and the rules.
//
// Measures are watched inside this workflow, one timer loop each, not in child workflows: an
// application has a handful of measures, each adding a few timers and activity calls per term
// (years long), so history stays small; and conversion must turn every live measure at one
// instant in one transaction, which one owner of all measures can do without coordination.
import { ApplicationFailure, condition, getExternalWorkflowHandle, patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { PreservationInput } from '../../api/schemas/preservation';
import { Deadline, type DeadlineSnapshot, type DeadlineState } from '../clock/deadline';
import { cstDateOf, cstIso } from '../clock/cst';
import { doneInTime, resolveLegalMoment, type LegalMoment } from '../clock/legal-time';
import type { MeasureTerm } from '../clock/measure-term';
import { legalStartMs } from '../shared/legal-dates';
import type { Due } from '../clock/periods';
import type { StatuteProfile } from '../clock/statute-profile';
import { systemActor, type Actor } from '../shared/actor';
import type { DeadlineStatus } from '../shared/deadline-record';
import { assertAllowed, refuse, type ProcessScope } from '../shared/permissions';
import { courtKey, nextDeadlineKey, overdueKey, processKindKey, stageKey } from '../search-attributes';
import { renewalReminderToApplicant } from './applicant-notices';
import { deadlineLeadsMs, measureLeadsMs, PreservationClock, renewalLeadMs, termLeads, type TermLeads } from './clock';
import {
  actionFor, stageLabels, stepAllowedIn, terminalStages, type PreservationStage, type PreservationStep,
} from './stages';
import type { ConsultationState, MeasureState, PreservationRow, PreservationState, RulingState } from './types';
import { EffectQueue } from '../shared/effects';
import { orderedWrites, type PreservationWrites } from './writes';
import type { EffectMode } from '../shared/effect-mode';
import type { MeasureRowInput } from '../../activities/preservation/read-model';
import type { RegisterContext, SeizureRanked } from '../../activities/preservation/seizures';
import { seizureRankedSignal } from './messages';


type Tracked = { deadline: Deadline; name: string; label: string; officer?: string };
type EscalationKind = 'reminder' | 'overdue' | 'lapse-imminent' | 'lapsed';
type TrackOptions = {
  leads: number[]; officer?: string; background?: boolean;
  onRemind: (state: DeadlineState, lead: number) => Promise<unknown>; onDue: (state: DeadlineState) => Promise<unknown>;
};

/** What a run hands to its continuation (continue-as-new, ../shared/continuation): all it knows. */
export type PreservationCarried = {
  state: PreservationState;
  /** Every deadline tracked so far, in the order opened, with its clock. */
  deadlines: Array<Omit<Tracked, 'deadline'> & { key: string; deadline: DeadlineSnapshot }>;
  measureKeys: Record<string, string>;
  renewedDue: Record<string, Due>;
  consultationKeys: Record<string, string>;
  reserved: string[];
  lapses: string[];
  rulingKey?: string;
  preSuitKey?: string;
  /** The granted ruling's execution deadline (`executionDeadlinePatch`). */
  executionKey?: string;
  /** Acts audited so far. */
  recorded: number;
  /** Each measure's current term's reminder and renewal leads (terms on the registry's date). */
  termLeads?: Record<string, TermLeads>;
  /** Converted measures are still watched, renewed and released (`convertedWatchPatch`). */
  convertedWatched?: boolean;
};

// Versions of this workflow's code (README "Versioning"): a running process keeps the path it
// took; a new one takes the new path.
/** Measure terms on the registry's date (../clock/measure-term), not art. 85's procedural count. */
const registryTermPatch = 'measure-term-registry';
/**
 * Converted measures stay watched: the term keeps running after conversion and must be renewed
 * before it ends (民诉法解释 art. 485; 财产保全规定), by the court holding the seizure.
 */
const convertedWatchPatch = 'converted-seizures-watched';
/** A granted ruling is carried out within `preservationExecution` (民事诉讼法 art. 103), escalated when missed. */
const executionDeadlinePatch = 'preservation-execution-deadline';
/**
 * Ranks by the system (查封扣押冻结规定 art. 26): the register ranks a new measure on its asset and
 * queues it behind a seizure in effect (no term while queued); a release or lapse moves the next
 * seizure up, and its holder, told by Signal, starts its term that day and watches its expiry.
 */
const promotionPatch = 'seizure-promotion';
/**
 * One renewal per term: a measure renewed whose renewed term has not begun is not renewed again
 * (民诉法解释 art. 485: each continuation runs at most one term from the end of the last). Two
 * renewals taken at once, or a clerk's retry without its Idempotency-Key after another act, stacked
 * two terms ahead of the registry.
 */
const renewalOncePatch = 'renewal-once-per-term';
// Issue 13: a ruling is late or in time by its ruledOn (the date the law counts), not by when it was
// recorded: ruled within 48 hours and recorded the next morning is not late.
const rulingByDatePatch = 'ruling-late-by-date';
// The same for carrying out a granted ruling, by the executedOn its report gives.
const executionByDatePatch = 'execution-by-date';
// Issue 13: a consultation's answer is in time or late by the day the enforcement division received
// it (`receivedOn`, default the day it is recorded), not by the instant the clerk typed it.
const answerReceivedOnPatch = 'consultation-answer-received-on';
// Issue 13: a renewal is in time or late against the term's renew-by day (财产保全规定 art. 18) by the
// day the applicant applied (`appliedOn`, default the day it is recorded), not by its recording.
const renewalAppliedOnPatch = 'renewal-applied-on';
// Issue 13: the 48 hours to rule on an urgent or pre-suit application accepted on a day with no
// hour given run from 24:00 of that day (art. 85: the starting day is not counted), not from 00:00.
const urgentRulingDayEndPatch = 'urgent-ruling-from-day-end';

const nowIso = () => cstIso(Date.now());
const noop = () => Promise.resolve();

export class PreservationProcess {
  readonly state: PreservationState;
  private readonly profile: StatuteProfile;
  private readonly clock: PreservationClock;
  // Every effect of this run, in the order asked for (../shared/effects says why).
  readonly effects = new EffectQueue();
  private readonly writes: PreservationWrites;
  private readonly id: string;
  private readonly deadlines = new Map<string, Tracked>();
  private readonly measureKeys = new Map<string, string>();
  private readonly renewedDue = new Map<string, Due>();
  /** The current term's leads per measure, for terms counted on the registry's date. */
  private readonly termLeads = new Map<string, TermLeads>();
  private readonly consultationKeys = new Map<string, string>();
  private readonly reserved = new Set<string>();
  /** Terms whose lapse is recorded (`<measureId>:<term>`). */
  private readonly lapses = new Set<string>();
  private rulingKey: string | undefined;
  private executionKey: string | undefined;
  /** Conversion kept the measures' watches running (`convertedWatchPatch`). */
  private convertedWatched = false;
  private preSuitKey: string | undefined;
  private running = 0;
  private opened = false;
  /** Acts audited so far (each act and each consequence of a deadline is audited once). */
  recorded = 0;
  failure: unknown;

  /**
   * `legal`: the run takes legal dates (issue 13): the time to rule runs from `appliedOn`, a measure
   * from its `takenOn`, which may precede the ruling's recording but not the ruling itself.
   * `effectMode`: how the run calls its effects (../shared/effect-mode), decided in its first activation.
   */
  constructor(
    private readonly input: PreservationInput, carried?: PreservationCarried, readonly legal = false, private readonly effectMode: EffectMode = 'local',
  ) {
    this.writes = orderedWrites(this.effects, effectMode);
    this.profile = input.profile;
    this.clock = new PreservationClock(input.profile, this.writes);
    this.id = input.preservationId;
    this.state = carried?.state ?? {
      preservationId: input.preservationId,
      court: input.court,
      applicationNumber: input.applicationNumber,
      kind: input.kind,
      urgent: input.urgent,
      stage: 'awaiting_ruling',
      stageLabel: stageLabels.awaiting_ruling,
      caseNumber: input.caseNumber,
      applicantPartyId: input.applicant.partyId,
      respondentPartyId: input.respondent.partyId,
      respondentCreditCode: input.respondent.creditCode,
      amount: input.amount,
      propertyNamed: input.propertyNamed,
      appliedAt: nowIso(),
      // An in-suit preservation belongs to a case the respondent is a party to: no secrecy (./secrecy).
      ...(input.kind === 'in_suit' ? { disclosedAt: nowIso() } : {}),
      ...(legal && input.appliedOn ? { appliedOn: input.appliedOn } : {}),
      measures: [],
      consultations: [],
      deadlines: [],
    };
  }

  // ── queries and the run loop ────────────────────────────────────────────────────────────

  status(): PreservationState {
    return { ...this.state, deadlines: [...this.deadlines.values()].map((t) => t.deadline.state()) };
  }

  row(): PreservationRow {
    const { measures: _m, consultations: _c, deadlines: _d, ...row } = this.state;
    return row;
  }

  finished(): boolean {
    return this.failure !== undefined || (terminalStages.includes(this.state.stage) && this.running === 0);
  }

  /** The application is received: audit it, show it, start the ruling deadline. */
  async open(): Promise<void> {
    // 民事诉讼法 arts. 103–104, PP art. 4: 48 hours when urgent or before suit, otherwise 5 days.
    const urgent = this.input.urgent || this.input.kind !== 'in_suit';
    const period = urgent ? 'preservationRulingUrgent' : 'preservationRuling';
    const key = `${this.id}:ruling`;
    this.rulingKey = key;
    const appliedOn = this.state.appliedOn;
    const appliedMs = appliedOn ? this.legalMs(appliedOn, 'appliedOn') : Date.now();
    const dayOnly = appliedOn !== undefined && resolveLegalMoment(appliedOn, 'appliedOn').instantMs === undefined;
    const due = urgent && dayOnly && patched(urgentRulingDayEndPatch)
      ? await this.clock.dueFromDayEnd(period, appliedMs) : await this.clock.dueOf(period, appliedMs);
    await this.track(key, period, urgent ? '保全裁定期限（48小时）' : '保全裁定期限（5日）', due, this.rulingWatch(key));
    this.opened = true;
    await this.audit('apply', this.input.appliedBy, 'preservation.apply', undefined, {
      kind: this.input.kind, urgent: this.input.urgent, amount: this.input.amount, security: this.input.security ?? null,
    });
    await this.publish();
  }

  private rulingWatch(key: string): TrackOptions {
    return {
      leads: deadlineLeadsMs(this.profile),
      onDue: () => this.escalate(key, 'overdue', '保全申请逾期未裁定，请督办 (preservation ruling overdue)'),
      onRemind: () => this.escalate(key, 'reminder', '保全申请即将到裁定期限 (preservation ruling due soon)'),
    };
  }

  /** For continue-as-new: everything this run knows (call at a quiet point). */
  snapshot(): PreservationCarried {
    return {
      state: this.state,
      deadlines: [...this.deadlines].map(([key, { deadline, ...t }]) => ({ ...t, key, deadline: deadline.snapshot() })),
      measureKeys: Object.fromEntries(this.measureKeys),
      renewedDue: Object.fromEntries(this.renewedDue),
      consultationKeys: Object.fromEntries(this.consultationKeys),
      reserved: [...this.reserved],
      lapses: [...this.lapses],
      rulingKey: this.rulingKey,
      preSuitKey: this.preSuitKey,
      executionKey: this.executionKey,
      recorded: this.recorded,
      termLeads: Object.fromEntries(this.termLeads),
      convertedWatched: this.convertedWatched,
    };
  }

  /**
   * Takes over the previous run: its deadlines resume where they stood (remaining time, reminders
   * sent, pauses) with their consequences, and every measure still watched is watched again.
   * Writes nothing, so a continued run adds no effect of its own.
   */
  resume(carried: PreservationCarried): void {
    for (const [k, v] of Object.entries(carried.measureKeys)) this.measureKeys.set(k, v);
    for (const [k, v] of Object.entries(carried.renewedDue)) this.renewedDue.set(k, v);
    for (const [k, v] of Object.entries(carried.termLeads ?? {})) this.termLeads.set(k, v);
    for (const [k, v] of Object.entries(carried.consultationKeys)) this.consultationKeys.set(k, v);
    for (const r of carried.reserved) this.reserved.add(r);
    for (const l of carried.lapses) this.lapses.add(l);
    this.rulingKey = carried.rulingKey;
    this.convertedWatched = carried.convertedWatched ?? false;
    this.preSuitKey = carried.preSuitKey;
    this.executionKey = carried.executionKey;
    this.recorded = carried.recorded;
    this.opened = true;
    for (const t of carried.deadlines) {
      const running = !t.deadline.completed && !t.deadline.escalated;
      const measure = this.state.measures.find((m) => this.measureKeys.get(m.measureId) === t.key);
      const consultation = this.state.consultations.find((c) => this.consultationKeys.get(c.consultationId) === t.key);
      if (running && measure) {
        this.spawn(() => this.watchMeasure(measure, t.deadline.due, t.deadline));
        continue;
      }
      const watch: TrackOptions | undefined = !running ? undefined
        : t.key === this.rulingKey ? this.rulingWatch(t.key)
          : t.key === this.preSuitKey ? this.preSuitWatch(t.key)
            : t.key === this.executionKey ? this.executionWatch(t.key)
            : consultation ? this.consultationWatch(t.key, consultation) : undefined;
      void this.track(t.key, t.name, t.label, t.deadline.due, watch ?? { leads: [], background: false, officer: t.officer, onRemind: noop, onDue: noop }, t.deadline);
    }
  }

  /** Acts that touch the ruling deadline wait until `open` has set it (an Update may come first). */
  private async ready(): Promise<void> {
    await condition(() => this.opened);
  }

  // ── validators: small synchronous checks of stage and identity ──────────────────────────

  scope(): ProcessScope {
    return { processId: this.id, homeCourt: this.state.court, partyIds: [this.state.applicantPartyId, this.state.respondentPartyId] };
  }

  check(step: PreservationStep, actor: Actor): void {
    if (step === 'rule') this.checkRuler(actor);
    assertAllowed(actor, actionFor(step, this.state.kind), this.scope());
    if (!stepAllowedIn(this.state.stage, step)) {
      refuse('WrongStage', `当前阶段（${this.state.stageLabel}）不能办理此事项 (${step} is not allowed in stage ${this.state.stage})`);
    }
  }

  private checkRuler(actor: Actor): void {
    const judgeRules = this.state.kind === 'in_suit';
    if (actor.role === 'system' || actor.role === (judgeRules ? 'trial_judge' : 'filing_clerk')) return;
    throw ApplicationFailure.create({
      type: 'Forbidden',
      nonRetryable: true,
      message: judgeRules
        ? '诉讼中保全由审判庭法官裁定 (an in-suit preservation is ruled on by the trial judge)'
        : '诉前、仲裁前保全由立案庭裁定 (a pre-suit or pre-arbitration preservation is ruled on by the filing desk)',
    });
  }

  measure(measureId: string): MeasureState {
    const found = this.state.measures.find((m) => m.measureId === measureId);
    return found ?? refuse('NotFound', `没有编号为 ${measureId} 的保全措施 (no measure ${measureId} in ${this.id})`);
  }

  /**
   * Refuses (WrongStage) a renewal of a measure already renewed whose renewed term has not begun
   * (`renewalOncePatch`): the clerk is told the renewal stands and until when.
   */
  checkNotRenewedAhead(measure: MeasureState): void {
    if (measure.termStartsAt === undefined || Date.parse(measure.termStartsAt) <= Date.now()) return;
    refuse('WrongStage', `措施 ${measure.measureId} 已续行（第${measure.term}期自 ${measure.termStartsAt.slice(0, 10)} 起至 ${measure.expiresAt.slice(0, 10)}），`
      + `续行期间尚未开始，无需再次续行 (already renewed: term ${measure.term} begins ${measure.termStartsAt})`);
  }

  liveMeasure(measureId: string): MeasureState {
    const found = this.measure(measureId);
    if (!this.inEffect(found)) refuse('WrongStage', `措施 ${measureId} 已${statusLabel[found.status]} (measure is ${found.status})`);
    if (Date.now() > Date.parse(found.expiresAt)) refuse('WrongStage', `措施 ${measureId} 已到期 (measure expired at ${found.expiresAt})`);
    return found;
  }

  consultation(consultationId: string): ConsultationState {
    const found = this.state.consultations.find((c) => c.consultationId === consultationId);
    return found ?? refuse('NotFound', `没有编号为 ${consultationId} 的征询 (no consultation ${consultationId})`);
  }

  reserve(kind: string, key: string, label: string): void {
    if (this.reserved.has(`${kind}:${key}`)) refuse('ValidationFailed', `${label} ${key} 已存在 (${kind} ${key} already recorded)`);
  }

  preSuitDue(): number | undefined {
    return this.preSuitKey ? Date.parse(this.deadlines.get(this.preSuitKey)!.deadline.state().dueAt) : undefined;
  }

  // ── acts ────────────────────────────────────────────────────────────────────────────────

  async recordRiskNotice(actor: Actor, note?: string): Promise<void> {
    await this.ready();
    this.state.riskNotifiedAt = nowIso();
    await this.audit('risk-notice', actor, 'preservation.recordRiskNotice', note);
    await this.publish();
  }

  /** The instant a legal date stands for under this profile's clock (a bare date: 00:00 CST; compressed clocks scale its age). */
  legalMs(moment: LegalMoment, field: string): number {
    return legalStartMs(this.profile, resolveLegalMoment(moment, field), Date.now());
  }

  async rule(actor: Actor, decision: 'granted' | 'refused', reason: string, ruledOn?: string): Promise<void> {
    const at = nowIso();
    const ruling: RulingState = { decision, reason, by: actor.userId, role: actor.role, at, late: false, ...(this.legal ? { ruledOn: ruledOn ?? at } : {}) };
    this.state.ruling = ruling;
    this.setStage(decision === 'granted' ? 'in_force' : 'refused');
    // A refused application froze nothing: the respondent may read it (./secrecy).
    if (decision === 'refused') this.disclose(ruling.at);
    // CO: a granting ruling is implemented at once, by the enforcement division.
    if (decision === 'granted') this.state.handedOverAt = ruling.at;
    await this.ready();
    const due = this.deadlines.get(this.rulingKey!)!.deadline.state();
    const byDate = ruledOn !== undefined && this.legal && patched(rulingByDatePatch);
    ruling.late = byDate ? !doneInTime(resolveLegalMoment(ruledOn, 'ruledOn'), Date.parse(due.dueAt)) : due.overdue;
    // Judged by its date, a ruling in time closes the period as met though it had escalated meanwhile.
    await this.closeDeadline(this.rulingKey!, byDate && ruling.late ? 'overdue' : 'met', byDate);
    // The period runs from the ruling (runsFrom 'ruled'): its legal date when one was given.
    const ruledMs = ruling.ruledOn !== undefined && ruling.ruledOn !== at ? this.legalMs(ruling.ruledOn, 'ruledOn') : Date.parse(at);
    if (decision === 'granted' && patched(executionDeadlinePatch)) await this.startExecutionDeadline(ruledMs);
    await this.audit('ruling', actor, `preservation.${decision === 'granted' ? 'grant' : 'refuse'}`, reason);
    if (decision === 'granted') await this.audit('hand-over', systemActor, 'preservation.handOverToEnforcement');
    await this.publish();
  }

  /** `m.rank` is ignored in runs under `promotionPatch`: the register assigns it (art. 26). */
  async recordMeasure(actor: Actor, m: Omit<MeasureState, 'rank' | 'term' | 'expiresAt' | 'renewBy' | 'status' | 'recordedBy' | 'lapseImminentEscalated'> & { rank?: number }): Promise<void> {
    this.reserved.add(`measure:${m.measureId}`);
    const takenMs = Date.parse(m.takenAt);
    // The term runs from the day the measure took effect at the registry, the registry's way.
    const term = patched(registryTermPatch) ? await this.clock.measureTerm(m.kind, takenMs) : undefined;
    const due = term ? dueOfTerm(term) : await this.clock.dueOf(this.profile.measureLifetime[m.kind], takenMs);
    this.assertStillIn('in_force');
    if (term) this.termLeads.set(m.measureId, termLeads(term));
    const measure: MeasureState = {
      ...m, rank: m.rank ?? 1, takenAt: cstIso(takenMs), term: 1, status: 'live', recordedBy: actor.userId, lapseImminentEscalated: false,
      ...(term ? registryTimes(term) : this.termTimes(due)),
    };
    this.state.measures.push(measure);
    if (patched(promotionPatch)) return this.placeMeasure(actor, measure, due, takenMs);
    this.spawn(() => this.watchMeasure(measure, due));
    if (this.state.kind !== 'in_suit' && !this.state.suitFiled && !this.preSuitKey) await this.startPreSuitDeadline(takenMs);
    await this.audit(`measure:${m.measureId}`, actor, 'preservation.recordMeasure', undefined, { kind: m.kind, rank: m.rank, takenAt: measure.takenAt });
    await this.writes.recordMeasure(this.measureRow(measure));
    await this.publish();
  }

  /**
   * `recordMeasure` under `promotionPatch`: the register ranks the measure on its asset first; one
   * queued behind a seizure in effect gets no term and no watch until it moves up (`seizureRanked`).
   * The 30 days to sue run from the measure all the same (民事诉讼法 art. 104: 采取保全措施后).
   */
  private async placeMeasure(actor: Actor, measure: MeasureState, due: Due, takenMs: number): Promise<void> {
    const placed = await this.writes.recordMeasure({ ...this.measureRow(measure), register: { ...this.registerContext(), ranked: true } });
    if (placed) measure.rank = placed.rank;
    if (placed?.queued) {
      measure.queued = true;
      measure.expiresAt = '';
      measure.renewBy = '';
      this.termLeads.delete(measure.measureId);
    } else {
      this.spawn(() => this.watchMeasure(measure, due));
    }
    if (this.state.kind !== 'in_suit' && !this.state.suitFiled && !this.preSuitKey) await this.startPreSuitDeadline(takenMs);
    await this.audit(`measure:${measure.measureId}`, actor, 'preservation.recordMeasure', undefined, {
      kind: measure.kind, rank: measure.rank, queued: measure.queued === true, takenAt: measure.takenAt,
    });
    this.passOnRanks(placed?.ranked);
    await this.publish();
  }

  /**
   * The register moved one of this process's seizures (`seizureRankedSignal`): its rank follows;
   * one that moved up from the queue takes effect at `effectiveAt` and its term starts that day, on
   * the registry's date (measureTerm), watched with reminders and lapse like any measure. Ignored
   * for a measure no longer in effect or not queued (a repeated Signal). Runs in the background.
   */
  seizureRanked(ranked: SeizureRanked): void {
    if (!patched(promotionPatch)) return;
    this.spawn(async () => {
      const measure = this.state.measures.find((m) => m.measureId === ranked.measureId);
      if (!measure || !this.inEffect(measure)) return;
      measure.rank = ranked.rank;
      if (ranked.effectiveAt === undefined || !measure.queued) return;
      const effectiveMs = Date.parse(ranked.effectiveAt);
      const term = await this.clock.measureTerm(measure.kind, effectiveMs);
      if (!measure.queued || !this.inEffect(measure)) return;
      measure.queued = false;
      measure.effectiveAt = cstIso(effectiveMs);
      this.termLeads.set(measure.measureId, termLeads(term));
      Object.assign(measure, registryTimes(term));
      this.spawn(() => this.watchMeasure(measure, dueOfTerm(term)));
      await this.audit(`promoted:${measure.measureId}`, systemActor, 'preservation.seizurePromoted', undefined, {
        rank: measure.rank, effectiveAt: measure.effectiveAt, expiresAt: measure.expiresAt,
      });
      await this.writes.recordMeasure(this.measureRow(measure));
      await this.publish();
    });
  }

  /**
   * Tells each seizure's holder that the register moved it (a release or lapse here ended the one
   * ahead): this process's own measures directly, another preservation's by Signal. A holder that
   * has ended cannot be told; its officer has the register's notice all the same.
   */
  private passOnRanks(ranked: SeizureRanked[] | undefined): void {
    if (!ranked?.length || !patched(promotionPatch)) return;
    for (const r of ranked) {
      if (!r.preservationId || !r.measureId) continue;
      if (r.preservationId === this.id) {
        this.seizureRanked(r);
        continue;
      }
      const holder = r.preservationId;
      this.spawn(() => getExternalWorkflowHandle(holder).signal(seizureRankedSignal, r).catch(noop));
    }
  }

  /**
   * The enforcement division reports the granted ruling carried out: the measures it could take
   * are recorded. From now the respondent may read a pre-suit or pre-arbitration preservation
   * (./secrecy); measures found later are still recorded.
   */
  async reportExecution(actor: Actor, note?: string, executedOn?: string): Promise<void> {
    const at = nowIso();
    const due = this.executionKey === undefined ? undefined : this.deadlines.get(this.executionKey)!.deadline.state();
    // Judged by the day it was carried out when one is given (issue 13, outside break: freezes taken
    // the day of the ruling and reported days later read late), else by the report.
    const byDate = due !== undefined && executedOn !== undefined && patched(executionByDatePatch);
    const late = due === undefined ? false : byDate ? !doneInTime(resolveLegalMoment(executedOn!, 'executedOn'), Date.parse(due.dueAt)) : due.overdue;
    this.state.execution = { reportedAt: at, by: actor.userId, late, ...(note === undefined ? {} : { note }), ...(executedOn === undefined ? {} : { executedOn }) };
    this.disclose(at);
    if (this.executionKey) await this.closeDeadline(this.executionKey, byDate && late ? 'overdue' : 'met', byDate);
    await this.audit('execution-reported', actor, 'preservation.reportExecution', note, { measures: this.state.measures.map((m) => m.measureId) });
    await this.publish();
  }

  /**
   * `appliedOn` (CST date, checked by the validator): the day the applicant applied; in runs under
   * `renewalAppliedOnPatch` the renewal is judged in time or late against the renewed term's
   * `renewBy` by it (left out: the day of recording is kept, and the recording instant decides) and
   * kept as `measure.renewal`.
   */
  async renewMeasure(actor: Actor, measureId: string, note?: string, appliedOn?: string): Promise<void> {
    const measure = this.measure(measureId);
    const applied = patched(renewalAppliedOnPatch) ? appliedOn ?? cstDateOf(Date.now()) : undefined;
    const renewBy = measure.renewBy;
    // PP art. 18; 民诉法解释 art. 485: each renewal runs the same maximum term again, from the end of the last.
    const expiresAtMs = Date.parse(measure.expiresAt);
    const term = this.termLeads.has(measureId) && patched(registryTermPatch)
      ? await this.clock.renewedTerm(measure.kind, { expiresOn: cstDateOf(expiresAtMs), expiresAtMs }) : undefined;
    const due = term ? dueOfTerm(term) : await this.clock.dueOf(this.profile.measureLifetime[measure.kind], expiresAtMs);
    if (!this.inEffect(measure)) refuse('WrongStage', `措施 ${measureId} 已${statusLabel[measure.status]} (measure is ${measure.status})`);
    // Again after the clock's reads: two renewals taken at once both passed the validator.
    if (patched(renewalOncePatch)) this.checkNotRenewedAhead(measure);
    const oldKey = this.measureKeys.get(measureId)!;
    measure.term += 1;
    measure.termStartsAt = cstIso(expiresAtMs + 1);
    measure.lapseImminentEscalated = false;
    if (term) this.termLeads.set(measureId, termLeads(term));
    Object.assign(measure, term ? registryTimes(term) : this.termTimes(due));
    this.renewedDue.set(measureId, due);
    // This renewal's term and expiry as taken now, not as they stand after the writes below (each an
    // activity): another renewal of the measure taken meanwhile moves them on, and both were audited
    // under the later term, the earlier act's row then taken for a repeat of the later (the soak:
    // `renew:m1:2` missing, one `renew:m1:3` for two renewals; by two people, AuditEventKeyTaken).
    const renewal = { step: `renew:${measureId}:${measure.term}`, expiresAt: measure.expiresAt };
    // 财产保全规定 art. 18: applied for at least 7 days before the term ends. Late, it is still
    // renewed while the measure is in effect; the record says it came late.
    const late = appliedOn === undefined ? Date.now() > Date.parse(renewBy) : !doneInTime(resolveLegalMoment(appliedOn, 'appliedOn'), Date.parse(renewBy));
    const judged = applied === undefined ? undefined : { appliedOn: applied, renewBy, late, recordedAt: nowIso() };
    if (judged) measure.renewal = judged;
    await this.closeDeadline(oldKey, 'met');
    await this.audit(renewal.step, actor, 'preservation.renewMeasure', note, {
      expiresAt: renewal.expiresAt, ...(judged ? { appliedOn: judged.appliedOn, renewBy: judged.renewBy, late: judged.late } : {}),
    });
    await this.writes.recordMeasure(this.measureRow(measure));
    await this.publish();
  }

  /**
   * A release needs the ruling that orders it (民事诉讼法 art. 104; 财产保全规定 art. 23): its
   * number, and its date (CST 'YYYY-MM-DD'), neither in the future nor before the measure was
   * taken. Refuses with ValidationFailed naming the field.
   */
  checkReleaseRuling(measure: MeasureState, ruling: { number: string; ruledOn: string } | undefined): void {
    if (!ruling?.number?.trim()) refuse('ValidationFailed', 'ruling.number: 解除保全须载明解除裁定的文号 (a release needs its ruling\'s number)');
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(ruling.ruledOn ?? '')) refuse('ValidationFailed', 'ruling.ruledOn: 解除保全须载明裁定日期 YYYY-MM-DD (a release needs its ruling\'s date)');
    if (ruling.ruledOn > cstDateOf(Date.now())) refuse('ValidationFailed', `ruling.ruledOn: 裁定日期不能晚于今天 (${ruling.ruledOn} is in the future)`);
    if (ruling.ruledOn < cstDateOf(Date.parse(measure.takenAt))) {
      refuse('ValidationFailed', `ruling.ruledOn: 裁定日期不能早于采取措施之日 ${measure.takenAt.slice(0, 10)} (ruled before the measure was taken)`);
    }
  }

  /** `ruling` is absent only in Updates of runs from before it was required (replay). */
  async releaseMeasure(actor: Actor, measureId: string, reason: string, ruling?: { number: string; ruledOn: string }): Promise<void> {
    const measure = this.measure(measureId);
    this.markReleased(measure, reason);
    if (ruling) measure.releaseRuling = { number: ruling.number, ruledOn: ruling.ruledOn };
    await this.closeDeadline(this.measureKeys.get(measureId)!, 'cancelled');
    await this.audit(`release:${measureId}`, actor, 'preservation.releaseMeasure', reason, ruling ? { ruling } : undefined);
    this.passOnRanks(await this.writes.releaseMeasures({ preservationId: this.id, measures: [measure], snapshot: this.row(), register: this.registerContext() }));
    await this.publish();
  }

  async recordSuitFiled(actor: Actor, caseNumber: string, forum: 'court' | 'arbitration', filedAt: string, postedOn?: string): Promise<void> {
    this.state.suitFiled = { caseNumber, forum, filedAt, ...(postedOn ? { postedOn } : {}) };
    // The preservation now belongs to the new case (民事诉讼法 art. 104).
    this.state.caseNumber = caseNumber;
    if (this.preSuitKey) await this.closeDeadline(this.preSuitKey, 'met');
    await this.audit('suit-filed', actor, 'preservation.recordSuitFiled', undefined, { caseNumber, forum, filedAt, ...(postedOn ? { postedOn } : {}) });
    await this.publish();
  }

  async consult(actor: Actor, consultationId: string, question: string): Promise<void> {
    this.reserved.add(`consultation:${consultationId}`);
    const askedMs = Date.now();
    const due = await this.clock.dueOf('consultationAnswer', askedMs);
    this.assertStillIn('in_force', 'converted');
    const consultation: ConsultationState = {
      consultationId, question, askedBy: actor.userId, askedAt: cstIso(askedMs), dueAt: cstIso(due.dueMs),
      late: false, escalated: false, cancelled: false,
    };
    this.state.consultations.push(consultation);
    const key = `${this.id}:consultation:${consultationId}`;
    this.consultationKeys.set(consultationId, key);
    // CO: the trial division answers enforcement's written consultation within 15 days.
    await this.track(key, 'consultationAnswer', '执行征询答复期限（15日）', due, this.consultationWatch(key, consultation));
    await this.audit(`consult:${consultationId}`, actor, 'preservation.consult', question);
    await this.writes.recordConsultation({ preservationId: this.id, consultation });
    await this.publish();
  }

  private consultationWatch(key: string, consultation: ConsultationState): TrackOptions {
    return {
      leads: deadlineLeadsMs(this.profile),
      onRemind: () => this.escalate(key, 'reminder', '执行征询即将到答复期限 (consultation answer due soon)'),
      onDue: async () => {
        consultation.escalated = true;
        await this.escalate(key, 'overdue', '审判庭逾期未答复执行征询，请督办 (consultation answer overdue)');
        await this.writes.recordConsultation({ preservationId: this.id, consultation });
      },
    };
  }

  /**
   * `receivedOn` (CST date, checked by the validator): the day the enforcement division received the
   * answer; in runs under `answerReceivedOnPatch` the answer is in time or late against the 15 days
   * by it (default: the day of recording), and its period is closed met or overdue by it.
   */
  async answerConsultation(actor: Actor, consultationId: string, answer: string, receivedOn?: string): Promise<void> {
    const consultation = this.consultation(consultationId);
    consultation.answer = answer;
    consultation.answeredBy = actor.userId;
    consultation.answeredAt = nowIso();
    const dated = patched(answerReceivedOnPatch);
    if (dated) consultation.receivedOn = receivedOn ?? cstDateOf(Date.now());
    // Left out, the day is the recording's and the recording instant decides, as before.
    const byDate = dated && receivedOn !== undefined;
    consultation.late = byDate
      ? !doneInTime(resolveLegalMoment(receivedOn, 'receivedOn'), Date.parse(consultation.dueAt))
      : Date.now() > Date.parse(consultation.dueAt);
    // Judged by its date, an answer received in time closes the period as met though it had escalated.
    await this.closeDeadline(this.consultationKeys.get(consultationId)!, byDate && consultation.late ? 'overdue' : 'met', byDate);
    await this.audit(`answer:${consultationId}`, actor, 'preservation.answerConsultation', answer, {
      late: consultation.late, ...(dated ? { receivedOn: consultation.receivedOn } : {}),
    });
    await this.writes.recordConsultation({ preservationId: this.id, consultation });
    await this.publish();
  }

  /** 保全转执行 (PP): every live measure becomes an enforcement measure at this one instant. */
  async fileEnforcement(actor: Actor, enforcementCaseNumber: string): Promise<void> {
    const at = nowIso();
    // A measure whose term ran out at this instant lapses on its own watch; nothing is left to convert.
    const live = this.state.measures.filter((m) => m.status === 'live' && !this.termEnded(m));
    // The seizure's term runs on after conversion: its watch goes on, now the enforcement case's.
    const watched = patched(convertedWatchPatch);
    this.convertedWatched = watched;
    for (const measure of live) {
      measure.status = 'converted';
      measure.convertedAt = at;
    }
    this.state.enforcementCaseNumber = enforcementCaseNumber;
    this.state.convertedAt = at;
    this.disclose(at);
    this.setStage('converted');
    // Enforcement has the measures now: the ruling was carried out as far as it will be.
    if (this.executionKey) await this.closeDeadline(this.executionKey, 'met');
    if (!watched) for (const measure of live) await this.closeDeadline(this.measureKeys.get(measure.measureId)!, 'met');
    await this.writes.convertMeasures({
      preservationId: this.id, court: this.state.court, caseNumber: enforcementCaseNumber,
      debtorCreditCode: this.state.respondentCreditCode, convertedAt: at, measures: live, snapshot: this.row(),
      register: this.registerContext(),
    });
    await this.audit('enforcement-filed', actor, 'preservation.fileEnforcement', undefined, {
      enforcementCaseNumber, converted: live.map((m) => m.measureId),
    });
    await this.publish();
  }

  async close(actor: Actor, outcome: string, reason: string): Promise<void> {
    this.state.closure = { outcome, reason, at: nowIso(), by: actor.userId };
    this.setStage(outcome === 'enforcement_concluded' ? 'concluded' : 'released');
    await this.ready();
    await this.endWithRelease(outcome === 'enforcement_concluded' ? 'concluded' : 'released', reason);
    await this.audit('closure', actor, 'preservation.closeCase', reason, { outcome });
    await this.publish();
  }

  // ── watches ─────────────────────────────────────────────────────────────────────────────

  /** `carried`: the current term's deadline as the previous run left it (continue-as-new). */
  private async watchMeasure(measure: MeasureState, firstDue: Due, carried?: DeadlineSnapshot): Promise<void> {
    let due = firstDue;
    let resumed = carried;
    for (;;) {
      const key = `${this.id}:measure:${measure.measureId}:term${measure.term}`;
      this.measureKeys.set(measure.measureId, key);
      const leads = this.termLeads.get(measure.measureId);
      const renewalLead = leads?.renewal ?? renewalLeadMs(this.profile);
      const deadline = await this.track(key, `measure:${measure.measureId}`, '保全措施期限（续行）', due, {
        officer: measure.recordedBy,
        leads: leads?.leads ?? measureLeadsMs(this.profile),
        background: false,
        onRemind: (_state, lead) => lead === renewalLead ? this.lapseImminent(measure, key) : this.remindRenewal(measure, key, lead),
        onDue: () => this.lapse(measure, key),
      }, resumed);
      resumed = undefined;
      const outcome = await deadline.run();
      const renewed = this.renewedDue.get(measure.measureId);
      if (outcome === 'escalated' || !this.inEffect(measure) || !renewed) return;
      this.renewedDue.delete(measure.measureId);
      due = renewed;
    }
  }

  private async remindRenewal(measure: MeasureState, key: string, lead: number): Promise<void> {
    await this.escalate(key, 'reminder', `请申请人及时申请续行：措施 ${measure.measureId} 将于 ${measure.expiresAt} 到期 (renewal reminder)`, lead);
    await this.writes.enqueueProcessNotice(renewalReminderToApplicant(`${key}:reminder:${lead}:applicant`, this.state, measure));
  }

  private async lapseImminent(measure: MeasureState, key: string): Promise<void> {
    measure.lapseImminentEscalated = true;
    await this.escalate(key, 'lapse-imminent',
      `措施 ${measure.measureId} 续行申请期已过仍未续行，将于 ${measure.expiresAt} 失效 (lapse imminent, unrenewed)`);
    await this.writes.recordMeasure(this.measureRow(measure));
  }

  private async lapse(measure: MeasureState, key: string): Promise<void> {
    if (!(await this.recordLapse(measure, key))) return;
    await this.publish();
  }

  /**
   * The measure's term ran out unrenewed: it lost its effect at that instant, by law, with no act of
   * the court (民诉法解释 art. 485; 查封、扣押、冻结财产规定: 期限届满未办理延期手续的，效力消灭;
   * 财产保全规定 art. 18: the applicant who did not renew bears the consequence). Recorded once per
   * term, by whichever comes first in the workflow task where the term ends: the measure's own watch,
   * or a release ending the process at that instant (`endWithRelease`). False when already recorded,
   * or when the measure had ended otherwise before (released, converted).
   */
  private async recordLapse(measure: MeasureState, key: string): Promise<boolean> {
    const term = `${measure.measureId}:${measure.term}`;
    if (this.lapses.has(term) || (!this.inEffect(measure) && measure.status !== 'lapsed')) return false;
    this.lapses.add(term);
    measure.status = 'lapsed';
    await this.escalate(key, 'lapsed', `措施 ${measure.measureId} 未续行已失效 (measure lapsed unrenewed)`);
    // The term that lapsed (`term`, read before the write above), as for a renewal's step.
    await this.audit(`lapsed:${term}`, systemActor, 'preservation.measureLapsed');
    this.passOnRanks((await this.writes.recordMeasure(this.measureRow(measure)))?.ranked);
    return true;
  }

  /** Past the last instant of its term (workflow time): whatever happens now finds the measure lapsed. */
  private termEnded(measure: MeasureState): boolean {
    return Date.now() > Date.parse(measure.expiresAt);
  }

  /**
   * 民事诉讼法 art. 103: a ruling granting preservation is carried out at once (立即开始执行); the
   * profile's `preservationExecution` (24 hours by default, court practice) runs from the ruling,
   * met by the enforcement division's execution report, escalated to the supervisor when missed.
   */
  private async startExecutionDeadline(ruledMs: number): Promise<void> {
    const key = `${this.id}:execution`;
    this.executionKey = key;
    const due = await this.clock.dueOf('preservationExecution', ruledMs);
    await this.track(key, 'preservationExecution', '保全裁定执行期限（立即执行）', due, this.executionWatch(key));
  }

  private executionWatch(key: string): TrackOptions {
    return {
      // "At once" leaves no room for reminders days ahead: the supervisor hears when it is missed.
      leads: [],
      onRemind: noop,
      onDue: () => this.escalate(key, 'overdue', '保全裁定逾期未报告执行完毕，请督办（民事诉讼法第103条：应当立即开始执行） (ruling not carried out in time)'),
    };
  }

  private async startPreSuitDeadline(takenMs: number): Promise<void> {
    const key = `${this.id}:pre-suit`;
    this.preSuitKey = key;
    // 民事诉讼法 art. 104: sue or apply for arbitration within 30 days of the measure, or it is released.
    await this.track(key, 'preSuitFiling', '诉前保全起诉期限（30日）', await this.clock.dueOf('preSuitFiling', takenMs), this.preSuitWatch(key));
  }

  private preSuitWatch(key: string): TrackOptions {
    return {
      leads: deadlineLeadsMs(this.profile),
      onRemind: () => this.escalate(key, 'reminder', '诉前保全申请人应于30日内起诉或申请仲裁 (suit must be filed soon)'),
      onDue: async () => {
        const reason = '申请人在采取保全措施后30日内未起诉或申请仲裁，依法解除保全（民事诉讼法第104条）';
        if (this.effectMode === 'scheduled') {
          // Ended by the court's own act meanwhile (a closure whose writes were still landing): nothing to release.
          if (this.state.stage === 'released' || this.state.stage === 'concluded') return;
          // The release first: it ends the process before its first write, so an act arriving
          // while the rows are written (each write is a workflow task) finds it ended.
          await this.endWithRelease('released', reason);
          await this.escalate(key, 'overdue', `${reason} (no suit within 30 days: released)`);
        } else {
          await this.escalate(key, 'overdue', `${reason} (no suit within 30 days: released)`);
          await this.endWithRelease('released', reason);
        }
        await this.audit('pre-suit-lapsed', systemActor, 'preservation.releaseForNoSuit', reason);
        await this.publish();
      },
    };
  }

  /**
   * Releases every measure still in effect and ends the process; open deadlines are cancelled.
   * A release is the court's ruling (民事诉讼法 art. 104; 财产保全规定 art. 23) and acts only on a
   * measure in effect. A measure whose term ended at the same instant — a pre-suit release for no
   * suit falling due together with a freeze taken that day, a closure at the freeze's expiry — had
   * already lost its effect by law when the release came (see `recordLapse`): it is lapsed, not
   * released, in whichever order the two timers fire.
   */
  private async endWithRelease(stage: PreservationStage, reason: string): Promise<void> {
    const live = this.state.measures.filter((m) => this.inEffect(m));
    const ended = live.filter((m) => this.termEnded(m));
    const released = live.filter((m) => !ended.includes(m));
    for (const measure of released) {
      // A converted seizure ends with its enforcement case: it stays on record as converted.
      if (measure.status === 'converted') {
        measure.endedAt = nowIso();
        measure.releaseReason = reason;
      } else {
        this.markReleased(measure, reason);
      }
    }
    for (const measure of ended) measure.status = 'lapsed';
    for (const c of this.state.consultations) if (!c.answer) c.cancelled = true;
    // Measures taken and now released are no secret; an application withdrawn before any is stays kept.
    if (this.state.measures.length > 0) this.disclose(nowIso());
    this.setStage(stage);
    const closing: Array<[string, DeadlineStatus]> = [];
    for (const [key, tracked] of this.deadlines) {
      const { completed, escalated } = tracked.deadline.state();
      if (completed || escalated) continue;
      // The term that ran out is overdue, as its own watch would have recorded it.
      const lapsed = ended.find((m) => this.measureKeys.get(m.measureId) === key);
      closing.push([key, lapsed ? 'overdue' : 'cancelled']);
    }
    if (this.effectMode === 'scheduled') {
      // Every deadline is done before the first row is written: each write is an activity, a
      // workflow task of its own, and a deadline still open across it could fall due there and end
      // the process a second time (the soak: a case closed while its 30 days to sue ran out was
      // also released for no suit). Runs with local activities wrote within one task, as before.
      for (const [key] of closing) this.deadlines.get(key)!.deadline.complete();
      for (const [key, status] of closing) await this.recordDeadline(key, status);
    } else {
      for (const [key, status] of closing) await this.closeDeadline(key, status);
    }
    for (const measure of ended) await this.recordLapse(measure, this.measureKeys.get(measure.measureId)!);
    this.passOnRanks(await this.writes.releaseMeasures({ preservationId: this.id, measures: released, snapshot: this.row(), register: this.registerContext() }));
  }

  // ── plumbing ────────────────────────────────────────────────────────────────────────────

  /** In effect at the registry: live, or converted and still watched (`convertedWatchPatch`). */
  private inEffect(measure: MeasureState): boolean {
    return measure.status === 'live' || (measure.status === 'converted' && this.convertedWatched);
  }

  /** The seizure register's view of this process: debtor (canonical code), case, holding court. */
  private registerContext(): RegisterContext {
    return {
      debtorCreditCode: this.state.respondentCreditCode, debtorPartyId: this.state.respondentPartyId,
      caseNumber: this.state.enforcementCaseNumber ?? this.state.caseNumber, holdingCourt: this.state.court,
    };
  }

  private measureRow(measure: MeasureState): MeasureRowInput {
    return { preservationId: this.id, court: this.state.court, measure, register: this.registerContext() };
  }

  /** The respondent may read the preservation from `at` on (./secrecy); the first instant counts. */
  private disclose(at: string): void {
    this.state.disclosedAt ??= at;
  }

  private markReleased(measure: MeasureState, reason: string): void {
    measure.status = 'released';
    measure.releasedAt = nowIso();
    measure.releaseReason = reason;
  }

  private termTimes(due: Due): Pick<MeasureState, 'expiresAt' | 'renewBy'> {
    return { expiresAt: cstIso(due.dueMs), renewBy: cstIso(due.dueMs - renewalLeadMs(this.profile)) };
  }

  /** After an await (statutory calendars), the process may have moved on: the act no longer applies. */
  private assertStillIn(...stages: PreservationStage[]): void {
    if (!stages.includes(this.state.stage)) refuse('WrongStage', `案件已${this.state.stageLabel} (the process moved to ${this.state.stage} meanwhile)`);
  }

  private setStage(stage: PreservationStage): void {
    this.state.stage = stage;
    this.state.stageLabel = stageLabels[stage];
  }

  private spawn(work: () => Promise<unknown>): void {
    this.running++;
    void work()
      .catch((err: unknown) => { this.failure ??= err; })
      .finally(() => { this.running--; });
  }

  /** Tracks a deadline and records it open; `carried` resumes one of the previous run, recording nothing. */
  private async track(key: string, name: string, label: string, due: Due, options: TrackOptions, carried?: DeadlineSnapshot): Promise<Deadline> {
    const deadline = new Deadline({
      name, due, reminderLeadsMs: options.leads,
      onRemind: async (state, lead) => { await options.onRemind(state, lead); },
      onDue: async (state) => {
        await this.recordDeadline(key, 'overdue');
        await options.onDue(state);
        await this.publish();
      },
    }, Date.now(), carried);
    this.deadlines.set(key, { deadline, name, label, officer: options.officer });
    if (options.background !== false && deadline.running()) this.spawn(() => deadline.run());
    // The watch starts before this row is written (the order recorded runs keep), so a deadline
    // already past when opened — a ruling whose writes outlasted a period of hours, an act dated
    // back — has escalated and queued its 'overdue' row before this one: record what it is now,
    // never 'open' over it.
    if (!carried) await this.recordDeadline(key, deadline.state().overdue ? 'overdue' : 'open');
    return deadline;
  }

  /**
   * `judged`: `status` was decided by the act's legal date, and stands; otherwise a deadline that
   * escalated before the act was recorded stays on record as overdue.
   */
  private async closeDeadline(key: string, status: DeadlineStatus, judged = false): Promise<void> {
    const tracked = this.deadlines.get(key);
    if (!tracked) return;
    const wasEscalated = tracked.deadline.state().escalated;
    tracked.deadline.complete();
    await this.recordDeadline(key, wasEscalated && !judged ? 'overdue' : status);
  }

  private async recordDeadline(key: string, status: DeadlineStatus): Promise<void> {
    const tracked = this.deadlines.get(key)!;
    const state = tracked.deadline.state();
    await this.writes.recordDeadline({
      deadlineKey: key, processKind: 'preservation', processId: this.id, name: tracked.name, label: tracked.label,
      court: this.state.court, officer: tracked.officer, dueAt: state.dueAt, provisional: state.provisional, status,
    });
  }

  private async escalate(deadlineKey: string, kind: EscalationKind, message: string, lead?: number): Promise<void> {
    await this.writes.recordEscalation({
      escalationKey: `${deadlineKey}:${kind}${lead === undefined ? '' : `:${lead}`}`, deadlineKey,
      processKind: 'preservation', processId: this.id, court: this.state.court, kind, message,
    });
  }

  private async audit(step: string, actor: Actor, action: string, reason?: string, details?: Record<string, unknown>): Promise<void> {
    this.recorded++;
    await this.writes.appendAudit({
      eventKey: `${this.id}:${step}`, processKind: 'preservation', processId: this.id, actor, action, reason, details,
      occurredAt: new Date().toISOString(),
    });
  }

  /** Search attributes for the supervisor's Temporal view, and the read model row. */
  private async publish(): Promise<void> {
    const open = [...this.deadlines.values()].map((t) => t.deadline.state()).filter((d) => !d.completed);
    const next = open.filter((d) => !d.escalated).map((d) => Date.parse(d.dueAt)).sort((a, b) => a - b)[0];
    upsertSearchAttributes([
      { key: processKindKey, value: 'preservation' },
      { key: stageKey, value: this.state.stage },
      { key: courtKey, value: [this.state.court] },
      { key: nextDeadlineKey, value: next === undefined ? null : new Date(next) },
      { key: overdueKey, value: open.some((d) => d.overdue) },
    ]);
    await this.writes.recordPreservation(this.row());
  }
}

/** A term's expiry as the deadline the watch runs to. */
function dueOfTerm(term: MeasureTerm): Due {
  return { dueMs: term.expiresAtMs, provisional: term.provisional };
}

/** The state's dates of a term on the registry's date: its last instant, and the end of the last day to apply for renewal. */
function registryTimes(term: MeasureTerm): Pick<MeasureState, 'expiresAt' | 'renewBy'> {
  return { expiresAt: cstIso(term.expiresAtMs), renewBy: cstIso(term.renewByAtMs) };
}

const statusLabel: Record<MeasureState['status'], string> = { live: '生效', lapsed: '失效', released: '解除', converted: '转为执行措施' };
