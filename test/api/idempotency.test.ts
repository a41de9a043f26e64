// A client that repeats a request with the same Idempotency-Key (after a timeout, say) is
// acted on once and gets the first answer again.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, ApiError } from '../../api/http/errors';
import { idempotency } from '../../api/http/idempotency';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

function countingApp(delayMs = 0) {
  let acted = 0;
  const app = new Hono();
  app.onError((err, c) => errorResponse(c, err));
  app.use('*', idempotency(db.pool));
  app.post('/act', async (c) => {
    acted++;
    await new Promise((r) => setTimeout(r, delayMs));
    return c.json({ acted }, 201);
  });
  app.post('/refuse', () => {
    acted++;
    throw new ApiError(409, { error: 'WrongStage', message: 'not now' });
  });
  return { app, acted: () => acted };
}

const post = (key: string, body = '{"a":1}', auth = 'Bearer one') => ({
  method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': key, authorization: auth },
});

describe('Idempotency-Key', () => {
  it('acts once and replays the first response for a repeat', async () => {
    const { app, acted } = countingApp();
    const first = await app.request('/act', post('key-00000001'));
    const second = await app.request('/act', post('key-00000001'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ acted: 1 });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(acted()).toBe(1);
  });

  it('answers 409 to a repeat that arrives while the first is still running', async () => {
    const { app, acted } = countingApp(300);
    const [a, b] = await Promise.all([app.request('/act', post('key-00000002')), app.request('/act', post('key-00000002'))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(acted()).toBe(1);
  });

  it('refuses the same key with a different body, and keeps keys apart per caller', async () => {
    const { app, acted } = countingApp();
    await app.request('/act', post('key-00000003'));
    const changed = await app.request('/act', post('key-00000003', '{"a":2}'));
    expect(changed.status).toBe(422);
    const otherCaller = await app.request('/act', post('key-00000003', '{"a":1}', 'Bearer two'));
    expect(otherCaller.status).toBe(201);
    expect(acted()).toBe(2);
  });

  it('replays a refusal too, without acting again', async () => {
    const { app, acted } = countingApp();
    expect((await app.request('/refuse', post('key-00000004'))).status).toBe(409);
    expect((await app.request('/refuse', post('key-00000004'))).status).toBe(409);
    expect(acted()).toBe(1);
  });

  it('rejects a malformed key', async () => {
    const { app, acted } = countingApp();
    expect((await app.request('/act', post('bad key!'))).status).toBe(400);
    expect(acted()).toBe(0);
  });
});
