// The transfer (执转破) once, as zod schemas: request bodies, the workflow input and every Update's
// argument. Types are inferred here and imported into workflow code by `import type` only.
import { z } from '@hono/zod-openapi';
import { courtCodeSchema } from './court';
import { boundedText, cents, wholeNumber } from './bounds';
import { legalDateSchema, pastLegalDate, pastLegalInstant } from './legal-date';
import type { Actor } from '../../workflows/shared/actor';
import { caseNumberSchema, enterpriseCreditCodeSchema, partyNameSchema } from './identifiers';
import type { ActLimits } from '../../workflows/shared/acts';
import type { StatuteProfile } from '../../workflows/clock/statute-profile';

export { creditCodeSchema, enterpriseCreditCodeSchema } from './identifiers';

const id = z.string().min(1).max(64);
const text = boundedText(2000);
const courtCode = courtCodeSchema;
const divisionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字 (six-digit division code)');
const amountCents = cents;

export const propertyKinds = ['money', 'sale_proceeds', 'movable', 'securities', 'bank_deposit', 'real_estate', 'equity', 'other'] as const;
/** Where a property item stands; the last three mean ownership has passed (GO art. 16). */
export const propertyStatuses = ['held', 'sold_ruling_served', 'given_in_lieu', 'paid_out'] as const;

export const propertyItemSchema = z.strictObject({
  itemId: id,
  kind: z.enum(propertyKinds),
  description: text,
  valueCents: amountCents.optional(),
  status: z.enum(propertyStatuses).default('held'),
  /** Perishable, seasonal or hard to store: may still be sold during the review (GO art. 8). */
  perishable: z.boolean().default(false),
  /** When it was seized: done, so never in the future. */
  seizedAt: pastLegalInstant('查封扣押冻结时间').optional(),
  seizureNumber: z.string().max(128).optional(),
}).openapi('PropertyItem');

export const applicantSchema = z.strictObject({ partyId: id, name: partyNameSchema(200) }).openapi('Applicant');

export const enforcementCaseSchema = z.strictObject({
  caseNumber: caseNumberSchema(128),
  court: courtCode,
  applicants: z.array(applicantSchema).min(1).max(500),
  property: z.array(propertyItemSchema).max(500).default([]),
}).openapi('EnforcementCase');

export const investigationSchema = z.strictObject({
  /** The day the investigation was conducted: done, so never in the future. */
  conductedOn: pastLegalDate('财产调查日期'),
  networkSearch: z.boolean(),
  outcome: z.enum(['none', 'insufficient']),
  findings: text,
}).openapi('PropertyInvestigation');

export const triggerBody = z.strictObject({
  creditCode: enterpriseCreditCodeSchema,
  debtor: z.strictObject({ partyId: id, name: partyNameSchema(200), domicileDivisionCode: divisionCode.optional() }),
  cases: z.array(enforcementCaseSchema).min(1).max(200),
  investigation: investigationSchema,
}).openapi('TransferTrigger');

export const addCaseBody = z.strictObject({ case: enforcementCaseSchema }).openapi('AddCase');

export const screeningBody = z.strictObject({
  enterpriseLegalPerson: z.boolean(),
  insolvency: z.strictObject({
    debtsCents: amountCents,
    assetsFoundCents: amountCents,
    unsatisfiedCases: wholeNumber(0),
    terminatedForNowCases: wholeNumber(0),
    evidence: text,
  }),
  receivingCourtOverride: z.strictObject({ court: courtCode, reason: text }).optional(),
}).openapi('Screening');

export const consentReplyBody = z.strictObject({
  partyId: id,
  consents: z.boolean(),
  /** The written consent (or refusal) on file; consent must be written (民诉法解释 art. 511). */
  documentRef: z.string().min(1).max(256).optional(),
  note: z.string().max(2000).optional(),
  /** The date the written reply bears (its legal date; default: the day it is recorded). */
  repliedOn: legalDateSchema('书面意见落款日期').optional(),
  /** The day it was posted: a reply posted within the period is in time (民事诉讼法 art. 85). */
  postedOn: legalDateSchema('书面意见交邮日期').optional(),
}).openapi('ConsentReply');

export const withdrawConsentBody = z.strictObject({ reason: text }).openapi('ConsentWithdrawal');

/**
 * The consent request served on parties (GO art. 4): each one's reply period runs from the day
 * after `servedOn` (民事诉讼法 art. 85), not from when the request was sent; until recorded, the
 * request's period stands provisionally.
 */
export const consentServiceBody = z.strictObject({
  partyIds: z.array(id).min(1).max(1000),
  /** The day of service (送达回证), CST date; not in the future, not before the request was sent. */
  servedOn: legalDateSchema('征询意见送达日期'),
}).openapi('ConsentService');

