// The preservation hand-off (财产保全) in schemas: the application that starts a workflow and the
// argument of every Update, defined once here. The API validates with them; the workflow imports
// the inferred types only (`import type`), never zod.
import { z } from '@hono/zod-openapi';
import { courtCodeSchema } from './court';
import { boundedText, wholeNumber, yuanAmount } from './bounds';
import { caseNumberSchema, creditCodeSchema as creditCode, partyNameSchema, rulingNumberSchema } from './identifiers';
import { legalDateSchema, legalDaySchema, pastLegalDate, pastLegalInstant } from './legal-date';
import type { Actor } from '../../workflows/shared/actor';
import type { ActLimits } from '../../workflows/shared/acts';
import type { StatuteProfile } from '../../workflows/clock/statute-profile';

export const preservationKinds = ['pre_suit', 'pre_arbitration', 'in_suit'] as const;
export const measureKinds = ['real_estate', 'movables', 'bank_deposit', 'equity', 'other_property_right'] as const;
// The case ended without enforcement (DOMAIN.md Workflow 2 step 7): withdrawn, lost, or settled and paid; or, once
// converted, the enforcement case itself concluded.
export const closureOutcomes = ['withdrawn', 'lost', 'settled', 'enforcement_concluded'] as const;

const courtCode = courtCodeSchema;
const businessKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ and - (an internal number, never a name)');
const text = boundedText;

export const partySchema = z.strictObject({
  partyId: businessKey,
  name: partyNameSchema(128),
  /** Present when the party is a company: the key that links preservation to transfers. */
  creditCode: creditCode.optional(),
});

export const securitySchema = z.strictObject({
  kind: z.enum(['cash', 'guarantee', 'insurance', 'property']),
  amount: yuanAmount,
  description: text(500).optional(),
});

export const applyPreservationSchema = z.strictObject({
  court: courtCode,
  applicationNumber: businessKey,
  kind: z.enum(preservationKinds),
  urgent: z.boolean().default(false),
  caseNumber: caseNumberSchema(64).optional(),
  applicant: partySchema,
  respondent: partySchema,
  amount: yuanAmount,
  security: securitySchema.optional(),
  propertyNamed: z.array(text(200)).min(1).max(50),
  /** When the filing desk accepted the application (and security): the 48 hours or 5 days to rule run from it (PP art. 4). */
  appliedOn: legalDateSchema('受理申请时间').optional(),
}).refine((a) => a.kind === 'in_suit' || a.security !== undefined, {
  // 民事诉讼法 art. 104: pre-suit (and pre-arbitration) preservation requires security.
  message: '诉前、仲裁前财产保全应当提供担保 (pre-suit and pre-arbitration preservation needs security)', path: ['security'],
}).refine((a) => a.kind !== 'in_suit' || a.caseNumber !== undefined, {
  message: '诉讼中财产保全应填写所属案件的案号 (in-suit preservation names the case it belongs to)', path: ['caseNumber'],
}).openapi('PreservationApplication');

export const riskNoticeSchema = z.strictObject({ note: text(500).optional() }).openapi('RiskNotice');
export const rulingSchema = z.strictObject({
  decision: z.enum(['granted', 'refused']),
  reason: text(1000),
  /** When the ruling was made: execution starts from it (民事诉讼法 art. 103). */
  ruledOn: legalDateSchema('裁定作出时间').optional(),
}).openapi('PreservationRuling');
export const measureSchema = z.strictObject({
  measureId: businessKey,
  kind: z.enum(measureKinds),
  asset: text(200),
  location: text(200),
  /** When the bank or registry carried the measure out; it may precede its recording (and, for a pre-suit measure, starts the 30 days to sue). */
  takenOn: legalDateSchema('采取措施时间').optional(),
  /** The same as `takenOn`, as an instant (the earlier spelling). */
  takenAt: pastLegalInstant('采取措施时间').optional(),
  /**
   * Ignored: the rank (轮候顺位) is the seizure register's, from the order of seizures on the asset
   * (查封扣押冻结规定 art. 26). Accepted for clients that still send it; the answer shows the register's.
   */
  rank: wholeNumber(1, 1000).optional(),
}).refine((m) => m.takenOn === undefined || m.takenAt === undefined, {
  message: '采取措施时间只填一项：takenOn 或 takenAt (give takenOn or takenAt, not both)', path: ['takenAt'],
}).openapi('PreservationMeasure');
/** The enforcement division reports the granted ruling carried out: every measure it could take is recorded. */
export const executionReportSchema = z.strictObject({
  note: text(500).optional(),
  /** The day the ruling was carried out (执行完毕), which its period is judged by; left out, the moment of the report. */
  executedOn: legalDateSchema('执行完毕时间').optional(),
}).openapi('ExecutionReport');
export const renewalSchema = z.strictObject({
  note: text(500).optional(),
  /**
   * The day the applicant applied for renewal (申请续行日期, CST date): the application is in time or
   * late against the measure's renew-by day by it (财产保全规定 art. 18), not by when it was recorded.
   * Left out, today.
   */
  appliedOn: legalDaySchema('申请续行日期').optional(),
}).openapi('MeasureRenewal');
/**
 * A release is the court's ruling (民事诉讼法 art. 104; 财产保全规定 art. 23): its number and its
 * CST date are recorded with the act, in the register and the audit trail.
 */
