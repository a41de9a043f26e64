// Search, filters and paging of the transfer and preservation lists (issue 17), in the API and in
// the console, on 260 transfers and 250 preservations of one court plus a few of another: the
// search finds the right rows by debtor name, credit code and 案号, pages reach every row (no
// 200–300 row cap), and the list scope still holds (api/http/list-scope.ts).
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
const beijing = 'BPC-110105';
const shanghai = 'BPC-310115';
const officer: Actor = { userId: 'officer-wang', role: 'enforcement_officer', court: beijing };
const shanghaiOfficer: Actor = { userId: 'officer-sh', role: 'enforcement_officer', court: shanghai };
const code = (i: number, court: string) => `91${court === beijing ? '110105' : '310115'}MA${String(i).padStart(8, '0')}`;

let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;

async function seed(pool: pg.Pool): Promise<void> {
  const rows = [...Array.from({ length: 260 }, (_, i) => [i, beijing] as const), ...Array.from({ length: 5 }, (_, i) => [i, shanghai] as const)];
  for (const [i, court] of rows) {
    const credit = code(i, court);
    await pool.query(
      `insert into transfers (credit_code, workflow_id, run_id, version, stage, stage_label, home_court, receiving_court, involved_courts,
         debtor_party_id, domicile_division_code, triggered_at, overdue) values ($1, $2, 'run1', 1, 'consent', '征询意见', $3, null, array[$3], 'd', $4, now() - make_interval(secs => $5), $6)`,
      [credit, `transfer-${credit}`, court, credit.slice(2, 8), i, i % 50 === 0],
    );
    // Beijing's 7th debtor is 恒泰; Shanghai's 3rd has the same name (scope must keep it out of Beijing's search).
    const name = (court === beijing ? i === 7 : i === 3) ? '恒泰实业有限公司' : `某某贸易${i}号有限公司`;
    await pool.query(`insert into transfer_parties (credit_code, party_id, name, kind) values ($1, 'd', $2, 'debtor')`, [credit, name]);
    await pool.query(`insert into transfer_cases (credit_code, case_number, court, status, joined_at) values ($1, $2, $3, 'in_enforcement', now())`,
      [credit, `(2025)${court === beijing ? '京0105' : '沪0115'}执${1000 + i}号`, court]);
  }
  for (let i = 0; i < 250; i++) {
    await pool.query(
      `insert into preservations (preservation_id, court, application_number, kind, urgent, stage, stage_label, applicant_party_id,
         respondent_party_id, respondent_credit_code, amount, applied_at, case_number)
       values ($1, $2, $3, 'in_suit', false, 'awaiting_ruling', '待裁定', 'pa', 'pr', $4, 1000, now() - make_interval(secs => $5), $6)`,
      [`preservation-${beijing}-BQ${i}`, beijing, `BQ${i}`, code(i, beijing), i, `(2026)京0105民初${500 + i}号`],
    );
  }
  await pool.query(
    `insert into deadlines (deadline_key, process_kind, process_id, name, label, court, due_at, status)
     values ('p3:ruling', 'preservation', $1, 'ruling', '保全裁定期限', $2, now() - interval '1 hour', 'open')`,
    [`preservation-${beijing}-BQ3`, beijing],
  );
}

beforeAll(async () => {
  db = await freshDatabase();
  await seed(db.pool);
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  // Lists read PostgreSQL only: no Temporal call is made.
  app = createApp({ config, client: {} as Client, pool: appPool });
});
afterAll(async () => {
  await appPool?.end();
  await db?.close();
});

async function get(actor: Actor, path: string): Promise<Record<string, any>> {
  const token = await mintToken(config.JWT_SECRET, actor);
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return await res.json() as Record<string, any>;
}
const q = encodeURIComponent;

describe('GET /transfers: search, filters, paging', () => {
  it('finds a debtor by name, by part of its credit code and by 案号, within the list scope', async () => {
    const byName = await get(officer, `/transfers?q=${q('恒泰')}`);
    expect(byName.items.map((r: any) => [r.creditCode, r.debtorName])).toEqual([[code(7, beijing), '恒泰实业有限公司']]);
    expect((await get(officer, `/transfers?q=${q('京0105执1007')}`)).items.map((r: any) => r.creditCode)).toEqual([code(7, beijing)]);
    expect((await get(officer, `/transfers?q=${code(7, beijing).slice(-10).toLowerCase()}`)).items.map((r: any) => r.creditCode)).toEqual([code(7, beijing)]);
    expect((await get(shanghaiOfficer, `/transfers?q=${q('恒泰')}`)).items.map((r: any) => r.creditCode)).toEqual([code(3, shanghai)]);
    // A typed % matches itself, not every row.
    expect((await get(officer, `/transfers?q=${q('%')}`)).total).toBe(0);
  });

  it('pages through every row of the court with no cap, and filters overdue ones', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= 2; page++) {
      const body = await get(officer, `/transfers?pageSize=200&page=${page}`);
      expect(body.total).toBe(260);
      for (const r of body.items) seen.add(r.creditCode);
    }
    expect(seen.size).toBe(260);
    const overdue = await get(officer, '/transfers?overdue=true');
    expect(overdue.items.map((r: any) => r.creditCode).sort()).toEqual([0, 50, 100, 150, 200, 250].map((i) => code(i, beijing)).sort());
  });
});

describe('GET /preservations: search, overdue, limit and offset', () => {
  it('finds by 案号, application number and credit code, pages past 200 with a total, and keeps the scope', async () => {
    const found = await get(officer, `/preservations?q=${q('民初742号')}`);
    expect(found.preservations.map((p: any) => p.applicationNumber)).toEqual(['BQ242']);
    expect((await get(officer, '/preservations?q=BQ249')).preservations.map((p: any) => p.applicationNumber)).toEqual(['BQ249']);
    const last = await get(officer, '/preservations?limit=100&offset=200');
    expect([last.total, last.preservations.length]).toEqual([250, 50]);
    expect((await get(officer, '/preservations?overdue=true')).preservations.map((p: any) => p.applicationNumber)).toEqual(['BQ3']);
    expect((await get(shanghaiOfficer, '/preservations?q=BQ1')).total).toBe(0);
  });
});

describe('the console lists', () => {
  it('search and page the same way', async () => {
    const signIn = await app.request('/console/signin', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' }, body: 'userId=officer-wang',
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = async (path: string) => (await (await app.request(path, { headers: { cookie } })).text());
    const searched = await page(`/console/transfers?q=${q('恒泰')}`);
    expect(searched).toContain('恒泰实业有限公司');
    expect(searched).toContain('共 1 件');
    const third = await page('/console/transfers?page=13');
    expect(third).toContain('共 260 件，第 13/13 页');
    expect(third).toContain('上一页');
    const overdue = await page('/console/preservations?overdue=1');
    expect(overdue).toContain('共 1 件');
    expect(overdue).toContain('BQ3');
  });
});
