// Delivers the notice outbox — the transfer's (transfer_notices) and every other process's
// (process_notices: preservation reminders, expiry-sweep digests) — claim → send with the event key →
// record. A claim is a lease; a worker that dies after sending leaves the notice claimed until the
// lease runs out, then it is sent again with the same key and the receiver drops the repeat. A
// failed send waits initialMs · 2^(attempt-1) (capped) before the next try; after maxAttempts it
// is marked failed for an operator to look at.
import { Context } from '@temporalio/activity';
import type pg from 'pg';
import { parseConfig } from '../../infra/config';
import { channelFromConfig, type NoticeChannel, type OutgoingNotice } from './channel';

export interface DispatchSettings {
  batchSize: number;
  /** How long a claimed notice stays claimed before another dispatcher may send it again. */
  leaseMs: number;
  backoff: { initialMs: number; maxMs: number };
  maxAttempts: number;
}

export interface DispatchResult {
  delivered: number;
  failedAttempts: number;
  /** Milliseconds until the next notice is due (a retry, an expired lease); null when none waits. */
  nextDueInMs: number | null;
}

/** The two outbox tables the dispatcher delivers from; a row names its table, never a caller. */
const outboxTables = ['transfer_notices', 'process_notices'] as const;
type OutboxTable = (typeof outboxTables)[number];

interface ClaimedRow {
  outbox: OutboxTable;
  notice_key: string;
  process_id: string;
  credit_code: string | null;
  kind: string;
  recipient_kind: OutgoingNotice['recipientKind'];
  recipient: string;
  case_number: string | null;
  body: string;
  details: Record<string, unknown> | null;
  created_at: Date;
  attempts: number;
}

export function backoffMs(attempt: number, backoff: DispatchSettings['backoff']): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
}

const dueWhere = `(status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and claimed_until <= now())`;
const claimSet = `status = 'sending', attempts = n.attempts + 1, claimed_until = now() + $2 * interval '1 millisecond'`;

// One statement claims the batch from both outboxes, the earliest due first, so neither outbox
// starves the other. Each table locks its own candidates (FOR UPDATE is not allowed on a UNION);
// candidates not chosen are only locked for this statement, never claimed.
async function claimDue(pool: pg.Pool, settings: DispatchSettings): Promise<ClaimedRow[]> {
  const { rows } = await pool.query<ClaimedRow>(
    `with due_t as (
       select 'transfer_notices'::text as outbox, notice_key, next_attempt_at, created_at from transfer_notices
       where ${dueWhere} order by next_attempt_at, created_at limit $1 for update skip locked),
     due_p as (
       select 'process_notices'::text as outbox, notice_key, next_attempt_at, created_at from process_notices
       where ${dueWhere} order by next_attempt_at, created_at limit $1 for update skip locked),
     chosen as (
       select outbox, notice_key from (select * from due_t union all select * from due_p) d
       order by next_attempt_at, created_at limit $1),
     claimed_t as (
       update transfer_notices n set ${claimSet}
       from chosen c where c.outbox = 'transfer_notices' and n.notice_key = c.notice_key
       returning 'transfer_notices'::text as outbox, n.notice_key, 'transfer-' || n.credit_code as process_id, n.credit_code,
         n.kind, n.recipient_kind, n.recipient, n.case_number, n.body, null::jsonb as details, n.created_at, n.attempts),
     claimed_p as (
       update process_notices n set ${claimSet}
       from chosen c where c.outbox = 'process_notices' and n.notice_key = c.notice_key
       returning 'process_notices'::text as outbox, n.notice_key, n.process_id, n.credit_code,
         n.kind, n.recipient_kind, n.recipient, n.case_number, n.body, n.details, n.created_at, n.attempts)
     select * from claimed_t union all select * from claimed_p order by created_at`,
    [settings.batchSize, settings.leaseMs],
  );
  return rows;
}

function outgoing(row: ClaimedRow): OutgoingNotice {
  return {
    eventKey: row.notice_key, processId: row.process_id, creditCode: row.credit_code, kind: row.kind,
    recipientKind: row.recipient_kind, recipient: row.recipient, caseNumber: row.case_number, body: row.body,
    ...(row.details ? { details: row.details } : {}),
    createdAt: row.created_at.toISOString(), attempt: row.attempts,
  };
}

async function nextDueInMs(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ ms: number | null }>(
    `select (extract(epoch from min(case when status = 'pending' then next_attempt_at else claimed_until end) - now()) * 1000)::float8 as ms
     from notice_outbox where status in ('pending', 'sending')`,
  );
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? null : Math.max(0, Math.ceil(ms));
}

function tableOf(row: ClaimedRow): OutboxTable {
  if (!outboxTables.includes(row.outbox)) throw new Error(`unknown outbox ${row.outbox}`);
  return row.outbox;
}

export interface DispatchHooks {
  /** Called after each notice (the activity heartbeats here). */
  progress?: () => void;
  /** Test hook: wait this long between sending and recording, so a kill can land in the gap. */
  pauseAfterSendMs?: number;
}

/** One round: claims the due notices, sends each, records each outcome. */
export async function dispatchDue(pool: pg.Pool, channel: NoticeChannel, settings: DispatchSettings, hooks: DispatchHooks = {}): Promise<DispatchResult> {
  let delivered = 0;
  let failedAttempts = 0;
  for (const row of await claimDue(pool, settings)) {
    try {
      const receipt = await channel.deliver(outgoing(row));
      if (hooks.pauseAfterSendMs) await new Promise((r) => setTimeout(r, hooks.pauseAfterSendMs));
      await pool.query(
        `update ${tableOf(row)} set status = 'delivered', delivered_at = now(), claimed_until = null, last_error = null,
           channel = $2, receipt = $3 where notice_key = $1 and status = 'sending'`,
        [row.notice_key, receipt.channel, receipt.receipt],
      );
      delivered++;
    } catch (err) {
      failedAttempts++;
      await pool.query(
        `update ${tableOf(row)} set claimed_until = null, last_error = $2,
           status = case when attempts >= $4 then 'failed' else 'pending' end,
           next_attempt_at = now() + $3 * interval '1 millisecond'
         where notice_key = $1 and status = 'sending'`,
        [row.notice_key, String(err instanceof Error ? err.message : err).slice(0, 1000), backoffMs(row.attempts, settings.backoff), settings.maxAttempts],
      );
    }
    hooks.progress?.();
  }
  return { delivered, failedAttempts, nextDueInMs: await nextDueInMs(pool) };
}

function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // Called outside an activity (a direct call in a test): nothing to beat.
  }
}

/** The channel comes from NOTICE_WEBHOOK_URL/SECRET unless a test passes its own. */
export function createNoticeActivities(deps: { pool: pg.Pool; channel?: NoticeChannel }) {
  let channel = deps.channel;
  const pause = Number(process.env.COURTRELAY_TEST_PAUSE_AFTER_SEND_MS ?? 0);
  return {
    async dispatchDueNotices(settings: DispatchSettings): Promise<DispatchResult> {
      channel ??= channelFromConfig(parseConfig(process.env));
      return dispatchDue(deps.pool, channel, settings, { progress: heartbeat, pauseAfterSendMs: pause > 0 ? pause : undefined });
    },
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
