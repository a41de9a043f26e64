// Every list and search route × every role × standing in its own court or another's (issue 16):
// the rows a list returns are exactly the seeded rows the permission table's one-process check
// (authorize) lets that person see, and `?court=` of another court never widens it. Read model
// rows of two courts' processes (Beijing and Shanghai, one Shanghai transfer with a Beijing case in
// it) are written straight to PostgreSQL; the app reads them as the application's database role.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { roles, type Actor, type Role } from '../../workflows/shared/actor';
import { authorize, type Action, type ProcessScope } from '../../workflows/shared/permissions';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
const beijing = { home: 'BPC-110105', receiving: 'IPC-110100' };
const shanghai = { home: 'BPC-310115', receiving: 'IPC-310100' };

/** One seeded row of a list: its id as the list answers it, and where it stands. */
interface Seeded { id: string; scope: ProcessScope }

const transfers: Seeded[] = [
  { id: '91110105MA0SCOPE1X', scope: { processId: 'transfer-91110105MA0SCOPE1X', homeCourt: beijing.home, receivingCourt: beijing.receiving, involvedCourts: [beijing.home], partyIds: ['party-huaxin'] } },
  // A Shanghai transfer in which a Beijing enforcement case joined: Beijing's officer sees it, Beijing's panel does not.
  { id: '91310115MA0SCOPE2X', scope: { processId: 'transfer-91310115MA0SCOPE2X', homeCourt: shanghai.home, receivingCourt: shanghai.receiving, involvedCourts: [shanghai.home, beijing.home], partyIds: ['party-pudong'] } },
];
const preservations: Seeded[] = [beijing.home, shanghai.home].map((court) => ({
  id: `preservation-${court}-BQSCOPE1`, scope: { processId: `preservation-${court}-BQSCOPE1`, homeCourt: court },
}));
const interference: Seeded[] = [beijing.home, shanghai.home].map((court, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i + 1}`, scope: { processId: `interference-${court}`, homeCourt: court },
}));
const notices: Seeded[] = [beijing.home, shanghai.home].map((court) => ({
  id: `preservation-${court}-BQSCOPE1:renewal:applicant`, scope: { processId: `preservation-${court}-BQSCOPE1`, homeCourt: court },
}));
const candidates: Seeded[] = [['91110105MA0CAND01X', beijing.home], ['91310115MA0CAND02X', shanghai.home]].map(([id, court]) => ({
  id: id!, scope: { processId: `candidate-${id}`, homeCourt: court! },
}));

interface ListRoute { path: string; action: Action; rows: Seeded[]; ids(body: Record<string, any>): string[] }
const pick = (list: string, field: string) => (body: Record<string, any>) => (body[list] as Record<string, string>[]).map((r) => r[field]!);

const listRoutes: ListRoute[] = [
  { path: '/transfers', action: 'transfer.list', rows: transfers, ids: pick('items', 'creditCode') },
  { path: '/preservations', action: 'preservation.list', rows: preservations, ids: pick('preservations', 'preservationId') },
  { path: '/measures/expiring?withinDays=1000', action: 'preservation.list', rows: preservations, ids: pick('measures', 'preservationId') },
  { path: '/enforcement-queue', action: 'preservation.list', rows: preservations, ids: pick('queue', 'preservationId') },
  { path: '/interference', action: 'interference.view', rows: interference, ids: pick('records', 'id') },
  { path: '/notices', action: 'notices.view', rows: notices, ids: pick('items', 'noticeKey') },
  { path: '/transfer-candidates', action: 'transfer.viewCandidates', rows: candidates, ids: pick('items', 'creditCode') },
];

/** A person of `role` in Beijing (its enforcement court, or for the receiving side its intermediate court) or in Shanghai. */
function personOf(role: Exclude<Role, 'system'>, city: 'beijing' | 'shanghai'): Actor {
  if (role === 'party') return { userId: `party-${city}`, role, partyId: city === 'beijing' ? 'party-huaxin' : 'party-pudong' };
  if (role === 'administrator') return { userId: 'admin', role };
  const courts = city === 'beijing' ? beijing : shanghai;
  const receivingSide = role === 'bankruptcy_judge';
  return { userId: `${role}-${city}`, role, court: receivingSide ? courts.receiving : courts.home };
}

let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;

async function seed(pool: pg.Pool): Promise<void> {
  for (const { id, scope } of transfers) {
    await pool.query(
      `insert into transfers (credit_code, workflow_id, run_id, version, stage, stage_label, home_court, receiving_court, involved_courts,
         debtor_party_id, domicile_division_code, triggered_at) values ($1, $2, 'run1', 1, 'docketed', '已立案', $3, $4, $5, 'd1', $6, now())`,
      [id, scope.processId, scope.homeCourt, scope.receivingCourt, scope.involvedCourts, id.slice(2, 8)],
    );
    await pool.query(`insert into transfer_parties (credit_code, party_id, name, kind) values ($1, $2, '申请人', 'applicant')`, [id, scope.partyIds![0]]);
  }
  for (const { id, scope } of preservations) {
    await pool.query(
      `insert into preservations (preservation_id, court, application_number, kind, urgent, stage, stage_label, applicant_party_id,
         respondent_party_id, amount, applied_at, ruling, ruled_at, handed_over_at)
       values ($1, $2, 'BQSCOPE1', 'in_suit', false, 'in_force', '保全中', 'pa', 'pr', 1000, now(), 'granted', now(), now())`,
      [id, scope.homeCourt],
    );
    await pool.query(
      `insert into preservation_measures (preservation_id, measure_id, court, kind, asset, location, taken_at, rank, term, expires_at, renew_by, status, officer)
       values ($1, 'm1', $2, 'bank_deposit', '账户', '银行', now(), 1, 365, now() + interval '60 seconds', now() + interval '30 seconds', 'live', 'o1')`,
      [id, scope.homeCourt],
    );
    // The expiring list reads the seizure register (migration 170), which the measure's write keeps.
    await pool.query(
      `insert into seizures (seizure_key, source, asset_kind, asset, location, taken_at, rank, court, preservation_id, measure_id,
         term, expires_at, renew_by, status, officer)
       values ($1 || ':m1', 'preservation', 'bank_deposit', '账户', '银行', now(), 1, $2, $1, 'm1', 1,
         now() + interval '60 seconds', now() + interval '30 seconds', 'live', 'o1')`,
      [id, scope.homeCourt],
    );
  }
  for (const { id, scope } of interference) {
    await pool.query(
      `insert into interference_log (id, case_ref, intervenor_name, intervenor_position, intervenor_unit, channel, request, occurred_at,
         recorded_by, recorded_by_role, recorded_by_court) values ($1, 'case-1', '某人', '某职务', '某单位', 'phone', '请求', now(), 'u1', 'trial_judge', $2)`,
      [id, scope.homeCourt],
    );
  }
  for (const { id, scope } of notices) {
    await pool.query(
      `insert into process_notices (notice_key, process_kind, process_id, court, kind, recipient_kind, recipient, body, status, attempts, last_error)
       values ($1, 'preservation', $2, $3, 'measure_renewal_reminder', 'party', 'pa', '通知', 'failed', 25, 'HTTP 503')`,
      [id, scope.processId, scope.homeCourt],
    );
  }
  for (const { id, scope } of candidates) {
    await pool.query(
      `insert into candidate_worklist (credit_code, reasons, case_count, closed_no_property, unsatisfied, outstanding_cents, courts, last_sweep_date)
       values ($1, '{终本}', 1, 1, 1, 100, array[$2], current_date)`,
      [id, scope.homeCourt],
    );
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  await seed(db.pool);
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  // Lists read PostgreSQL only: no Temporal call is made.
  app = createApp({ config, client: {} as Client, pool: appPool });
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

async function get(actor: Actor, path: string): Promise<{ status: number; body: Record<string, any> }> {
  const token = await mintToken(config.JWT_SECRET, actor);
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() as Record<string, any> };
}

const withCourt = (path: string, court: string) => `${path}${path.includes('?') ? '&' : '?'}court=${court}`;
const standsIn = (scope: ProcessScope, court: string) => [scope.homeCourt, scope.receivingCourt, ...(scope.involvedCourts ?? [])].includes(court);

const people = roles.filter((r): r is Exclude<Role, 'system'> => r !== 'system')
  .flatMap((role) => (['beijing', 'shanghai'] as const).map((city) => ({ role, city, actor: personOf(role, city) })));

describe.each(listRoutes)('GET $path', (route) => {
  it.each(people)('as $role of $city: exactly the rows the table lets one see', async ({ actor }) => {
    const expected = route.rows.filter((row) => authorize(actor, route.action, row.scope).allowed).map((row) => row.id).sort();
    const { status, body } = await get(actor, route.path);
    if (expected.length === 0 && status === 403) {
      expect(body.message, JSON.stringify(body)).toContain(route.action);
      return;
    }
    expect(status, JSON.stringify(body)).toBe(200);
    expect(route.ids(body).sort()).toEqual(expected);
  });

  it.each(people)('as $role of $city, asking for the other city\'s court: never a row one may not see', async ({ actor, city }) => {
    const other = city === 'beijing' ? shanghai.home : beijing.home;
    const { status, body } = await get(actor, withCourt(route.path, other));
    if (status === 403) {
      expect(body.message, JSON.stringify(body)).toContain(route.action);
      return;
    }
    expect(status, JSON.stringify(body)).toBe(200);
    const expected = route.rows
      .filter((row) => authorize(actor, route.action, row.scope).allowed && standsIn(row.scope, other))
      .map((row) => row.id).sort();
    expect(route.ids(body).sort()).toEqual(expected);
  });
});

describe('the matrix is not empty', () => {
  it('an administrator sees both cities in every list; a Shanghai supervisor none of Beijing\'s', async () => {
    for (const route of listRoutes) {
      const all = await get(personOf('administrator', 'beijing'), route.path);
      expect(route.ids(all.body).length, route.path).toBe(route.rows.length);
    }
    const interferenceSeen = await get(personOf('supervisor', 'shanghai'), '/interference');
    expect(interferenceSeen.body.records.map((r: { recordedBy: { court: string } }) => r.recordedBy.court)).toEqual([shanghai.home]);
    const refused = await get(personOf('trial_judge', 'shanghai'), `/preservations?court=${beijing.home}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('只能查看本院');
  });

  it('a Beijing officer sees the Shanghai transfer its court has a case in; a Beijing panel member does not', async () => {
    const officer = await get(personOf('enforcement_officer', 'beijing'), '/transfers');
    expect(officer.body.items.map((t: { creditCode: string }) => t.creditCode).sort()).toEqual(transfers.map((t) => t.id).sort());
    const panel = await get(personOf('panel_member', 'beijing'), '/transfers');
    expect(panel.body.items.map((t: { creditCode: string }) => t.creditCode)).toEqual([transfers[0]!.id]);
  });
});
