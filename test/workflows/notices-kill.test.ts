// A worker killed between sending a notice and recording it: the notice stays claimed until its
// lease runs out, another worker sends it again with the same Idempotency-Key, and the receiver
// keeps it once. The kill lands in the gap because the first worker pauses after sending
// (COURTRELAY_TEST_PAUSE_AFTER_SEND_MS, read by the notice activities in the worker process).
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNoticeDispatcher } from '../../activities/notices/dispatcher-start';
import type { NoticeDispatcherInput } from '../../workflows/notices/dispatcher';
import { insertNotice, insertTransferRow, noticeRow, waitFor } from '../fixtures/notices';
import { freshDatabase, type TestDatabase } from '../support/database';
import { spawnWorker, type WorkerProcess } from '../support/spawn-worker';
import { testClient, uniqueTaskQueue } from '../support/temporal';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const secret = 'test-webhook-secret-kill-0123456789';
const input: NoticeDispatcherInput = {
  pollIntervalMs: 300, heartbeatTimeoutMs: 4_000, roundsPerRun: 100,
  settings: { batchSize: 10, leaseMs: 2_000, backoff: { initialMs: 200, maxMs: 2_000 }, maxAttempts: 10 },
};

let db: TestDatabase;
let client: Client;
let receiver: WebhookReceiver;
const workers: WorkerProcess[] = [];
beforeAll(async () => {
  db = await freshDatabase();
  client = await testClient();
  receiver = await startWebhookReceiver({ secret });
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await receiver?.close();
  await client?.connection.close();
  await db?.close();
});

describe('notice delivery across a worker killed mid-delivery', () => {
  it('sends again with the same event key and the receiver keeps the notice once', async () => {
    const code = await insertTransferRow(db.pool);
    const key = `transfer-${code}:run1:7:decision:c1`;
    await insertNotice(db.pool, code, key);
    const taskQueue = uniqueTaskQueue('notices-kill');

    Object.assign(process.env, { NOTICE_WEBHOOK_URL: receiver.url, NOTICE_WEBHOOK_SECRET: secret, COURTRELAY_TEST_PAUSE_AFTER_SEND_MS: '4000' });
    const first = await spawnWorker({ taskQueue, databaseUrl: db.url });
    workers.push(first);
    const workflowId = await ensureNoticeDispatcher(client, { TEMPORAL_TASK_QUEUE: taskQueue }, input);
    try {
      await waitFor(async () => receiver.delivered.length, (n) => n === 1, 20_000);
      await first.kill('SIGKILL');
      expect(await noticeRow(db.pool, key)).toMatchObject({ status: 'sending', attempts: 1 });

      delete process.env.COURTRELAY_TEST_PAUSE_AFTER_SEND_MS;
      workers.push(await spawnWorker({ taskQueue, databaseUrl: db.url }));
      const row = await waitFor(() => noticeRow(db.pool, key), (r) => r.status === 'delivered', 30_000);
      expect(row).toMatchObject({ attempts: 2, channel: 'webhook' });
    } finally {
      await client.workflow.getHandle(workflowId).terminate('test over');
      delete process.env.NOTICE_WEBHOOK_URL;
      delete process.env.NOTICE_WEBHOOK_SECRET;
    }
    expect(receiver.requests.map((r) => [r.status, r.duplicate])).toEqual([[200, false], [200, true]]);
    expect(receiver.delivered.map((d) => d.key)).toEqual([key]);
  });
});
