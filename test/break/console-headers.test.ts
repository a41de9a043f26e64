// Outside break of issue 16: the console reads query strings and form fields the API guards. A NUL
// in a console query or form field reaches PostgreSQL ("invalid byte sequence for encoding UTF8:
// 0x00") and answers 500; the API's own routes answer 400 for the same URL. And a console form post
// with a charset other than UTF-8 is decoded as UTF-8 instead of answering 415, as the README says an
// unsupported charset is answered.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;
let cookie: string;

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  app = createApp({ config, client: {} as Client, pool: appPool });
  const signIn = await app.request('/console/signin', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'userId=officer-wang',
  });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

describe('console routes and malformed input (issue 16, outside break)', () => {
  it.each(['/console/transfers?q=%00', '/console/preservations?q=%00', '/console/transfers?court=%00'])('GET %s is a 4xx, not a 500', async (path) => {
    const res = await app.request(path, { headers: { cookie } });
    expect(res.status, await res.text()).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('a form field with a NUL is a 4xx, not a 500', async () => {
    const res = await app.request('/console/queue/claim', {
      method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: 'processId=%00',
    });
    expect(res.status, await res.text()).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('a form post in a charset other than UTF-8 is 415, as on the API', async () => {
    const res = await app.request('/console/queue/claim', {
      method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded; charset=gbk' }, body: 'processId=x',
    });
    expect(res.status).toBe(415);
  });
});