export const proposalBody = z.strictObject({
  reasons: text,
  documents: z.strictObject({
    distributedPropertyList: z.string().min(1).max(256).optional(),
    debtList: z.string().min(1).max(256).optional(),
    other: z.array(z.string().min(1).max(256)).max(50).default([]),
  }),
}).openapi('Proposal');

export const panelReviewBody = z.strictObject({ agree: z.boolean(), reasons: text }).openapi('PanelReview');

export const signatureBody = z.strictObject({
  sign: z.boolean(),
  decisionNumber: z.string().min(1).max(128).optional(),
  reasons: z.string().max(2000).optional(),
  /** The day the decision was made (移送决定作出): the 5 days to serve it run from it (GO art. 7). */
  ruledOn: legalDateSchema('决定作出日期').optional(),
}).refine((b) => !b.sign || b.decisionNumber !== undefined, { message: '签发需要决定书文号 (decisionNumber required to sign)', path: ['decisionNumber'] })
  .refine((b) => b.sign || (b.reasons ?? '').length > 0, { message: '退回需要说明理由 (reasons required to send back)', path: ['reasons'] })
  .openapi('Signature');

export const serviceBody = z.strictObject({
  servedPartyIds: z.array(id).min(1).max(1000),
  /** The day of service (送达回证): the appeal window (企业破产法 art. 12) and the hand-over (GO art. 15) run from it. */
  servedOn: legalDateSchema('送达日期').optional(),
}).openapi('Service');

export const receiptBody = z.strictObject({
  docketNumber: z.string().min(1).max(128).openapi({ example: '(2025)京01破申12号' }),
  /** The day the package was received: the 30-day review runs from it (民诉法解释 art. 512; GO art. 12). */
  receivedOn: legalDateSchema('收到材料日期').optional(),
}).openapi('Receipt');

export const materialRequestBody = z.strictObject({
  items: z.array(text).min(1).max(50),
  reason: text,
  /** The day the request was made: from it the review stops counting, in whole days (GO art. 11). */
  requestedOn: legalDateSchema('通知补充日期').optional(),
}).openapi('MaterialRequest');

/** A party's objection to the transfer decision, raised at the receiving court during its review (DOMAIN.md transfer step 5). */
export const objectionBody = z.strictObject({
  partyId: id,
  grounds: text,
  /** The written objection, when there is one on file. */
  documentRef: z.string().min(1).max(256).optional(),
  raisedOn: legalDateSchema('异议提出日期').optional(),
  /**
   * The postmark, when the objection came by post (CST date): it is the objection's date, as a posted
   * filing counts by its posting (民事诉讼法 art. 85: 邮寄的，以邮寄日为准). Not after today, not before
   * the transfer decision it answers, not after `raisedOn`.
   */
  postedOn: legalDateSchema('异议交邮日期').optional(),
}).openapi('TransferObjection');

/** The receiving court deals with the objection: sustained (the transfer cannot be accepted) or overruled, with reasons. */
export const objectionRulingBody = z.strictObject({
  objectionId: id,
  outcome: z.enum(['sustained', 'overruled']),
  reasons: text,
  ruledOn: legalDateSchema('异议处理日期').optional(),
}).openapi('TransferObjectionRuling');

export const materialSupplyBody = z.strictObject({
  requestId: id,
  documents: z.array(z.string().min(1).max(256)).min(1).max(50),
  /** The day the material reached the receiving court: the review counts again from it. */
  filedOn: legalDateSchema('补充材料提交日期').optional(),
  /** The postmark, when it was posted: posted within the 10 days it is in time (民事诉讼法 art. 85). */
  postedOn: legalDateSchema('补充材料交邮日期').optional(),
}).openapi('MaterialSupply');

/** The day a ruling was made: its 5 days of service run from it (GO art. 12). */
const ruledOn = legalDateSchema('裁定作出日期').optional();

/**
 * The period for creditors to declare claims, fixed with the acceptance (企业破产法 art. 45): at least 30
 * days, at most 3 months from the announcement. 30–89 days or 2–3 months fit whatever the start date.
 */
export const claimsPeriodSchema = z.strictObject({ amount: z.number().int(), unit: z.enum(['days', 'months']) })
  .refine((p) => (p.unit === 'days' ? p.amount >= 30 && p.amount <= 89 : p.amount >= 2 && p.amount <= 3), {
    message: '债权申报期限自公告之日起不少于三十日、不超过三个月：30至89日或2至3个月（企业破产法第四十五条） (30-89 days or 2-3 months)',
  }).openapi('ClaimsPeriod');

export const acceptanceBody = z.strictObject({
  rulingNumber: z.string().min(1).max(128), reasons: z.string().max(2000).optional(), ruledOn, claimsPeriod: claimsPeriodSchema.optional(),
}).openapi('Acceptance');

