// Undelivered notices for the supervisor, on real PostgreSQL acting as the application's role:
// GET /notices lists failed or pending notices of both outboxes by court, as the permission table
// says; POST /notices/{noticeKey}/redelivery puts one back to pending with its attempts reset, is
// audited once however often it is repeated, and refuses what it cannot do; the supervisor's
// board shows failed notices with a redelivery button through the same API.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { demoUser } from '../../infra/auth/demo-users';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import type { Actor } from '../../workflows/shared/actor';
import { insertNotice, insertTransferRow, noticeRow } from '../fixtures/notices';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';

const config = testConfig();
let db: TestDatabase;
let appPool: pg.Pool;
let client: Client;
let app: ReturnType<typeof createApp>;

const supervisor = demoUser('supervisor-zhou')!;
const admin = demoUser('admin')!;
const otherSupervisor: Actor = { userId: 'supervisor-other', role: 'supervisor', court: 'BPC-310115' };

// One transfer of BPC-110105 with a failed, a retrying and a delivered notice; process notices of
// that court (a preservation's reminder) and of another court (an expiry digest).
let code: string;
const keys = {} as Record<'failed' | 'retrying' | 'delivered' | 'reminder' | 'otherCourt' | 'fresh', string>;

async function setStatus(key: string, status: string, attempts: number, lastError: string | null = null) {
  await db.pool.query(
    `update transfer_notices set status = $2, attempts = $3, last_error = $4, next_attempt_at = now() + interval '1 hour' where notice_key = $1`,
    [key, status, attempts, lastError],
  );
}

async function insertProcessNotice(key: string, court: string, kind: 'preservation' | 'expiry_sweep', status: string) {
  await db.pool.query(
    `insert into process_notices (notice_key, process_kind, process_id, court, kind, recipient_kind, recipient, body, status, attempts, last_error)
     values ($1, $2, $3, $4, $5, $6, 'r-1', '通知', $7, 25, 'HTTP 503')`,
    [key, kind, kind === 'preservation' ? `preservation-${court}-P1` : 'expiry-sweep-2025-10-09', court,
      kind === 'preservation' ? 'measure_renewal_reminder' : 'expiry_digest', kind === 'preservation' ? 'party' : 'staff', status],
  );
}

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  client = await testClient();
  app = createApp({ config, client, pool: appPool });
  code = await insertTransferRow(db.pool);
  const prefix = `transfer-${code}:run1`;
  Object.assign(keys, {
    failed: `${prefix}:3:decision:party-a`, retrying: `${prefix}:3:decision:party-b`, delivered: `${prefix}:3:decision:party-c`,
    fresh: `${prefix}:4:suspension:BPC-110105`,
    reminder: 'preservation-BPC-110105-P1:renewal:applicant', otherCourt: 'expiry-sweep:2025-10-09:supervisor-other',
  });
  for (const key of [keys.failed, keys.retrying, keys.delivered, keys.fresh]) await insertNotice(db.pool, code, key);
  await setStatus(keys.failed, 'failed', 25, 'HTTP 503 from receiver');
  await setStatus(keys.retrying, 'pending', 7, 'connect ECONNREFUSED');
  await setStatus(keys.delivered, 'delivered', 1);
  await insertProcessNotice(keys.reminder, 'BPC-110105', 'preservation', 'failed');
  await insertProcessNotice(keys.otherCourt, 'BPC-310115', 'expiry_sweep', 'failed');
});
afterAll(async () => {
  await client?.connection.close();
  await appPool?.end();
  await db?.close();
});

async function call(actor: Actor | undefined, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor) headers.authorization = `Bearer ${await mintToken(config.JWT_SECRET, actor)}`;
  const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() as Record<string, any> };
}

const keysOf = (body: Record<string, any>) => (body.items as { noticeKey: string }[]).map((n) => n.noticeKey).sort();

