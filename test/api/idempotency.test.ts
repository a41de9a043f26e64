// A client that repeats a request with the same Idempotency-Key (after a timeout, say) is
// acted on once and gets the first answer again. Keys belong to the verified caller and the route
// (issue 16): a re-minted token or a differently spelled Authorization header is the same caller.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { localIssuer, mintToken, type AuthEnv } from '../../api/http/auth';
import { errorResponse, ApiError } from '../../api/http/errors';
import { idempotency, idempotencyScope } from '../../api/http/idempotency';
import { updateIdFor } from '../../api/http/temporal-calls';
import { startTestIdp, type TestIdp } from '../support/oidc-idp';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
const one: Actor = { userId: 'officer-one', role: 'enforcement_officer', court: 'BPC-110105' };
const two: Actor = { userId: 'officer-two', role: 'enforcement_officer', court: 'BPC-110105' };
const tokens = {} as Record<'one' | 'two', string>;

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  tokens.one = `Bearer ${await mintToken(config.JWT_SECRET, one)}`;
  tokens.two = `Bearer ${await mintToken(config.JWT_SECRET, two)}`;
});
afterAll(() => db.close());

function countingApp(delayMs = 0) {
  let acted = 0;
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => errorResponse(c, err));
  app.use('*', idempotency({ config, pool: db.pool }));
  for (const path of ['/act', '/act-elsewhere']) app.post(path, async (c) => {
    acted++;
    await new Promise((r) => setTimeout(r, delayMs));
    return c.json({ acted, by: c.get('actor')?.userId }, 201);
  });
  app.post('/refuse', () => {
    acted++;
    throw new ApiError(409, { error: 'WrongStage', message: 'not now' });
  });
  return { app, acted: () => acted };
}

const post = (key: string, body = '{"a":1}', auth = tokens.one) => ({
  method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': key, authorization: auth },
});

