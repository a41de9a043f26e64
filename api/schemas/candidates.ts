// Finding transfer candidates (issue 5): the enforcement-case import, the worklist the daily sweep
// fills, and an officer's dismissal. Rows of an import are validated one by one, so one bad row is
// reported, not the whole batch refused.
import { z } from '@hono/zod-openapi';
import { cents, wholeNumber } from './bounds';
import { pastLegalDate } from './legal-date';
import { caseNumberSchema, creditCodeSchema, partyNameSchema } from './identifiers';

export const enforcementCaseStatuses = ['open', 'closed_no_property', 'satisfied', 'closed_other'] as const;
export const debtorKinds = ['enterprise_legal_person', 'other'] as const;


export const enforcementCaseRowSchema = z.strictObject({
  court: z.string().min(1).max(32),
  caseNumber: caseNumberSchema(128),
  debtorCreditCode: creditCodeSchema,
  /** 企业法人 or not (GO art. 2: only an enterprise legal person can be transferred). */
  debtorKind: z.enum(debtorKinds),
  applicantCount: wholeNumber(1, 10_000),
  /** The applicants of the case (申请执行人); a case joins a transfer only with these (issue 15). */
  applicants: z.array(z.strictObject({ partyId: z.string().min(1).max(64), name: partyNameSchema(200) })).min(1).max(10_000).optional(),
  outstandingCents: cents,
  /** closed_no_property is 终结本次执行程序 (终本). */
  status: z.enum(enforcementCaseStatuses),
  filedOn: pastLegalDate('立案日期'),
  closedOn: pastLegalDate('结案日期').optional(),
}).refine((r) => r.status === 'open' || r.closedOn !== undefined, {
  message: '已结案件须填写结案日期 (closedOn required unless the case is open)', path: ['closedOn'],
}).refine((r) => r.applicants === undefined || r.applicants.length === r.applicantCount, {
  message: '申请执行人名单的人数应与申请执行人数一致 (applicants must list applicantCount parties)', path: ['applicants'],
}).refine((r) => r.closedOn === undefined || r.closedOn >= r.filedOn, {
  message: '结案日期不能早于立案日期 (closedOn must not be before filedOn)', path: ['closedOn'],
}).openapi('EnforcementCaseRow');

export const importBody = z.strictObject({
  // Each row is checked on its own against EnforcementCaseRow; here only that it is an object.
  rows: z.array(z.record(z.string(), z.unknown()).openapi({ description: 'EnforcementCaseRow' })).min(1).max(1000),
}).openapi('EnforcementCaseImport');

export const rowProblemSchema = z.object({
  row: z.number().int(),
  court: z.string().optional(),
  caseNumber: z.string().optional(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })),
}).openapi('ImportRowProblem');

export const importReportSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(rowProblemSchema),
}).openapi('EnforcementCaseImportReport');

export const candidateStatuses = ['open', 'triggered', 'dismissed'] as const;

export const candidateListQuery = z.object({
  court: z.string().min(1).max(32).optional(),
  status: z.enum(candidateStatuses).optional(),
});

export const candidateSchema = z.object({
  creditCode: z.string(),
  reasons: z.array(z.string()),
  caseCount: z.number().int(),
  closedNoProperty: z.number().int(),
  unsatisfied: z.number().int(),
  outstandingCents: z.number().int(),
  courts: z.array(z.string()),
  status: z.enum(candidateStatuses),
  dismissedReason: z.string().nullable(),
  firstSeen: z.string(),
  lastSwept: z.string(),
}).openapi('TransferCandidate');

export const dismissalBody = z.strictObject({ reason: z.string().min(1).max(2000) }).openapi('CandidateDismissal');

export type EnforcementCaseRow = z.infer<typeof enforcementCaseRowSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type Candidate = z.infer<typeof candidateSchema>;
export type CandidateListQuery = z.infer<typeof candidateListQuery>;