export const releaseRulingSchema = z.strictObject({
  number: rulingNumberSchema('解除保全裁定书文号'),
  ruledOn: pastLegalDate('解除保全裁定日期').openapi({ description: '裁定日期 (CST date, YYYY-MM-DD)', example: '2026-11-20' }),
}).openapi('ReleaseRuling');
export const releaseSchema = z.strictObject({
  reason: text(1000),
  ruling: releaseRulingSchema,
}).openapi('MeasureRelease');
export const suitFiledSchema = z.strictObject({
  caseNumber: caseNumberSchema(64),
  forum: z.enum(['court', 'arbitration']).default('court'),
  /** The same as `filedOn`, as an instant (the earlier spelling). */
  filedAt: pastLegalInstant('起诉时间').optional(),
  /** The day the suit (or arbitration) was filed. */
  filedOn: legalDateSchema('起诉日期').optional(),
  /** The postmark of a suit posted to the court: posted within the 30 days it is in time (民事诉讼法 art. 85). */
  postedOn: legalDateSchema('起诉状交邮日期').optional(),
}).refine((s) => s.filedOn === undefined || s.filedAt === undefined, {
  message: '起诉日期只填一项：filedOn 或 filedAt (give filedOn or filedAt, not both)', path: ['filedAt'],
}).openapi('SuitFiled');
export const consultationSchema = z.strictObject({
  consultationId: businessKey,
  question: text(2000),
}).openapi('Consultation');
export const consultationAnswerSchema = z.strictObject({
  answer: text(4000),
  /**
   * The day the enforcement division received the written answer (收到答复日期, CST date): the answer
   * is in time or late against the 15 days (CO) by it, not by when it was typed in. Left out, today.
   */
  receivedOn: legalDaySchema('收到答复日期').optional(),
}).openapi('ConsultationAnswer');
export const enforcementFiledSchema = z.strictObject({ enforcementCaseNumber: caseNumberSchema(64) }).openapi('EnforcementFiled');
export const closureSchema = z.strictObject({
  outcome: z.enum(closureOutcomes),
  reason: text(1000),
}).openapi('PreservationClosure');

export type PreservationKind = (typeof preservationKinds)[number];
export type PreservationMeasureKind = (typeof measureKinds)[number];
export type PreservationApplication = z.output<typeof applyPreservationSchema>;

/** What the workflow starts with: the application, its business key and the statute profile. */
export type PreservationInput = PreservationApplication & {
  preservationId: string;
  profile: StatuteProfile;
  appliedBy: Actor;
  /** Limits on acts in this process; defaults in workflows/shared/acts.ts. */
  actLimits?: ActLimits;
  /** History events after which a run continues as new (besides Temporal's own suggestion). */
  historyEventLimit?: number;
};

