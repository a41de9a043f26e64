// 干预过问 in the console (issue 17): every member of staff reaches the page from the navigation and
// records an outside inquiry through the API's own form (POST /interference); a supervisor reads
// the records made in their court, anyone else the ones they recorded themselves. A blank time is
// refused naming the field and records nothing; a time without seconds (what a browser sends) is read.
import type { Client } from '@temporalio/client';
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
const staff = ['officer-wang', 'panel-li', 'president-zhao', 'judge-chen', 'clerk-liu', 'judge-sun', 'supervisor-zhou'];

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  // Recording interference is the API's own write to PostgreSQL; no Temporal call is made.
  app = createApp({ config, client: {} as Client, pool: appPool });
  cookies = await consoleCookies(app, [...staff, 'admin', 'creditor-huaxin']);
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

async function get(userId: string, path: string) {
  const res = await app.request(path, { headers: { cookie: cookies.get(userId)! } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

async function post(userId: string, path: string, form: Record<string, string>) {
  const res = await app.request(path, {
    method: 'POST', headers: { cookie: cookies.get(userId)!, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

const report = (caseRef: string, occurredAt: string) => ({
  _action: 'interference.record', caseRef, 'intervenor.name': '张某', 'intervenor.position': '副局长', 'intervenor.unit': '某区住建局',
  channel: 'phone', request: '询问能否暂缓查封', response: '已告知依法办理', occurredAt,
});

/** The records table of the page (the form's hint has an example case number of its own). */
function logOf(html: string): string {
  return /<table id="interference-log">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
}

async function logCount(): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>('select count(*) as n from interference_log');
  return Number(rows[0]!.n);
}

describe('干预过问 page', () => {
  it.each(staff)('%s finds it in the navigation, with the form', async (userId) => {
    const { status, text } = await get(userId, '/console/interference');
    expect(status).toBe(200);
    expect(text).toContain('href="/console/interference"');
    expect(text).toContain('data-action="interference.record"');
    expect(text).toMatch(/name="occurredAt"[^>]*step="1"|step="1"[^>]*name="occurredAt"/);
  });

  it('the administrator reads the log without a form; a party is sent home', async () => {
    const admin = await get('admin', '/console/interference');
    expect(admin.status).toBe(200);
    expect(admin.text).not.toContain('data-action="interference.record"');
    const party = await get('creditor-huaxin', '/console/interference');
    expect(party.status).toBe(303);
    expect(party.location).toBe('/console/party');
    expect((await get('creditor-huaxin', '/console/party')).text).not.toContain('/console/interference');
  });

  it('an officer records one with the browser\'s minute-only time; it lands in the log and the audit trail', async () => {
    const before = await logCount();
    const done = await post('officer-wang', '/console/interference', report('（2025）京0105执1234号', '2025-10-09T10:30'));
    expect(done.status, done.text.slice(0, 400)).toBe(303);
    expect(done.location).toBe('/console/interference?done=1');
    expect(await logCount()).toBe(before + 1);
    const { rows } = await db.pool.query('select occurred_at, recorded_by, recorded_by_court from interference_log where case_ref = $1', ['（2025）京0105执1234号']);
    expect((rows[0]!.occurred_at as Date).toISOString()).toBe('2025-10-09T02:30:00.000Z');
    expect(rows[0]!.recorded_by).toBe('officer-wang');
    const audit = await db.pool.query("select 1 from audit_trail where action = 'interference.record'");
    expect(audit.rowCount).toBeGreaterThan(0);
    const page = await get('officer-wang', '/console/interference?done=1');
    expect(page.text).toContain('已办理：记录干预过问');
    expect(logOf(page.text)).toContain('（2025）京0105执1234号');
    expect(page.text).toContain('某区住建局');
    expect(page.text).toContain('电话');
  });

  it('seconds are kept when the browser sends them', async () => {
    const done = await post('judge-sun', '/console/interference', report('（2025）京0105民初77号', '2025-10-09T10:30:45'));
    expect(done.status, done.text.slice(0, 400)).toBe(303);
    const { rows } = await db.pool.query('select occurred_at from interference_log where case_ref = $1', ['（2025）京0105民初77号']);
    expect((rows[0]!.occurred_at as Date).toISOString()).toBe('2025-10-09T02:30:45.000Z');
  });

  it('each reads their own records; the supervisor reads the court\'s', async () => {
    await post('clerk-liu', '/console/interference', report('（2025）京0105执9号', '2025-10-10T09:00'));
    const clerk = await get('clerk-liu', '/console/interference');
    expect(clerk.text).toContain('我记录的干预过问');
    expect(logOf(clerk.text)).toContain('（2025）京0105执9号');
    expect(logOf(clerk.text)).not.toContain('（2025）京0105执1234号');
    const supervisor = await get('supervisor-zhou', '/console/interference');
    for (const ref of ['（2025）京0105执9号', '（2025）京0105执1234号', '（2025）京0105民初77号']) expect(logOf(supervisor.text)).toContain(ref);
    // The receiving court's judge records at another court: not in this supervisor's log.
    await post('judge-chen', '/console/interference', report('（2025）京01破申5号', '2025-10-11T08:00'));
    expect(logOf((await get('supervisor-zhou', '/console/interference')).text)).not.toContain('（2025）京01破申5号');
    expect(logOf((await get('admin', '/console/interference')).text)).toContain('（2025）京01破申5号');
  });

  it('a blank time is refused naming the field, in Chinese, and records nothing', async () => {
    const before = await logCount();
    const refused = await post('officer-wang', '/console/interference', report('（2025）京0105执1号', ''));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('发生时间：发生时间不能为空');
    expect(refused.text).toMatch(/data-field-error="occurredAt">发生时间不能为空</);
    expect(refused.text).not.toContain('must not be empty');
    // The form comes back as it was left.
    expect(refused.text).toContain('询问能否暂缓查封');
    expect(await logCount()).toBe(before);
  });

  it('a time in the future is refused at its field', async () => {
    const refused = await post('officer-wang', '/console/interference', report('（2025）京0105执2号', '2099-01-01T00:00'));
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/data-field-error="occurredAt">发生时间：2099-01-01/);
  });
});
