// Headers, not only bodies (issue 16): Content-Type (RFC 9110 media type and parameters), Origin
// (RFC 6454), Authorization (RFC 6750), Cookie and Idempotency-Key, each random or a mutation of a
// valid value, on API and console routes. Never a 5xx; every 4xx says what was wrong. Then the
// named cases: which malformed header gets which answer.
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { parseMediaType, parseOrigin } from '../../api/http/headers';
import { demoUser } from '../../infra/auth/demo-users';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
const runs = Number(process.env.FUZZ_REQUESTS ?? 1500);

let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;
let token: string;
let sessionCookie: string;

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  // Every route below refuses or answers before any Temporal call: bodies fail validation.
  app = createApp({ config, client: {} as Client, pool: appPool });
  token = await mintToken(config.JWT_SECRET, demoUser('officer-wang')!);
  const signIn = await app.request('/console/signin', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'userId=officer-wang',
  });
  sessionCookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

/** Header values as fetch allows them (bytes 0x20–0xFF and tab; no CR, LF or NUL). */
const headerChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\t', ';', '=', '"', '\\', ',', '/', ':', '[', ']', '%', '\u00e9', '\u00ff'),
);
const randomValue = fc.array(headerChar, { maxLength: 120 }).map((cs) => cs.join(''));
/** A valid value with pieces cut out, doubled or spliced with separators. */
const mutated = (valid: string[]) => fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.nat(), fc.array(headerChar, { maxLength: 8 }))
  .map(([v, a, b, insert]) => {
    const i = a % (v.length + 1);
    const j = i + (b % (v.length - i + 1));
    return `${v.slice(0, i)}${insert.join('')}${v.slice(j)}`;
  });
const valueOf = (valid: string[]) => fc.oneof(randomValue, mutated(valid), fc.constantFrom(...valid));

const headerSets = fc.record({
  'content-type': valueOf(['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=abc', 'text/plain; charset="utf-8"']),
  origin: valueOf(['http://localhost', 'https://court.example:8443', 'null', 'http://[::1]:3000']),
  authorization: valueOf(['Bearer abc.def.ghi', 'Bearer  x', 'Basic dXNlcjpwYXNz']),
  cookie: valueOf(['courtrelay_console=abc.def', 'a=b; c=d', 'courtrelay_console="x"']),
  'idempotency-key': valueOf(['key-00000001', 'abc:def.ghi_123']),
}, { requiredKeys: [] });

interface Target { method: string; path: string; body?: string }
const targets: Target[] = [
  { method: 'GET', path: '/me' },
  { method: 'GET', path: '/transfers' },
  { method: 'POST', path: '/transfers', body: '{}' },
  { method: 'POST', path: '/interference', body: '{"caseRef":1}' },
  { method: 'GET', path: '/preservations' },
  { method: 'POST', path: '/auth/demo-token', body: '{"userId":"nobody"}' },
  { method: 'GET', path: '/console/inbox' },
  { method: 'POST', path: '/console/signin', body: 'userId=nobody' },
  { method: 'POST', path: '/console/queue/claim', body: 'processId=x' },
  { method: 'POST', path: '/console/signout' },
];

async function send(target: Target, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await app.request(target.path, { method: target.method, headers, body: target.body });
  return { status: res.status, text: await res.text() };
}

describe('headers, fuzzed', () => {
  it(`${runs} requests with random and mutated headers on API and console routes: never a 5xx, every 4xx with a reason`, async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), headerSets, fc.boolean(), async (target, headers, signedIn) => {
      const sent: Record<string, string> = { ...headers };
      if (signedIn && target.path.startsWith('/console')) sent.cookie = `${sessionCookie}; ${headers.cookie ?? ''}`;
      if (signedIn && !target.path.startsWith('/console') && headers.authorization === undefined) sent.authorization = `Bearer ${token}`;
      const { status, text } = await send(target, sent);
      expect(status, `${target.method} ${target.path} ${JSON.stringify(sent)}: ${text.slice(0, 300)}`).toBeLessThan(500);
      if (status >= 400) expect(text.trim().length, `${target.path} ${JSON.stringify(sent)}`).toBeGreaterThan(0);
    }), { numRuns: runs });
  }, 240_000);
});

describe('headers, case by case', () => {
  const json = (contentType: string) => send({ method: 'POST', path: '/interference', body: '{}' }, { 'content-type': contentType, authorization: `Bearer ${token}` });

  it.each([
    ['application/json', 422],
    ['Application/JSON; Charset="UTF-8"', 422],
    ['application/json; charset=utf-8;', 422],
    ['application/json ; charset="utf-8"', 422],
    ['application/merge-patch+json ; charset=utf-8;', 422],
    ['application/json; charset=latin1', 415],
    ['application/json; version=2', 415],
    ['text/plain', 415],
    ['application/json; charset', 400],
    ['application/json; charset="utf-8', 400],
    ['application/json; charset=utf-8; charset=utf-8', 400],
    ['application/json junk', 400],
    ['application', 400],
    ['/json', 400],
    ['application/json/x', 400],
  ])('Content-Type %j → %i', async (contentType, status) => {
    const { status: got, text } = await json(contentType);
    expect(got, text).toBe(status);
    if (status === 400) expect(JSON.parse(text)).toMatchObject({ error: 'BadHeader', message: expect.stringContaining('Content-Type') });
  });

  it.each([
    ['http://[', 400], ['http://', 400], ['localhost', 400], ['http://evil.example/path', 400], ['http://h:99999', 400],
    ['http://evil.example', 403], ['null', 422], ['http://localhost', 422],
  ])('a console form post with Origin %j → %i', async (origin, status) => {
    const { status: got, text } = await send({ method: 'POST', path: '/console/signin', body: 'userId=nobody' },
      { origin, 'content-type': 'application/x-www-form-urlencoded' });
    expect(got, text).toBe(status);
    if (status === 400) expect(text).toContain('Origin');
  });

  it.each([
    ['multipart/form-data', 400], ['multipart/form-data; boundary=', 400], ['multipart/form-data; boundary="a b "', 400],
    ['application/json', 415], ['text/html;', 415], ['form', 400],
  ])('a console form post with Content-Type %j → %i', async (contentType, status) => {
    const { status: got, text } = await send({ method: 'POST', path: '/console/signin', body: 'userId=nobody' }, { 'content-type': contentType });
    expect(got, text).toBe(status);
  });

  it.each(['Bearer', 'Bearer a b', 'Bearer\u00e9x', 'Token abc', 'Bearer "abc"', 'Basic Og=='])('Authorization %j → 401 with a reason', async (authorization) => {
    const { status, text } = await send({ method: 'GET', path: '/me' }, { authorization });
    expect(status).toBe(401);
    expect(JSON.parse(text).message).toMatch(/令牌|token/);
  });

  it('the parsers read what the standards allow', () => {
    expect(parseMediaType('text/plain ; charset="a\\"b" ;')).toEqual({ essence: 'text/plain', params: new Map([['charset', 'a"b']]) });
    expect(parseOrigin('HTTPS://Court.Example:443')).toEqual({ opaque: false, scheme: 'https', host: 'court.example:443' });
    expect(parseOrigin('http://[::1]:3000')).toEqual({ opaque: false, scheme: 'http', host: '[::1]:3000' });
    expect(parseOrigin(' null ')).toEqual({ opaque: true });
  });
});
