// The work queue's hand-off and its audit row: the row is written under the assignment's lock
// before the assignment commits; an audit row whose assignment commit was lost wins on the next
// hand-off of that item (the person is refused with 409 and the assignment follows the trail), but
// only a row a writer sealed: a forged one under the key fails the hand-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { auditRowHash, type HashedAuditFields } from '../../activities/audit-hash';
import { createActivities } from '../../activities/index';
import { assignWork, QueueRefusal } from '../../api/console/work-queue';
import { demoCourts, demoUser } from '../../infra/auth/demo-users';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
const processId = 'transfer-91110105MA00000002';
const officer = demoUser('officer-wang')!;
const supervisor = demoUser('supervisor-zhou')!;

beforeAll(async () => {
  db = await freshDatabase();
  await createActivities({ pool: db.pool }).recordDeadline({
    deadlineKey: `${processId}:consent-reply`, processKind: 'transfer', processId, name: 'consentReply', label: '征询意见答复期限',
    court: demoCourts.enforcement, dueAt: new Date(Date.now() + 86_400_000).toISOString(), provisional: false, status: 'open',
  });
});
afterAll(async () => { await db?.close(); });

const trail = async () => (await db.pool.query(
  "select action, actor_id, details->>'to' as to from audit_trail where process_id = $1 order by id", [processId])).rows;
const holder = async () => (await db.pool.query('select assignee, version from work_assignments where process_id = $1', [processId])).rows[0];

describe('work-queue hand-off audit', () => {
  it('records each claim and hand-off once, and follows the trail when an assignment commit was lost', async () => {
    expect(await assignWork(db.pool, officer, { processId, assignee: officer.userId })).toEqual({ version: 1 });
    expect(await trail()).toEqual([{ action: 'workqueue.claim', actor_id: 'officer-wang', to: 'officer-wang' }]);

    // The supervisor's hand-off to panel-li reached the audit trail, then its commit was lost.
    await appendAuditEntry(db.pool, {
      eventKey: `${processId}:workqueue:${demoCourts.enforcement}:enforcement:v2`, processKind: 'transfer', processId, actor: supervisor,
      action: 'workqueue.assign', details: { from: 'officer-wang', to: 'panel-li', version: 2 }, occurredAt: new Date().toISOString(),
    });
    const refused = await assignWork(db.pool, officer, { processId, assignee: 'supervisor-zhou', expectedVersion: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueRefusal);
    expect((refused as QueueRefusal).status).toBe(409);
    expect(await holder()).toEqual({ assignee: 'panel-li', version: 2 });
    expect((await trail()).map((r) => r.to)).toEqual(['officer-wang', 'panel-li']);

    expect(await assignWork(db.pool, supervisor, { processId, assignee: 'officer-wang', expectedVersion: 2, reason: '回到原承办人' })).toEqual({ version: 3 });
    expect(await holder()).toEqual({ assignee: 'officer-wang', version: 3 });
    expect((await trail()).map((r) => r.to)).toEqual(['officer-wang', 'panel-li', 'officer-wang']);
  });

  it('does not follow a row the database role forged under the next version\'s key: the hand-off fails, the assignment stays', async () => {
    expect(await holder()).toEqual({ assignee: 'officer-wang', version: 3 });
    const head = (await db.pool.query('select seq, process_hash from audit_trail where process_id = $1 order by seq desc limit 1', [processId])).rows[0];
    const forged: HashedAuditFields = {
      eventKey: `${processId}:workqueue:${demoCourts.enforcement}:enforcement:v4`, processKind: 'transfer', processId,
      actorId: supervisor.userId, actorRole: supervisor.role, actorCourt: supervisor.court ?? null, action: 'workqueue.assign', reason: null,
      details: { from: 'officer-wang', to: 'panel-li', version: 4 }, occurredAt: new Date().toISOString(),
    };
    await db.pool.query(
      `insert into audit_trail (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at,
         seq, process_prev_hash, process_hash) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [forged.eventKey, forged.processKind, processId, forged.actorId, forged.actorRole, forged.actorCourt, forged.action, null,
        JSON.stringify(forged.details), forged.occurredAt, Number(head.seq) + 1, head.process_hash, auditRowHash(head.process_hash, forged)],
    );
    const refused = await assignWork(db.pool, officer, { processId, assignee: 'supervisor-zhou', expectedVersion: 3 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueRefusal);
    expect((refused as QueueRefusal).status).toBe(409);
    expect((refused as QueueRefusal).message).toMatch(/无法核验/);
    expect(await holder()).toEqual({ assignee: 'officer-wang', version: 3 });
  });
});
