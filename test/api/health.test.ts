import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { createPool } from '../../infra/db/database';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';

let db: TestDatabase;
let client: Client;
beforeAll(async () => {
  db = await freshDatabase();
  client = await testClient();
});
afterAll(async () => {
  await client.connection.close();
  await db.close();
});

describe('GET /healthz', () => {
  it('reports Temporal and PostgreSQL up', async () => {
    const app = createApp({ config: testConfig(), client, pool: db.pool });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', temporal: { up: true }, postgres: { up: true } });
  });

  it('reports PostgreSQL down with 503 when it cannot be reached', async () => {
    const deadPool = createPool('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      const app = createApp({ config: testConfig(), client, pool: deadPool });
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