async function redeliveryAudits(key: string) {
  const { rows } = await db.pool.query(
    "select actor_id, actor_role, reason, details, process_id, event_key from audit_trail where action = 'redeliverNotice' and details->>'noticeKey' = $1",
    [key],
  );
  return rows;
}

describe('GET /notices', () => {
  it('a supervisor sees the failed notices of its own court, from both outboxes', async () => {
    const res = await call(supervisor, 'GET', '/notices');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.court).toBe('BPC-110105');
    expect(keysOf(res.body)).toEqual([keys.failed, keys.reminder].sort());
    const failed = res.body.items.find((n: { noticeKey: string }) => n.noticeKey === keys.failed);
    expect(failed).toMatchObject({ outbox: 'transfer_notices', processId: `transfer-${code}`, court: 'BPC-110105', status: 'failed', attempts: 25, lastError: 'HTTP 503 from receiver' });
  });

  it('status=pending lists what is still waiting, the delivered never', async () => {
    const res = await call(supervisor, 'GET', '/notices?status=pending');
    expect(res.status).toBe(200);
    expect(keysOf(res.body)).toEqual([keys.retrying, keys.fresh].sort());
  });

  it('an administrator sees every court, or the one it names', async () => {
    expect(keysOf((await call(admin, 'GET', '/notices')).body)).toEqual([keys.failed, keys.reminder, keys.otherCourt].sort());
    const other = await call(admin, 'GET', '/notices?court=BPC-310115');
    expect(other.body.court).toBe('BPC-310115');
    expect(keysOf(other.body)).toEqual([keys.otherCourt]);
    expect(keysOf((await call(otherSupervisor, 'GET', '/notices')).body)).toEqual([keys.otherCourt]);
  });

  it('refuses another court, other roles, no token, and an unknown filter', async () => {
    const otherCourt = await call(supervisor, 'GET', '/notices?court=BPC-310115');
    expect(otherCourt.status).toBe(403);
    expect(otherCourt.body.message).toContain('notices.view');
    for (const id of ['officer-wang', 'judge-chen', 'creditor-huaxin']) {
      const res = await call(demoUser(id)!, 'GET', '/notices');
      expect(res.status, id).toBe(403);
      expect(res.body.message).toContain('notices.view');
    }
    expect((await call(undefined, 'GET', '/notices')).status).toBe(401);
    const bad = await call(supervisor, 'GET', '/notices?status=delivered&color=red');
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['status']));
  });
});

