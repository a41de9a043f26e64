// The transfer's acts around the core (issue 5) as zod schemas: appeal against a rejection, the
// higher court's supervision, the notice to known creditors, and a supervisor's suspension and
// correction. Types are inferred here and imported into workflow code by `import type` only.
import { z } from '@hono/zod-openapi';
import type { Actor } from '../../workflows/shared/actor';
import { boundedText, wholeNumber } from './bounds';
import { legalDateSchema } from './legal-date';

const id = z.string().min(1).max(64);
const text = boundedText(2000);
const number = boundedText(128);

/** 企业破产法 art. 12: an appeal filed within the window, then the higher court's decision on it. */
export const appealFiledBody = z.strictObject({
  appellantPartyId: id,
  /** The day the appeal reached the court; left out with a postmark given, the appeal is still in the post's hands. */
  filedOn: legalDateSchema('上诉状提交日期').optional(),
  /** The postmark (交邮): posted within the window, the appeal is in time whenever it arrives (民事诉讼法 art. 85). */
  postedOn: legalDateSchema('上诉状交邮日期').optional(),
  note: z.string().max(2000).optional(),
}).openapi('AppealFiled');

export const appealDecidedBody = z.strictObject({
  /** upheld: the rejection stands (material returned); overturned: the receiving court must accept. */
  outcome: z.enum(['upheld', 'overturned']),
  rulingNumber: number.openapi({ example: '(2025)京民终88号' }),
  decidedOn: legalDateSchema('二审裁定作出日期'),
  /**
   * The day the second-instance ruling was served on the enforcement court (送达回证), on or after
   * `decidedOn`. Overturned, it is the acceptance the 7-day hand-over runs from (GO art. 15);
   * left out, the decision's date stands for it (runs before issue 13's appeal dates).
   */
  servedOn: legalDateSchema('二审裁定送达日期').optional(),
  reasons: text,
}).openapi('AppealDecided');

/** GO art. 13: the package refused (not docketed) or the 30-day review let pass. */
export const supervisionRequestBody = z.strictObject({
  grounds: z.enum(['package_refused', 'review_overdue']),
  reason: text,
  /**
   * The day the higher court received the enforcement court's letter (上一级法院收到函件), CST date: its 10
   * days to order (GO art. 13) run from the day after. Not in the future, not before the transfer decision;
   * left out, the day it is recorded.
   */
  receivedOn: legalDateSchema('上一级法院收到监督函日期').optional(),
}).openapi('SupervisionRequest');

export const supervisionOrderBody = z.strictObject({
  /** receive: docket the package; rule: rule on acceptance. */
  order: z.enum(['receive', 'rule']),
  orderNumber: number,
  /** The day the order was made, CST date: it meets the 10 days or not by this date, however late it is recorded. */
  ruledOn: legalDateSchema('监督指令作出日期').optional(),
  note: z.string().max(2000).optional(),
}).openapi('SupervisionOrder');

/** 企业破产法 art. 14: known creditors notified and the acceptance announced. */
export const creditorNoticeBody = z.strictObject({
  notifiedOn: legalDateSchema('通知及公告日期'),
  announcementRef: z.string().min(1).max(256),
}).openapi('CreditorNotice');

export const suspensionBody = z.strictObject({ reason: text }).openapi('ProcessSuspension');

export const correctionBody = z.strictObject({
  /** The sequence number of the recorded act that was wrong; it stays as it was. */
  correctsSeq: wholeNumber(1),
  correction: text,
  reason: text,
}).openapi('RecordCorrection');

type WithActor<T> = T & { actor: Actor };

export type AppealInput = WithActor<
  ({ step: 'filed' } & z.infer<typeof appealFiledBody>) | ({ step: 'decided' } & z.infer<typeof appealDecidedBody>)
>;
export type SupervisionRequestInput = WithActor<z.infer<typeof supervisionRequestBody>>;
export type SupervisionOrderInput = WithActor<z.infer<typeof supervisionOrderBody>>;
export type CreditorNoticeInput = WithActor<z.infer<typeof creditorNoticeBody>>;
export type SuspensionInput = WithActor<z.infer<typeof suspensionBody>>;
export type CorrectionInput = WithActor<z.infer<typeof correctionBody>>;
