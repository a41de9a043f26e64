// The notice outbox delivered by the dispatcher workflow on a real Temporal server: a failing
// receiver is retried with backoff and gets each notice once; without a webhook notices are only
// recorded; keys that are not ASCII still reach the receiver as a usable Idempotency-Key.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelFromConfig, recordOnlyChannel } from '../../activities/notices/channel';
import { createNoticeActivities, type DispatchSettings } from '../../activities/notices/outbox';
import { webhookChannel } from '../../activities/notices/webhook';
import { ensureNoticeDispatcher } from '../../activities/notices/dispatcher-start';
import { dispatcherTotalsQuery, noticeDispatcherWorkflowId, type NoticeDispatcherInput } from '../../workflows/notices/dispatcher';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, uniqueTaskQueue, withWorker } from '../support/temporal';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { insertNotice, insertTransferRow, noticeRow, waitFor } from '../fixtures/notices';

const secret = 'test-webhook-secret-0123456789';
const settings: DispatchSettings = { batchSize: 10, leaseMs: 5_000, backoff: { initialMs: 200, maxMs: 2_000 }, maxAttempts: 10 };
const dispatcherInput: NoticeDispatcherInput = { pollIntervalMs: 300, heartbeatTimeoutMs: 10_000, roundsPerRun: 50, settings };

let db: TestDatabase;
let client: Client;
let receiver: WebhookReceiver;
beforeAll(async () => {
  db = await freshDatabase();
  client = await testClient();
  receiver = await startWebhookReceiver({ secret });
});
afterAll(async () => {
  await receiver?.close();
  await client?.connection.close();
  await db?.close();
});

async function withDispatcher<T>(channel: Parameters<typeof createNoticeActivities>[0]['channel'], fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueTaskQueue('notices');
  return withWorker({ taskQueue, activities: createNoticeActivities({ pool: db.pool, channel }) }, async () => {
    const workflowId = await ensureNoticeDispatcher(client, { TEMPORAL_TASK_QUEUE: taskQueue }, dispatcherInput);
    expect(await ensureNoticeDispatcher(client, { TEMPORAL_TASK_QUEUE: taskQueue }, dispatcherInput)).toBe(workflowId);
    try {
      return await fn(taskQueue);
    } finally {
      await client.workflow.getHandle(workflowId).terminate('test over');
    }
  });
}

describe('notice outbox delivery', () => {
  it('a delivery that fails is retried with backoff and delivered exactly once', async () => {
    const code = await insertTransferRow(db.pool);
    const key = `transfer-${code}:run1:7:decision:c1`;
    await insertNotice(db.pool, code, key);
    receiver.failNext(2);
    await withDispatcher(webhookChannel({ url: receiver.url, secret }), async (taskQueue) => {
      const row = await waitFor(() => noticeRow(db.pool, key), (r) => r.status === 'delivered', 20_000);
      expect(row).toMatchObject({ attempts: 3, channel: 'webhook', last_error: null });
      await new Promise((r) => setTimeout(r, 800));
      const totals = await client.workflow.getHandle(noticeDispatcherWorkflowId(taskQueue)).query(dispatcherTotalsQuery);
      expect(totals).toMatchObject({ delivered: 1, failedAttempts: 2 });
    });
    const forKey = receiver.requests.filter((r) => r.key === key);
    expect(forKey.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(receiver.delivered.filter((d) => d.key === key)).toHaveLength(1);
    expect(receiver.delivered.find((d) => d.key === key)!.body).toMatchObject({
      eventId: key, processId: `transfer-${code}`, kind: 'decision_service', recipient: 'c1', body: expect.stringContaining('移送决定书'),
    });
  });

  it('backs off between failed attempts, doubling up to the cap, and marks a notice failed after maxAttempts', async () => {
    const code = await insertTransferRow(db.pool);
    const key = `transfer-${code}:run1:8:decision:c2`;
    await insertNotice(db.pool, code, key);
    const down = webhookChannel({ url: 'http://127.0.0.1:9/unreachable', secret });
    const tight: DispatchSettings = { ...settings, backoff: { initialMs: 100, maxMs: 300 }, maxAttempts: 3 };
    const activities = createNoticeActivities({ pool: db.pool, channel: down });
    const stamps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = await noticeRow(db.pool, key);
      const wait = new Date(before.next_attempt_at).getTime() - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait + 20));
      stamps.push(Date.now());
      expect(await activities.dispatchDueNotices(tight)).toMatchObject({ delivered: 0, failedAttempts: 1 });
    }
    const row = await noticeRow(db.pool, key);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: expect.stringContaining('fetch failed') });
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(100);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(200);
    expect(await activities.dispatchDueNotices(tight)).toMatchObject({ delivered: 0, failedAttempts: 0 });
  });

  it('without NOTICE_WEBHOOK_URL notices are recorded as delivered locally (record-only channel)', async () => {
    expect(channelFromConfig({})).toBe(recordOnlyChannel);
    expect(() => channelFromConfig({ NOTICE_WEBHOOK_URL: receiver.url })).toThrow(/NOTICE_WEBHOOK_SECRET/);
    const code = await insertTransferRow(db.pool);
    const key = `transfer-${code}:run1:9:consent:c3`;
    await insertNotice(db.pool, code, key);
    await withDispatcher(channelFromConfig({}), async () => {
      const row = await waitFor(() => noticeRow(db.pool, key), (r) => r.status === 'delivered', 20_000);
      expect(row).toMatchObject({ channel: 'record-only', attempts: 1 });
    });
    expect(receiver.requests.some((r) => r.key === key)).toBe(false);
  });

  it('a key with a party id in Chinese reaches the receiver percent-encoded, the body keeps it as it is', async () => {
    const code = await insertTransferRow(db.pool);
    const key = `transfer-${code}:run1:10:consent:申请人甲`;
    await insertNotice(db.pool, code, key);
    const activities = createNoticeActivities({ pool: db.pool, channel: webhookChannel({ url: receiver.url, secret }) });
    expect(await activities.dispatchDueNotices(settings)).toMatchObject({ delivered: 1 });
    const got = receiver.delivered.find((d) => d.body.eventId === key)!;
    expect(decodeURIComponent(got.key)).toBe(key);
  });
});