describe('Idempotency-Key', () => {
  it('acts once and replays the first response for a repeat', async () => {
    const { app, acted } = countingApp();
    const first = await app.request('/act', post('key-00000001'));
    const second = await app.request('/act', post('key-00000001'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ acted: 1, by: 'officer-one' });
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
    const otherCaller = await app.request('/act', post('key-00000003', '{"a":1}', tokens.two));
    expect(otherCaller.status).toBe(201);
    expect(acted()).toBe(2);
  });

  it('is the same caller with a re-minted token or the header spelled otherwise: replayed, not acted again', async () => {
    const { app, acted } = countingApp();
    expect((await app.request('/act', post('key-00000005'))).status).toBe(201);
    const reminted = `Bearer ${await mintToken(config.JWT_SECRET, one, '2h')}`;
    expect(reminted).not.toBe(tokens.one);
    const token = tokens.one.slice('Bearer '.length);
    for (const auth of [reminted, `bearer ${token}`, `BEARER\t${token}`, `Bearer   ${token}  `]) {
      const again = await app.request('/act', post('key-00000005', '{"a":1}', auth));
      expect(again.status, auth).toBe(201);
      expect(again.headers.get('idempotent-replayed'), auth).toBe('true');
    }
    expect(acted()).toBe(1);
  });

  it('keeps a key to its route: the same key on another route is another request', async () => {
    const { app, acted } = countingApp();
    expect((await app.request('/act', post('key-00000006'))).status).toBe(201);
    expect((await app.request('/act-elsewhere', post('key-00000006'))).status).toBe(201);
    expect(acted()).toBe(2);
  });

  it('verifies the token before storing a key: a forged token is refused and stores nothing', async () => {
    const { app, acted } = countingApp();
    const res = await app.request('/act', post('key-00000007', '{"a":1}', `${tokens.one}x`));
    expect(res.status).toBe(401);
    expect(acted()).toBe(0);
    const { rows } = await db.pool.query("select 1 from idempotency_keys where key = 'key-00000007'");
    expect(rows).toHaveLength(0);
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

describe('Idempotency-Key refusals a client or clerk reads', () => {
  // Chinese first, the English in parentheses, like every other refusal of the API.
  const chineseFirst = /^[\p{Script=Han}][^(]*\(.*Idempotency-Key.*\)$/u;

  it('a malformed key (400), a key reused for another request (422) and a repeat while the first runs (409) each say so in Chinese first', async () => {
    const { app } = countingApp(300);
    const malformed = await app.request('/act', post('bad key!'));
    const [a, b] = await Promise.all([app.request('/act', post('key-00000031')), app.request('/act', post('key-00000031'))]);
    const reused = await app.request('/act', post('key-00000031', '{"a":2}'));
    const running = a.status === 409 ? a : b;
    for (const [res, status, error, words] of [
      [malformed, 400, 'BadIdempotencyKey', '格式错误'], [reused, 422, 'IdempotencyKeyReused', '不同的请求'], [running, 409, 'IdempotencyInProgress', '仍在处理中'],
    ] as const) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe(error);
      expect(body.message).toMatch(chineseFirst);
      expect(body.message).toContain(words);
    }
  });
});

describe('a court OIDC user whose sub is a local user id', () => {
  // Keys and Update IDs were scoped by user id only: the provider's `admin` and courtrelay's local
  // `admin` (a minted token) shared them, so one's retry replayed — or reached the Update of — the other.
  let idp: TestIdp;
  let oidcConfig: ReturnType<typeof testConfig>;
  beforeAll(async () => {
    idp = await startTestIdp({ admin: { name: '法院的admin', roles: ['系统管理员'] } }, ['http://127.0.0.1:1/console/oidc/callback']);
    oidcConfig = testConfig({ ...idp.config('http://127.0.0.1:1') });
  });
  afterAll(() => idp?.close());

  function appOn(cfg: ReturnType<typeof testConfig>) {
    let acted = 0;
    const app = new Hono<AuthEnv>();
    app.onError((err, c) => errorResponse(c, err));
    app.use('*', idempotency({ config: cfg, pool: db.pool }));
    app.post('/act', (c) => c.json({ acted: ++acted, by: c.get('actor')?.userId, updateId: updateIdFor(c) }, 201));
    return { app, acted: () => acted };
  }

  it('has keys and Update IDs apart from the local user of that id', async () => {
    const { app, acted } = appOn(oidcConfig);
    const local = `Bearer ${await mintToken(oidcConfig.JWT_SECRET, { userId: 'admin', role: 'administrator' })}`;
    const court = `Bearer ${await idp.accessToken('admin')}`;
    const first = await app.request('/act', post('key-00000100', '{"a":1}', local));
    const second = await app.request('/act', post('key-00000100', '{"a":1}', court));
    expect(first.status).toBe(201);
    expect(second.status, await second.clone().text()).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    const [a, b] = [await first.json() as { updateId: string }, await second.json() as { updateId: string }];
    expect(a.updateId).toMatch(/^idem-/);
    expect(b.updateId).not.toBe(a.updateId);
    expect(acted()).toBe(2);
    // Each one's own repeat still replays.
    expect((await app.request('/act', post('key-00000100', '{"a":1}', court))).headers.get('idempotent-replayed')).toBe('true');
  });

  it('leaves a local user\'s keys and Update IDs as they were stored before issuers were told apart', async () => {
    expect(idempotencyScope({ issuer: localIssuer, subject: 'officer-one' }, 'POST', '/act'))
      .toBe(createHash('sha256').update('user:officer-one\nPOST /act').digest('hex'));
    const { app } = appOn(config);
    const res = await app.request('/act', post('key-00000101'));
    const expected = `idem-${createHash('sha256').update('officer-one\nPOST /act\nkey-00000101').digest('hex').slice(0, 40)}`;
    expect((await res.json() as { updateId: string }).updateId).toBe(expected);
  });
});
