// The API takes access tokens of the court's identity provider (OpenID Connect): a real provider
// (oidc-provider) started here signs them with its own key, published at its jwks_uri; the role and
// court come from its claims through OIDC_ROLE_MAP. The same rules as for courtrelay's own tokens
// hold (lifetime, registry court), plus the audience; courtrelay's own tokens still work beside them.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { freshDatabase, type TestDatabase } from '../support/database';
import { startTestIdp, type TestIdp } from '../support/oidc-idp';
import { testConfig } from '../support/temporal';

let db: TestDatabase;
let appPool: pg.Pool;
let idp: TestIdp;
let app: ReturnType<typeof createApp>;
let jwtSecret: string;

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 2), apiRole);
  idp = await startTestIdp({
    'li-officer': { name: '李执行员', roles: ['访客', '执行员'], court: 'BPC-110105' },
    'zhao-admin': { name: '赵管理员', roles: ['系统管理员'] },
    'guest': { name: '访客甲', roles: ['访客'], court: 'BPC-110105' },
    'nowhere': { name: '无院', roles: ['执行员'], court: 'XYZ-999999' },
    'courtless': { name: '无院声明', roles: ['执行员'] },
  }, ['http://127.0.0.1:1/console/oidc/callback']);
  const config = testConfig({ ...idp.config('http://127.0.0.1:1'), TOKEN_MAX_LIFETIME_HOURS: '12' });
  jwtSecret = config.JWT_SECRET;
  app = createApp({ config, client: {} as Client, pool: appPool });
});
afterAll(async () => {
  await idp?.close();
  await appPool?.end();
  await db?.close();
});

async function me(token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.request('/me', { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

describe('access tokens of the court\'s identity provider', () => {
  it('maps a person\'s claims to an Actor: the first mapped role held, the court, the name', async () => {
    const { status, body } = await me(await idp.accessToken('li-officer'));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ userId: 'li-officer', role: 'enforcement_officer', court: 'BPC-110105', displayName: '李执行员' });
    expect((await me(await idp.accessToken('zhao-admin'))).body).toMatchObject({ userId: 'zhao-admin', role: 'administrator' });
  });

  it.each([
    ['a role the mapping does not know', 'guest', {}, /roles claim is mapped to no|no value of the roles claim/],
    ['a court that is not in the registry', 'nowhere', {}, /未知法院.*XYZ-999999/],
    ['court staff without a court claim', 'courtless', {}, /court claim is missing/],
    ['another API\'s audience', 'li-officer', { audience: 'https://elsewhere.test/api' }, /令牌声明无效.*aud.*audience https:\/\/courtrelay.test\/api/],
    ['a lifetime beyond the configured maximum', 'li-officer', { ttlSeconds: 13 * 3600 }, /有效期过长.*at most 12 h/],
  ])('refuses %s with a 401 saying so', async (_case, login, options, message) => {
    const { status, body } = await me(await idp.accessToken(login, options));
    expect(status).toBe(401);
    expect(String(body.message)).toMatch(message);
  });

  it('refuses a token whose signature is not the provider\'s', async () => {
    const token = await idp.accessToken('li-officer');
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['系统管理员'] })).toString('base64url');
    const { status, body } = await me(`${header}.${forged}.${token.split('.')[2]}`);
    expect(status).toBe(401);
    expect(String(body.message)).toMatch(/令牌无效/);
  });

  it('still takes courtrelay\'s own tokens (scripts, services) beside the provider\'s', async () => {
    const { status, body } = await me(await mintToken(jwtSecret, { userId: 'svc', role: 'administrator' }, '1h'));
    expect(status).toBe(200);
    expect(body.userId).toBe('svc');
  });
});

describe('ID tokens are not access tokens', () => {
  // With OIDC_AUDIENCE unset the API's audience is the client id, which is also every ID token's
  // `aud`: an ID token the console received at sign-in passed as a bearer token for the API.
  let bare: ReturnType<typeof createApp>;
  let legacyTyp: ReturnType<typeof createApp>;
  beforeAll(() => {
    const { OIDC_AUDIENCE: _unset, ...withoutAudience } = idp.config('http://127.0.0.1:1');
    bare = createApp({ config: testConfig({ ...withoutAudience, TOKEN_MAX_LIFETIME_HOURS: '12' }), client: {} as Client, pool: appPool });
    legacyTyp = createApp({ config: testConfig({ ...withoutAudience, TOKEN_MAX_LIFETIME_HOURS: '12', OIDC_ACCESS_TOKEN_TYP: 'JWT' }), client: {} as Client, pool: appPool });
  });
  const meOn = async (on: ReturnType<typeof createApp>, token: string) => {
    const res = await on.request('/me', { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };

  it('takes the provider\'s access token (typ at+jwt) for the client id as audience', async () => {
    const token = await idp.accessToken('li-officer', { audience: idp.clientId });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).typ).toBe('at+jwt');
    const { status, body } = await meOn(bare, token);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ userId: 'li-officer', role: 'enforcement_officer' });
  });

  it.each([
    ['an ID token as issued (typ JWT, nonce)', {}],
    ['an ID token relabelled at+jwt (still carries its nonce)', { typ: 'at+jwt' }],
    ['an ID token without nonce but with at_hash', { claims: { nonce: undefined, at_hash: 'x' } }],
  ])('refuses %s with a 401 in Chinese saying it is not an access token', async (_case, options) => {
    const { status, body } = await meOn(bare, await idp.idToken('li-officer', options));
    expect(status).toBe(401);
    expect(String(body.message)).toMatch(/^这是身份令牌或其他令牌，不是访问令牌/);
  });

  it('with OIDC_ACCESS_TOKEN_TYP=JWT (a provider that does not type access tokens) still refuses an ID token by its claims', async () => {
    const { status, body } = await meOn(legacyTyp, await idp.idToken('li-officer'));
    expect(status).toBe(401);
    expect(String(body.message)).toMatch(/ID-token claim nonce/);
  });
});
