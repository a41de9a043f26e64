// Undelivered notices as the supervisor sees them (both outboxes, transfer_notices and
// process_notices), and the redelivery a supervisor orders with a reason. Defined once here.
import { z } from '@hono/zod-openapi';

export const undeliveredStatuses = ['failed', 'pending'] as const;

export const noticeListQuery = z.strictObject({
  /** failed: given up after the dispatcher's last attempt; pending: not delivered yet (waiting or being sent). */
  status: z.enum(undeliveredStatuses).default('failed').openapi({ description: 'failed（已放弃投递）或 pending（尚未送达）' }),
  court: z.string().min(1).max(32).optional().openapi({ description: '法院代码；执行指挥中心只能查看本院', example: 'BPC-110105' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type NoticeListQuery = z.infer<typeof noticeListQuery>;

// A notice key is `<workflowId>:<step>` or the expiry sweep's `expiry-sweep:<date>:<recipient>`.
export const noticeKeySchema = z.string().regex(/^[\p{L}\p{N}_.:()（）-]{1,256}$/u, 'a notice key (letters, digits, brackets, _ . : -)');

export const undeliveredNoticeSchema = z.object({
  noticeKey: z.string(),
  outbox: z.enum(['transfer_notices', 'process_notices']),
  processKind: z.string(),
  processId: z.string(),
  court: z.string().nullable(),
  kind: z.string(),
  recipientKind: z.string(),
  recipient: z.string(),
  caseNumber: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
}).openapi('UndeliveredNotice');

export type UndeliveredNotice = z.infer<typeof undeliveredNoticeSchema>;

export const redeliveryBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000).openapi({ description: '重新投递的理由 (why it is sent again)', example: '当事人更换了送达地址' }),
}).openapi('NoticeRedelivery');

export const redeliverySchema = z.object({
  noticeKey: z.string(),
  status: z.literal('pending'),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  /** false: it was already waiting for its first send, nothing changed and nothing was audited. */
  redelivered: z.boolean(),
}).openapi('NoticeRedeliveryResult');

export type Redelivery = z.infer<typeof redeliverySchema>;
