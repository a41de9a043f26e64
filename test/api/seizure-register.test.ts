// The seizure register of one debtor (issue 14): GET /seizures?debtor= lists every seizure of the
// debtor whatever its origin, by asset then rank (those in effect before released ones), under the
// court holding each now; a court sees what it holds, an administrator all, a party nothing; the
// debtor is read in its canonical form (a lower-case code finds the same rows).
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import type { Actor } from '../../workflows/shared/actor';
import { apiCaller } from '../support/api-client';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
const debtor = '91110105MA01ABCD13';
const other = '91110105MA0SCOPE1X';
let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;

async function seize(key: string, code: string, court: string, asset: string, rank: number, extra: Record<string, unknown> = {}) {
  const row = {
    seizure_key: key, debtor_credit_code: code, source: 'preservation', asset_kind: 'bank_deposit', asset, location: '工商银行朝阳支行',
    taken_at: '2026-10-01T02:00:00Z', rank, court, effective_at: '2026-10-01T02:00:00Z', term: 1,
    expires_at: '2027-09-30T15:59:59.999Z', renew_by: '2027-09-15T15:59:59.999Z', status: 'live', ...extra,
  };
  const columns = Object.keys(row);
  await db.pool.query(`insert into seizures (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
}

beforeAll(async () => {
  db = await freshDatabase();
  await seize('s-a1', debtor, 'BPC-110105', '账户 A', 1);
  // Queued behind s-a1: no effect, no term yet (查封扣押冻结规定 art. 26).
  await seize('s-a2', debtor, 'BPC-110105', '账户 A', 2, { effective_at: null, expires_at: null, renew_by: null, queued_since: '2026-10-02T02:00:00Z', taken_at: '2026-10-02T02:00:00Z' });
  await seize('s-b1', debtor, 'BPC-110105', '账户 B', 1, { status: 'released', released_at: '2026-11-01T02:00:00Z', release_ruling_number: '(2026)京0105执保9号之一' });
  await seize('s-c1', debtor, 'BPC-110106', '账户 C', 1);
  await seize('s-x1', other, 'BPC-110105', '账户 X', 1);
  appPool = actAsRole(createPool(db.url, 2), apiRole);
  app = createApp({ config, client: {} as Client, pool: appPool, log: (await import('pino')).pino({ level: 'error' }) } as never);
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

const get = (actor: Actor, path: string) => apiCaller(app, config)(actor, 'GET', path);

const officer: Actor = { userId: 'officer-1', role: 'enforcement_officer', court: 'BPC-110105' };
const keys = (body: Record<string, any>) => (body.seizures as { seizureKey: string }[]).map((s) => s.seizureKey);

describe('GET /seizures?debtor= (the register of one debtor)', () => {
  it('lists the debtor\'s seizures its court holds, by asset and rank, queued ones without a term', async () => {
    const { status, body } = await get(officer, `/seizures?debtor=${debtor}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(keys(body)).toEqual(['s-a1', 's-a2', 's-b1']);
    const [first, queued, released] = body.seizures as Record<string, unknown>[];
    expect(first).toMatchObject({ rank: 1, status: 'live', queued: false, holderCourt: 'BPC-110105', expiresAt: '2027-09-30T15:59:59.999Z' });
    expect(queued).toMatchObject({ rank: 2, queued: true, expiresAt: null, queuedSince: '2026-10-02T02:00:00.000Z' });
    expect(released).toMatchObject({ status: 'released', releaseRulingNumber: '(2026)京0105执保9号之一' });
  });

  it('reads the debtor in canonical form; an administrator sees every court\'s; a party sees none', async () => {
    expect(keys((await get(officer, `/seizures?debtor=${debtor.toLowerCase()}`)).body)).toEqual(['s-a1', 's-a2', 's-b1']);
    expect(keys((await get({ userId: 'admin', role: 'administrator' }, `/seizures?debtor=${debtor}`)).body)).toEqual(['s-a1', 's-a2', 's-b1', 's-c1']);
    expect((await get({ userId: 'p', role: 'party', partyId: 'p1' }, `/seizures?debtor=${debtor}`)).body).toEqual({ seizures: [] });
  });

  it('refuses another court\'s register and a malformed code, naming the field', async () => {
    expect((await get(officer, `/seizures?debtor=${debtor}&court=BPC-110106`)).status).toBe(403);
    const bad = await get(officer, '/seizures?debtor=12345');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('debtor');
  });
});

describe('the console register page', () => {
  it('shows each asset with its seizures in rank order, names not codes, and a queued seizure without a term', async () => {
    const signIn = await app.request('/console/signin', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' }, body: 'userId=officer-wang',
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const res = await app.request(`/console/seizures?debtor=${debtor}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/data-asset=/g)).toHaveLength(2);
    expect(html).toContain('银行存款：账户 A');
    expect(html).toContain('首封，有效');
    expect(html).toContain('轮候第2位，尚未生效');
    expect(html).toContain('已解除（(2026)京0105执保9号之一）');
    expect(html).not.toContain('>BPC-110105<');
    expect(html.indexOf('data-seizure="s-a1"')).toBeLessThan(html.indexOf('data-seizure="s-a2"'));
    const bad = await app.request('/console/seizures?debtor=12345', { headers: { cookie } });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('role="alert"');
  });
});
