import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities/index';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { pollerFreshMs } from '../../api/routes/health';
import { createPool } from '../../infra/db/database';
import { application, clerk, eventually } from '../fixtures/preservation';
import { apiCaller } from '../support/api-client';
import { freshDatabase, type TestDatabase } from '../support/database';
import { startWorkerHarness, testClient, testConfig, uniqueTaskQueue, withWorker, type WorkerHarness } from '../support/temporal';

let db: TestDatabase;
let client: Client;
let h: WorkerHarness;
beforeAll(async () => {
  db = await freshDatabase();
  client = await testClient();
  h = await startWorkerHarness();
});
afterAll(async () => {
  await h?.stop();
  await client.connection.close();
  await db.close();
});

describe('GET /healthz', () => {
  it('reports Temporal, PostgreSQL and a polling worker up', async () => {
    const app = createApp({ config: testConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue }), client, pool: db.pool });
    const body = await eventually(async () => {
      const res = await app.request('/healthz');
      return res.status === 200 ? (await res.json()) as any : undefined;
    }, 30_000);
    expect(body).toMatchObject({ status: 'ok', temporal: { up: true }, postgres: { up: true }, worker: { up: true }, processes: { failing: 0 } });
  });

  it('reports PostgreSQL down with 503 when it cannot be reached', async () => {
    const deadPool = createPool('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      const app = createApp({ config: testConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue }), client, pool: deadPool });
      const res = await app.request('/healthz');
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.status).toBe('degraded');
      expect(body.temporal.up).toBe(true);
      expect(body.postgres.up).toBe(false);
    } finally {
      await deadPool.end();
    }
  });

  it('is described in the OpenAPI document, which is browsable', async () => {
    const app = createApp({ config: testConfig(), client, pool: db.pool });
    const doc = (await (await app.request('/openapi.json')).json()) as any;
    expect(doc.paths['/healthz'].get).toBeDefined();
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const app = createApp({ config: testConfig(), client, pool: db.pool });
    const res = await app.request('/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error).toBe('NotFound');
  });
});

describe('with the worker down', () => {
  const deadlineMs = 2000;
  const config = testConfig({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('down'), API_TEMPORAL_DEADLINE_MS: String(deadlineMs) });
  const app = () => createApp({ config, client, pool: db.pool });

  it('an Update and a status read answer 503 with Retry-After within the deadline, and /healthz is not ok', async () => {
    const call = apiCaller(app(), config);
    // A process started while a worker ran; then the worker stops.
    const preservationId = await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities: createActivities({ pool: db.pool }) }, async () => {
      const res = await call(clerk, 'POST', '/preservations', application());
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await eventually(async () => ((await call(clerk, 'GET', `/preservations/${res.body.preservationId}`)).status === 200 ? true : undefined), 30_000);
      return res.body.preservationId as string;
    });

    const started = Date.now();
    const ruling = await app().request(`/preservations/${preservationId}/ruling`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(config.JWT_SECRET, clerk)}` },
      body: JSON.stringify({ decision: 'granted', reason: '符合条件' }),
    });
    const waited = Date.now() - started;
    expect(ruling.status).toBe(503);
    expect(ruling.headers.get('retry-after')).toBe('5');
    const answer = (await ruling.json()) as { error: string; message: string };
    expect(answer.error).toBe('TemporalUnavailable');
    expect(answer.message).toMatch(/未应答.*Idempotency-Key/);
    // Within the deadline, give or take a busy machine's scheduling; without one it waited over a minute.
    expect(waited).toBeLessThan(deadlineMs + 3000);

    const status = await call(clerk, 'GET', `/preservations/${preservationId}`);
    expect(status.status).toBe(503);

    const health = await eventually(async () => {
      const res = await app().request('/healthz');
      return res.status === 503 ? (await res.json()) as any : undefined;
    }, pollerFreshMs + 60_000);
    expect(health.status).toBe('degraded');
    expect(health.temporal.up).toBe(true);
    expect(health.worker.up).toBe(false);
    expect(health.worker.detail).toContain(config.TEMPORAL_TASK_QUEUE);
  });
});
