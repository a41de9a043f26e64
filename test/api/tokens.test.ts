// Bearer-token rules (issue 16): exp and iat required, a lifetime within TOKEN_MAX_LIFETIME_HOURS,
// no iat in the future, a court of the court registry; the public development key refused (and demo
// sign-in off) whenever the API listens beyond loopback or NODE_ENV=production. Real PostgreSQL
// (the registry of migrations 120–121), tokens signed with jose as any issuer would.
import type { Client } from '@temporalio/client';
import { SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { ConfigError, parseConfig } from '../../infra/config';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig({ TOKEN_MAX_LIFETIME_HOURS: '12' });
const officer: Actor = { userId: 'officer-t', role: 'enforcement_officer', court: 'BPC-110105' };
const now = () => Math.floor(Date.now() / 1000);

let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 2), apiRole);
  app = createApp({ config, client: {} as Client, pool: appPool });
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

/** A token as a careless or hostile issuer might sign it: claims exactly as given. */
function signed(claims: JWTPayload, secret = config.JWT_SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

async function me(token: string): Promise<{ status: number; body: { message?: string; userId?: string } }> {
  const res = await app.request('/me', { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() as { message?: string; userId?: string } };
}

const base = (actor: Actor = officer): JWTPayload => ({ iss: 'courtrelay', sub: actor.userId, actor: { ...actor } });

describe('bearer tokens', () => {
  it('accepts a token issued now for an hour, naming a court of the registry', async () => {
    const { status, body } = await me(await signed({ ...base(), iat: now(), exp: now() + 3600 }));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.userId).toBe('officer-t');
  });

  it.each([
    ['without exp', () => ({ ...base(), iat: now() }), /exp/],
    ['without iat', () => ({ ...base(), exp: now() + 3600 }), /iat/],
    ['expired', () => ({ ...base(), iat: now() - 7200, exp: now() - 3600 }), /过期/],
    ['issued in the future', () => ({ ...base(), iat: now() + 3600, exp: now() + 7200 }), /iat is in the future|未来/],
    ['living longer than the configured maximum', () => ({ ...base(), iat: now(), exp: now() + 13 * 3600 }), /有效期过长.*at most 12 h/],
    ['naming a court not in the registry', () => ({ ...base({ ...officer, court: 'BPC-999999' }), iat: now(), exp: now() + 3600 }), /未知法院.*BPC-999999/],
    ['naming a court in free text', () => ({ ...base({ ...officer, court: '朝阳法院' }), iat: now(), exp: now() + 3600 }), /未知法院/],
    ['of another issuer', () => ({ ...base(), iss: 'elsewhere', iat: now(), exp: now() + 3600 }), /claim refused|无效/],
  ] as const)('refuses a token %s, saying why', async (_name, claims, reason) => {
    const { status, body } = await me(await signed(claims()));
    expect(status).toBe(401);
    expect(body.message).toMatch(reason);
  });

  it('refuses a token signed with another key, and a malformed Authorization header, with 401', async () => {
    expect((await me(await signed({ ...base(), iat: now(), exp: now() + 60 }, 'x'.repeat(40)))).status).toBe(401);
    for (const header of ['Bearer', 'Bearer a b', 'Basic abc', 'Bearer \u00e9t\u00e9']) {
      const res = await app.request('/me', { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });

  it('mintToken signs what the rules accept; an administrator without a court needs no registry row', async () => {
    expect((await me(await mintToken(config.JWT_SECRET, officer))).status).toBe(200);
    expect((await me(await mintToken(config.JWT_SECRET, { userId: 'admin', role: 'administrator' }))).status).toBe(200);
  });
});

describe('the development key', () => {
  const realKey = 'a-private-key-of-this-court-only-0123456789';

  it.each([
    [{ API_HOST: '0.0.0.0' }, /API_HOST=0.0.0.0 is not loopback/],
    [{ API_HOST: '10.1.2.3' }, /API_HOST=10.1.2.3 is not loopback/],
    [{ NODE_ENV: 'production' }, /NODE_ENV=production/],
    [{ API_HOST: '0.0.0.0', NODE_ENV: 'production' }, /NODE_ENV=production/],
  ])('is refused at start-up with %o', (env, reason) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toMatch(/JWT_SECRET: 开发用密钥不得用于对外服务/);
      expect((err as ConfigError).problems.join('\n')).toMatch(reason);
    }
  });

  it('is allowed on loopback outside production; a private key anywhere', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(parseConfig({ API_HOST: host }).API_HOST).toBe(host);
    expect(parseConfig({ API_HOST: '0.0.0.0', NODE_ENV: 'production', JWT_SECRET: realKey }).JWT_SECRET).toBe(realKey);
  });

  it('demo sign-in hands out no token once a private key is set', async () => {
    const prod = createApp({ config: testConfig({ JWT_SECRET: realKey, API_HOST: '0.0.0.0', NODE_ENV: 'production' }), client: {} as Client, pool: appPool });
    const res = await prod.request('/auth/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'admin' }) });
    expect(res.status).toBe(404);
    const local = await app.request('/auth/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'admin' }) });
    expect(local.status).toBe(200);
  });
});