describe('POST /notices/{noticeKey}/redelivery', () => {
  const path = (key: string) => `/notices/${encodeURIComponent(key)}/redelivery`;

  it('puts a failed notice back to pending, attempts reset and due now, audited once however often repeated', async () => {
    const res = await call(supervisor, 'POST', path(keys.failed), { reason: '当事人已更正送达地址' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ noticeKey: keys.failed, status: 'pending', attempts: 0, redelivered: true });
    const row = await noticeRow(db.pool, keys.failed);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());

    const again = await call(supervisor, 'POST', path(keys.failed), { reason: '当事人已更正送达地址' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'pending', attempts: 0, redelivered: false });
    const audits = await redeliveryAudits(keys.failed);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_id: 'supervisor-zhou', actor_role: 'supervisor', reason: '当事人已更正送达地址', process_id: `transfer-${code}`,
      details: expect.objectContaining({ previousStatus: 'failed', previousAttempts: 25, lastError: 'HTTP 503 from receiver' }),
    });
    expect((await call(supervisor, 'GET', '/notices')).body.items.map((n: { noticeKey: string }) => n.noticeKey)).not.toContain(keys.failed);
  });

  it('a notice that failed again after a redelivery can be redelivered again, audited as a second act', async () => {
    await setStatus(keys.failed, 'failed', 25, 'HTTP 500');
    expect((await call(admin, 'POST', path(keys.failed), { reason: '接收方已恢复' })).body.redelivered).toBe(true);
    const audits = await redeliveryAudits(keys.failed);
    expect(audits.map((a) => a.event_key)).toEqual([`${keys.failed}:redelivery:1`, `${keys.failed}:redelivery:2`]);
  });

  it('a retrying notice and a process notice are reset as well', async () => {
    expect((await call(supervisor, 'POST', path(keys.retrying), { reason: '加快发送' })).body).toMatchObject({ redelivered: true, attempts: 0 });
    expect((await call(supervisor, 'POST', path(keys.reminder), { reason: '申请人电话确认地址' })).status).toBe(200);
    const { rows } = await db.pool.query('select status, attempts from process_notices where notice_key = $1', [keys.reminder]);
    expect(rows[0]).toEqual({ status: 'pending', attempts: 0 });
    expect(await redeliveryAudits(keys.reminder)).toHaveLength(1);
  });

  it('refuses: a delivered notice 409, an unknown key 404, another court or role 403, a bad body 422 — changing nothing', async () => {
    const delivered = await call(supervisor, 'POST', path(keys.delivered), { reason: '再发一次' });
    expect(delivered.status).toBe(409);
    expect(delivered.body.message).toContain('已送达');
    const unknown = await call(supervisor, 'POST', path(`transfer-${code}:run1:9:nothing:x`), { reason: '核查' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('NotFound');
    const otherCourt = await call(supervisor, 'POST', path(keys.otherCourt), { reason: '核查' });
    expect(otherCourt.status).toBe(403);
    expect(otherCourt.body.message).toContain('notices.redeliver');
    expect((await call(demoUser('officer-wang')!, 'POST', path(keys.otherCourt), { reason: '核查' })).status).toBe(403);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: '核查', extra: 1 }]) {
      const res = await call(supervisor, 'POST', path(keys.otherCourt), body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.fields.length).toBeGreaterThan(0);
    }
    const { rows } = await db.pool.query('select status, attempts from process_notices where notice_key = $1', [keys.otherCourt]);
    expect(rows[0]).toEqual({ status: 'failed', attempts: 25 });
    expect(await redeliveryAudits(keys.otherCourt)).toHaveLength(0);
    expect(await redeliveryAudits(keys.delivered)).toHaveLength(0);
  });
});

describe('the supervisor\'s board', () => {
  async function signIn(userId: string): Promise<string> {
    const res = await app.request('/console/signin', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `userId=${userId}`,
    });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('lists failed notices with a redelivery button that acts through the API', async () => {
    await db.pool.query("update process_notices set status = 'failed', attempts = 25 where notice_key = $1", [keys.reminder]);
    const cookie = await signIn('supervisor-zhou');
    const board = await app.request('/console/board', { headers: { cookie } });
    expect(board.status).toBe(200);
    const html = await board.text();
    expect(html).toContain('未能送达的通知');
    expect(html).toContain(`data-notice="${keys.reminder}"`);
    expect(html).not.toContain(`data-notice="${keys.otherCourt}"`);
    expect(html).toContain(`/console/board/notices/${encodeURIComponent(keys.reminder)}/redelivery`);

    const form = (reason: string) => ({
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ reason }).toString(),
    });
    const refused = await app.request(`/console/board/notices/${encodeURIComponent(keys.reminder)}/redelivery`, form(''));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请填写重新投递的理由');

    const done = await app.request(`/console/board/notices/${encodeURIComponent(keys.reminder)}/redelivery`, form('电话核实后重发'));
    expect(done.status).toBe(303);
    const after = await app.request(done.headers.get('location')!, { headers: { cookie } });
    const text = await after.text();
    expect(text).toContain('已重新投递');
    expect(text).not.toContain(`data-notice="${keys.reminder}"`);
    const audits = await redeliveryAudits(keys.reminder);
    expect(audits.at(-1)).toMatchObject({ actor_id: 'supervisor-zhou', reason: '电话核实后重发' });
  });
});