export const rejectionBody = z.strictObject({ rulingNumber: z.string().min(1).max(128), reasons: text, ruledOn }).openapi('Rejection');

/**
 * After acceptance, before any declaration, the receiving court finds the debtor does not meet the
 * conditions of bankruptcy and dismisses the application (企业破产法 art. 12 para. 2): ruling number and
 * reasons are required; `ruledOn` is the day of the ruling, its 5 days of service run from it.
 */
export const dismissalBody = z.strictObject({
  rulingNumber: z.string().min(1).max(128).openapi({ example: '(2025)京01破90号之一' }), reasons: text, ruledOn,
}).openapi('DismissalAfterAcceptance');

export const handOverBody = z.strictObject({
  items: z.array(z.strictObject({ itemId: id, to: z.enum(['bankruptcy_court', 'administrator']) })).max(1000),
  seizures: z.array(z.strictObject({ itemId: id, disposition: z.enum(['released', 'control_handed_over']) })).max(1000),
  enforcementCosts: z.array(z.strictObject({ description: text, amountCents })).max(200).default([]),
  /** The day the property was handed over (its legal date; default: the day it is recorded). */
  handedOverOn: legalDateSchema('移交日期').optional(),
}).openapi('HandOver');

export const returnBody = z.strictObject({
  itemIds: z.array(id).max(1000), materialReturned: z.literal(true),
  /** The day material and property went back to the enforcement court (default: the day it is recorded). */
  returnedOn: legalDateSchema('退回日期').optional(),
}).openapi('Return');

export const bankruptcyDeclarationBody = z.strictObject({
  rulingNumber: z.string().min(1).max(128),
  kind: z.enum(['bankruptcy_declared', 'composition_ended', 'reorganisation_ended']).default('bankruptcy_declared'),
  ruledOn,
}).openapi('BankruptcyDeclaration');

/** Every Update carries its Actor so the workflow's validator checks the permission table again. */
type WithActor<T> = T & { actor: Actor };

export type PropertyItem = z.infer<typeof propertyItemSchema>;
export type EnforcementCase = z.infer<typeof enforcementCaseSchema>;
export type TransferTrigger = z.infer<typeof triggerBody>;
export type TransferInput = TransferTrigger & {
  homeCourt: string; triggeredBy: Actor; profile: StatuteProfile; actLimits?: ActLimits;
  /** History events after which a run continues as new (besides Temporal's own suggestion). */
  historyEventLimit?: number;
};
export type AddCaseInput = WithActor<z.infer<typeof addCaseBody>>;
/**
 * The receiving court the jurisdiction table gives (activities/courts/jurisdiction.ts), looked up by
 * the API: `court` null when the table cannot say, `source` then says why.
 */
export type ScreeningJurisdiction = { court: string | null; courtName?: string; source: string };
export type ScreeningInput = WithActor<z.infer<typeof screeningBody>> & { jurisdiction?: ScreeningJurisdiction };
export type ConsentReplyInput = WithActor<z.infer<typeof consentReplyBody>>;
export type ConsentServiceInput = WithActor<z.infer<typeof consentServiceBody>>;
export type WithdrawConsentInput = WithActor<z.infer<typeof withdrawConsentBody> & { partyId: string }>;
export type ProposalInput = WithActor<z.infer<typeof proposalBody>>;
export type PanelReviewInput = WithActor<z.infer<typeof panelReviewBody>>;
/** `registeredCases`: the debtor's enforcement cases registered anywhere (the API reads them), so every court is told (issue 15). */
export type SignatureInput = WithActor<z.infer<typeof signatureBody>> & { registeredCases?: { court: string; caseNumber: string }[] };
export type ServiceInput = WithActor<z.infer<typeof serviceBody> & { document: 'decision' | 'ruling' }>;
export type ReceiptInput = WithActor<z.infer<typeof receiptBody>>;
export type MaterialRequestInput = WithActor<z.infer<typeof materialRequestBody>>;
export type MaterialSupplyInput = WithActor<z.infer<typeof materialSupplyBody>>;
export type AcceptanceInput = WithActor<z.infer<typeof acceptanceBody>>;
export type RejectionInput = WithActor<z.infer<typeof rejectionBody>>;
export type DismissalInput = WithActor<z.infer<typeof dismissalBody>>;
export type ObjectionInput = WithActor<z.infer<typeof objectionBody>>;
export type ObjectionRulingInput = WithActor<z.infer<typeof objectionRulingBody>>;
export type HandOverInput = WithActor<z.infer<typeof handOverBody>>;
export type ReturnInput = WithActor<z.infer<typeof returnBody>>;
export type BankruptcyDeclarationInput = WithActor<z.infer<typeof bankruptcyDeclarationBody>>;