type ByActor<T> = T & { actor: Actor };
export type RiskNoticeInput = ByActor<z.output<typeof riskNoticeSchema>>;
export type RulingInput = ByActor<z.output<typeof rulingSchema>>;
export type RecordMeasureInput = ByActor<z.output<typeof measureSchema>>;
export type ExecutionReportInput = ByActor<z.output<typeof executionReportSchema>>;
export type RenewMeasureInput = ByActor<z.output<typeof renewalSchema> & { measureId: string }>;
export type ReleaseMeasureInput = ByActor<z.output<typeof releaseSchema> & { measureId: string }>;
export type SuitFiledInput = ByActor<z.output<typeof suitFiledSchema>>;
export type ConsultInput = ByActor<z.output<typeof consultationSchema>>;
export type AnswerConsultationInput = ByActor<z.output<typeof consultationAnswerSchema> & { consultationId: string }>;
export type EnforcementFiledInput = ByActor<z.output<typeof enforcementFiledSchema>>;
export type ClosureInput = ByActor<z.output<typeof closureSchema>>;

/** The business key: one workflow per application, no party names (DOMAIN.md, data protection). */
export function preservationIdFor(court: string, applicationNumber: string): string {
  return `preservation-${court}-${applicationNumber}`;
}

// ── the HTTP surface: path parameters, list filters, answers ─────────────────────────────────

export const preservationParams = z.strictObject({
  preservationId: z.string().regex(/^preservation-[A-Za-z0-9_-]{1,120}$/, 'a preservation id, preservation-<court>-<application number>')
    .openapi({ param: { name: 'preservationId', in: 'path' }, example: 'preservation-BPC-110105-BQ2026001' }),
});
export const measureParams = preservationParams.extend({
  measureId: businessKey.openapi({ param: { name: 'measureId', in: 'path' } }),
});
export const consultationParams = preservationParams.extend({
  consultationId: businessKey.openapi({ param: { name: 'consultationId', in: 'path' } }),
});

export const listPreservationsQuery = z.strictObject({
  court: courtCode.optional(),
  stage: z.enum(['awaiting_ruling', 'refused', 'in_force', 'converted', 'released', 'concluded']).optional(),
  /** Part of the 案号, the application number, the respondent's credit code or name. */
  q: z.string().max(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** One page: `limit` rows from `offset` (the list itself has no cap; `total` says how many match). */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const expiringMeasuresQuery = z.strictObject({
  withinDays: z.coerce.number().int().min(1).max(1100).default(30),
  court: courtCode.optional(),
});
export const enforcementQueueQuery = z.strictObject({ court: courtCode.optional() });
/** The seizure register of one debtor (issue 14): every seizure whatever its origin, by asset and rank. */
export const seizureRegisterQuery = z.strictObject({ debtor: creditCode, court: courtCode.optional() });

const measureView = z.looseObject({
  measureId: z.string(), kind: z.enum(measureKinds), asset: z.string(), location: z.string(), takenAt: z.string(),
  rank: z.number(), term: z.number(), expiresAt: z.string(), renewBy: z.string(),
  termStartsAt: z.string().optional().openapi({ description: 'first instant of a renewed term (CST); no renewal is taken before it' }),
  status: z.enum(['live', 'lapsed', 'released', 'converted']),
}).openapi('PreservationMeasureState');

export const preservationStateSchema = z.looseObject({
  preservationId: z.string(), court: z.string(), kind: z.enum(preservationKinds), stage: z.string(), stageLabel: z.string(),
  caseNumber: z.string().optional(), measures: z.array(measureView), consultations: z.array(z.looseObject({})),
  deadlines: z.array(z.looseObject({ name: z.string(), dueAt: z.string(), overdue: z.boolean() })),
}).openapi('PreservationState');

export const preservationStatusSchema = preservationStateSchema.extend({
  allowedActions: z.array(z.string()).openapi({ description: 'the Updates this caller may send now (none once the engine stopped the process)' }),
  engineStatus: z.enum(['running', 'completed', 'continuedAsNew', 'terminated', 'failed', 'timedOut', 'cancelled']).openapi({
    description: 'the latest run\'s status in Temporal: terminated, failed, timedOut or cancelled means the engine stopped the process '
      + 'without it finishing — the state is as it stopped, no deadline fires and no act is possible until an operator restores it',
  }),
  engineWarning: z.string().optional().openapi({ description: 'for a process the engine stopped: what happened and what to do (Chinese, then English)' }),
}).openapi('PreservationStatus');
