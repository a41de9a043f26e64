// 反干预: the record of an outside inquiry about or intervention in a case, defined once here.
// The API validates with it; the activity stores what it validated.
import { z } from '@hono/zod-openapi';
import { boundedText as text, legalInstant } from './bounds';
import { pastLegalInstant } from './legal-date';
import { courtCodeSchema } from './court';

export const interferenceChannels = ['phone', 'letter', 'in_person', 'message', 'email', 'via_third_party', 'other'] as const;

const caseRef = z.string().regex(/^[\p{L}\p{N}()（）〔〕_.:-]{1,128}$/u, 'a case number or process id (letters, digits, brackets, _ . : -)');

export const recordInterferenceSchema = z.strictObject({
  caseRef: caseRef.openapi({ description: '案号或流程编号 (case number or process id, e.g. transfer-91110105MA01ABCD2X)', example: '(2025)京0105执1234号' }),
  intervenor: z.strictObject({
    name: text(64).openapi({ description: '过问人姓名' }),
    position: text(128).openapi({ description: '职务' }),
    unit: text(128).openapi({ description: '单位' }),
  }),
  channel: z.enum(interferenceChannels).openapi({ description: '方式: 电话/信函/当面/短信微信/邮件/托人转达/其他' }),
  request: text(4000).openapi({ description: '过问或干预的内容 (what was asked)' }),
  response: text(4000).optional().openapi({ description: '如何答复 (how it was answered)' }),
  occurredAt: pastLegalInstant('发生时间').openapi({ description: '发生时间', example: '2025-10-09T10:30:00+08:00' }),
  corrects: z.uuid().optional().openapi({ description: 'id of an earlier record this one corrects (records are never edited)' }),
}).openapi('InterferenceRecordInput');

export type RecordInterferenceInput = z.infer<typeof recordInterferenceSchema>;

export const interferenceRecordSchema = z.object({
  id: z.uuid(),
  caseRef: z.string(),
  intervenor: z.object({ name: z.string(), position: z.string(), unit: z.string() }),
  channel: z.enum(interferenceChannels),
  request: z.string(),
  response: z.string().nullable(),
  occurredAt: z.string(),
  corrects: z.string().nullable(),
  recordedBy: z.object({ userId: z.string(), role: z.string(), court: z.string().nullable() }),
  recordedAt: z.string(),
}).openapi('InterferenceRecord');

export type InterferenceRecord = z.infer<typeof interferenceRecordSchema>;

export const listInterferenceQuery = z.strictObject({
  caseRef: caseRef.optional(),
  /** The court the records were made in (an administrator's filter; a supervisor reads its own). */
  court: courtCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Newer-first paging: records recorded before this instant. */
  before: legalInstant.optional(),
});

export type ListInterferenceQuery = z.infer<typeof listInterferenceQuery>;
