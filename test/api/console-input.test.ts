// Issue 16 (outside break): the console reads query strings and form fields as the API does — a NUL
// (which PostgreSQL text cannot hold) in any console URL or form field is a 400 saying so, never a
// 500, and a form in a charset other than UTF-8 is a 415 rather than garbled names. Every console
// route, signed in as staff of each division and as a supervisor.
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { consoleCookies } from '../support/console-session';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;
let cookies: Map<string, string>;
const people = ['officer-wang', 'clerk-liu', 'judge-sun', 'supervisor-zhou'];

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  // Every request below is refused or answered before any Temporal call.
  app = createApp({ config, client: {} as Client, pool: appPool });
  cookies = await consoleCookies(app, people);
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

const pages = ['/console', '/console/inbox', '/console/queue', '/console/board', '/console/candidates', '/console/party', '/console/seizures',
  '/console/transfers', '/console/transfers/new', '/console/preservations', '/console/preservations/new', '/console/interference'];
const forms = ['/console/queue/claim', '/console/queue/assign', '/console/transfers/new', '/console/preservations/new',
  '/console/transfers/91110105MA01C9Q927', '/console/preservations/preservation-x', '/console/candidates/91110105MA01C9Q927/dismissal',
  '/console/board/notices/k/redelivery', '/console/interference', '/console/signout'];

async function get(userId: string, path: string): Promise<{ status: number; text: string }> {
  const res = await app.request(path, { headers: { cookie: cookies.get(userId)! } });
  return { status: res.status, text: await res.text() };
}

async function post(userId: string, path: string, body: string, contentType = 'application/x-www-form-urlencoded') {
  const res = await app.request(path, { method: 'POST', headers: { cookie: cookies.get(userId)!, origin: 'http://localhost', 'content-type': contentType }, body });
  return { status: res.status, text: await res.text() };
}

describe('console URLs', () => {
  it.each(pages.flatMap((page) => people.map((userId) => [page, userId])))('%s?q=%%00 as %s → 400 naming the NUL', async (page, userId) => {
    for (const query of ['q=%00', 'court=%00', 'stage=%00&q=x', 'page=%00']) {
      const { status, text } = await get(userId, `${page}?${query}`);
      expect(status, `${page}?${query}: ${text.slice(0, 200)}`).toBe(400);
      expect(text).toContain('空字符');
    }
  });

  it('a NUL in a path segment is a 400, not a lookup', async () => {
    for (const path of ['/console/transfers/%00', '/console/preservations/preservation-%00', '/console/transfers/x/documents/%00']) {
      expect((await get('officer-wang', path)).status, path).toBe(400);
    }
  });

  it('random query strings on every page and person: never a 5xx', async () => {
    const value = fc.string({ unit: fc.constantFrom('a', '%', '0', 'F', '\u00e9', '京', '(', ')', '&', '=', '+', ' ', 'ÿ', '\\'), maxLength: 20 });
    await fc.assert(fc.asyncProperty(fc.constantFrom(...pages), fc.constantFrom(...people), fc.constantFrom('q', 'court', 'stage', 'page', 'next', 'done'), value,
      async (page, userId, name, raw) => {
        const { status, text } = await get(userId, `${page}?${name}=${encodeURI(raw)}`);
        expect(status, `${page}?${name}=${raw}: ${text.slice(0, 200)}`).toBeLessThan(500);
      }), { numRuns: 150 });
  });
});

describe('console forms', () => {
  it.each(forms)('POST %s with a NUL in a field → 400 naming the field', async (path) => {
    const { status, text } = await post('supervisor-zhou', path, 'processId=%00&reason=x');
    expect(status, text.slice(0, 200)).toBe(400);
    expect(text).toMatch(/processId.*空字符/);
    expect((await post('supervisor-zhou', path, 'reason=ok&na%00me=x')).status).toBe(400);
  });

  it.each(['gbk', 'GB2312', 'latin1'])('a form in charset %s → 415', async (charset) => {
    const { status, text } = await post('officer-wang', '/console/queue/claim', 'processId=x', `application/x-www-form-urlencoded; charset=${charset}`);
    expect(status, text).toBe(415);
    expect(text).toContain('UTF-8');
  });

  it('a form in UTF-8 (said or not) is read', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8']) {
      const { status } = await post('officer-wang', '/console/queue/claim', 'processId=transfer-none', type);
      expect(status, type).not.toBe(415);
      expect(status, type).toBeLessThan(500);
    }
  });
});
