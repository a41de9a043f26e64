// Identity and the interference log through the API: tokens, /me, demo sign-in, and 反干预
// recorded by any court staff, read by the supervisor only, never editable, always audited.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { verifyAuditTrail } from '../../infra/audit/verify';
import { demoCourts, demoUser } from '../../infra/auth/demo-users';
import { createPool } from '../../infra/db/database';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import type { Actor } from '../../workflows/shared/actor';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';

let db: TestDatabase;
let appPool: pg.Pool;
let client: Client;
const config = testConfig();
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  client = await testClient();
  app = createApp({ config, client, pool: appPool });
});
afterAll(async () => {
  await client.connection.close();
  await appPool.end();
  await db.close();
});

async function bearer(actor: Actor): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken(config.JWT_SECRET, actor)}` };
}

const interference = {
  caseRef: 'transfer-91110105MA01ABCD2X',
  intervenor: { name: '张某', position: '办公室主任', unit: '某区某委员会' },
  channel: 'phone',
  request: '打电话询问移送破产审查进度，要求"照顾"本地企业，暂缓移送',
  response: '告知依法办理，已登记',
  occurredAt: '2025-10-09T10:30:00+08:00',
};

async function post(path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('identity', () => {
  it('GET /me returns the token\'s actor; no token or a bad one is a 401 with a reason', async () => {
    const officer = demoUser('officer-wang')!;
    const me = await app.request('/me', { headers: await bearer(officer) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: 'officer-wang', role: 'enforcement_officer', court: demoCourts.enforcement });
    const none = await app.request('/me');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'Unauthorized', message: expect.stringContaining('bearer') });
    const forged = await mintToken('another-secret-that-is-long-enough-000', officer);
    expect((await app.request('/me', { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const expired = await mintToken(config.JWT_SECRET, officer, '-1s');
    expect((await app.request('/me', { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ actor: { ...officer, role: 'administrator' }, iss: 'courtrelay' })).toString('base64url')}.`;
    expect((await app.request('/me', { headers: { authorization: `Bearer ${unsigned}` } })).status).toBe(401);
  });

  it('demo sign-in gives a working token for a demo person while JWT_SECRET is the development default', async () => {
    const users = (await (await app.request('/auth/demo-users')).json()) as { users: Actor[] };
    expect(users.users.map((u) => u.role)).toEqual(expect.arrayContaining(['enforcement_officer', 'bankruptcy_judge', 'party', 'supervisor']));
    const res = await post('/auth/demo-token', { userId: 'judge-chen' }, {});
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(await (await app.request('/me', { headers: { authorization: `Bearer ${token}` } })).json()).toMatchObject({ role: 'bankruptcy_judge', court: demoCourts.receiving });
    expect((await post('/auth/demo-token', { userId: 'nobody' }, {})).status).toBe(422);
    expect((await post('/auth/demo-token', { userId: 'admin', role: 'system' }, {})).status).toBe(422);
  });

  it('demo sign-in is off once a real JWT_SECRET is set', async () => {
    const prod = createApp({ config: testConfig({ JWT_SECRET: 'a-production-secret-of-at-least-32-chars' }), client, pool: appPool });
    expect((await prod.request('/auth/demo-users')).status).toBe(404);
    const res = await prod.request('/auth/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"admin"}' });
    expect(res.status).toBe(404);
    // The console's sign-in hands out the same identities: off as well, and no session cookie.
    const signIn = await prod.request('/console/signin', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'userId=admin' });
    expect(signIn.status).toBe(404);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });
});

describe('the interference log (反干预)', () => {
  it('any court staff member records; the record is audited with a hash of its content', async () => {
    const res = await post('/interference', interference, await bearer(demoUser('officer-wang')!));
    expect(res.status).toBe(201);
    const record = (await res.json()) as { id: string; recordedBy: { userId: string } };
    expect(record).toMatchObject({ caseRef: interference.caseRef, channel: 'phone', recordedBy: { userId: 'officer-wang', role: 'enforcement_officer' } });
    const audit = await db.pool.query("select process_id, process_kind, actor_id, details from audit_trail where action = 'interference.record'");
    expect(audit.rows).toEqual([expect.objectContaining({
      process_id: interference.caseRef, process_kind: 'transfer', actor_id: 'officer-wang',
      details: expect.objectContaining({ interferenceId: record.id, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    })]);
    // The intervenor's name stays in the log, which only supervisors read.
    expect(JSON.stringify(audit.rows)).not.toContain('张某');
    expect(await verifyAuditTrail(db.pool)).toMatchObject({ ok: true, interferenceRows: 1 });
  });

  it('only the supervisor and the administrator read it; parties cannot record', async () => {
    const supervisor = await app.request('/interference?caseRef=transfer-91110105MA01ABCD2X', { headers: await bearer(demoUser('supervisor-zhou')!) });
    expect(supervisor.status).toBe(200);
    expect(((await supervisor.json()) as { records: unknown[] }).records).toEqual([expect.objectContaining({ intervenor: interference.intervenor })]);
    for (const who of ['officer-wang', 'judge-chen', 'president-zhao', 'creditor-huaxin'] as const) {
      const res = await app.request('/interference', { headers: await bearer(demoUser(who)!) });
      expect(res.status, who).toBe(403);
      expect(((await res.json()) as { message: string }).message).toContain('interference.view');
    }
    expect((await post('/interference', interference, await bearer(demoUser('debtor-hengtai')!))).status).toBe(403);
  });

  it('a correction is a new record pointing at the old one; there is no route to edit or delete', async () => {
    const supervisor = await bearer(demoUser('supervisor-zhou')!);
    const [first] = ((await (await app.request('/interference', { headers: supervisor })).json()) as { records: Array<{ id: string }> }).records;
    const fix = await post('/interference', { ...interference, channel: 'in_person', corrects: first!.id }, await bearer(demoUser('officer-wang')!));
    expect(fix.status).toBe(201);
    const missing = await post('/interference', { ...interference, corrects: '00000000-0000-4000-8000-000000000000' }, await bearer(demoUser('officer-wang')!));
    expect(missing.status).toBe(422);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await app.request(`/interference/${first!.id}`, { method, headers: supervisor });
      expect(res.status, method).toBe(404);
    }
    expect((await db.pool.query('select count(*)::int as n from interference_log')).rows[0].n).toBe(2);
  });

  it('names each bad field, and refuses unknown ones', async () => {
    const res = await post('/interference', { ...interference, channel: 'carrier pigeon', intervenor: { name: '' }, extra: 1 }, await bearer(demoUser('clerk-liu')!));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { fields: Array<{ field: string }> };
    expect(body.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['channel', 'intervenor.name', 'intervenor.position', '(body)']));
  });
});
