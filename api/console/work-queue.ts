// Work queues: within one division of one court, a process is held by one person. A colleague
// claims it when nobody holds it; the holder (or the division's supervisor) hands it to another
// member of the same division and court. Each claim and hand-off is an audit_trail row as well.
import type pg from 'pg';
import { appendAuditEntry } from '../../activities/audit';
import type { Actor } from '../../workflows/shared/actor';
import { authorize } from '../../workflows/shared/permissions';
import { personName, signInChoices } from './demo-users';
import { divisionOf } from './labels';

export interface QueueItem {
  process_id: string;
  process_kind: 'transfer' | 'preservation';
  court: string;
  next_due: Date;
  labels: string;
  overdue: boolean;
  assignee: string | null;
  assigned_at: Date | null;
  version: number | null;
}

export class QueueRefusal extends Error {
  constructor(readonly status: 403 | 404 | 409 | 422, message: string) {
    super(message);
  }
}

/** Colleagues one can hand work to: same court, same division. */
export function colleaguesOf(actor: Actor): Actor[] {
  const division = divisionOf[actor.role];
  return signInChoices().filter((u) => u.court === actor.court && divisionOf[u.role] === division);
}

/** The division's queue: every process with a live deadline in the court, and who holds it. */
export async function queueFor(pool: pg.Pool, actor: Actor): Promise<QueueItem[]> {
  const { rows } = await pool.query<QueueItem>(
    `select d.process_id, min(d.process_kind) as process_kind, d.court, min(d.due_at) as next_due,
            string_agg(d.label, '、' order by d.due_at) as labels, bool_or(d.status = 'overdue' or d.due_at < now()) as overdue,
            wa.assignee, wa.assigned_at, wa.version
     from deadlines d
     left join work_assignments wa on wa.process_id = d.process_id and wa.court = d.court and wa.division = $2
     where d.court = $1 and d.status in ('open', 'overdue', 'paused')
     group by d.process_id, d.court, wa.assignee, wa.assigned_at, wa.version
     order by bool_or(d.status = 'overdue' or d.due_at < now()) desc, min(d.due_at)`,
    [actor.court ?? '', divisionOf[actor.role] ?? actor.role],
  );
  return rows;
}

async function processKindOf(pool: pg.Pool, processId: string, court: string): Promise<'transfer' | 'preservation'> {
  const { rows } = await pool.query<{ process_kind: 'transfer' | 'preservation' }>(
    'select process_kind from deadlines where process_id = $1 and court = $2 limit 1',
    [processId, court],
  );
  if (!rows[0]) throw new QueueRefusal(404, `本院没有此程序的待办期限 (no live item ${processId} in court ${court})`);
  return rows[0].process_kind;
}

/**
 * Claims an unheld item for oneself, or hands a held one to a colleague. `expectedVersion` is the
 * version the person saw: a hand-off over someone else's newer hand-off is refused, not lost.
 */
export async function assignWork(
  pool: pg.Pool, actor: Actor,
  input: { processId: string; assignee: string; expectedVersion?: number; reason?: string },
): Promise<{ version: number }> {
  const court = actor.court;
  const division = divisionOf[actor.role];
  if (!court || !division) throw new QueueRefusal(403, '只有法院工作人员可以认领或分派事项 (court staff only)');
  const claiming = input.assignee === actor.userId && input.expectedVersion === undefined;
  const decision = authorize(actor, claiming ? 'workqueue.claim' : 'workqueue.assign', { processId: input.processId, homeCourt: court });
  if (!decision.allowed) throw new QueueRefusal(403, decision.reason);
  if (!colleaguesOf(actor).some((u) => u.userId === input.assignee)) {
    throw new QueueRefusal(422, `只能分派给本院本庭人员 (assignee must be in ${division} of ${court})`);
  }
  const kind = await processKindOf(pool, input.processId, court);
  const client = await pool.connect();
  let recordedInstead: string | undefined;
  let version: number;
  try {
    await client.query('begin');
    const current = await client.query<{ assignee: string; version: number }>(
      'select assignee, version from work_assignments where process_id = $1 and court = $2 and division = $3 for update',
      [input.processId, court, division],
    );
    const held = current.rows[0];
    const from = held?.assignee ?? null;
    version = (held?.version ?? 0) + 1;
    if (!held) {
      if (input.expectedVersion !== undefined && input.expectedVersion !== 0) throw new QueueRefusal(409, '该事项已被他人变更，请刷新 (changed meanwhile)');
      const inserted = await client.query(
        `insert into work_assignments (process_id, process_kind, court, division, assignee, assigned_by, version) values ($1,$2,$3,$4,$5,$6,$7)
         on conflict do nothing`,
        [input.processId, kind, court, division, input.assignee, actor.userId, version],
      );
      if (inserted.rowCount === 0) throw new QueueRefusal(409, '该事项刚被他人认领，请刷新 (claimed meanwhile)');
    } else {
      if (claiming) throw new QueueRefusal(409, `该事项已由 ${personName(held.assignee)} 认领 (already held)`);
      if (input.expectedVersion !== undefined && input.expectedVersion !== held.version) {
        throw new QueueRefusal(409, '该事项已被他人变更，请刷新 (changed meanwhile)');
      }
      if (held.assignee !== actor.userId && actor.role !== 'supervisor') {
        throw new QueueRefusal(403, `只有当前承办人 ${held.assignee} 或指挥中心可以转交 (only the holder or the supervisor may hand it on)`);
      }
      await client.query(
        `update work_assignments set assignee = $4, assigned_by = $5, assigned_at = now(), version = $6
         where process_id = $1 and court = $2 and division = $3`,
        [input.processId, court, division, input.assignee, actor.userId, version],
      );
    }
    recordedInstead = await recordHandOff(pool, client, actor, { ...input, kind, court, division, from, version });
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  if (recordedInstead) throw new QueueRefusal(409, `该事项已交由 ${recordedInstead} 承办，请刷新 (the trail records another hand-off; refresh)`);
  return { version };
}

/**
 * The audit row of a claim or hand-off, written while the assignment's row lock is held and before
 * it commits. appendAuditEntry extends the hash chain in a transaction of its own, so the two
 * cannot share one; this order means a hand-off never takes effect without its audit row (a failed
 * audit write rolls the hand-off back). The rare opposite — the audit row written, then the
 * assignment's commit lost — is found by the next hand-off of that item: its key
 * (`<process>:workqueue:<court>:<division>:v<n>`) is taken. The trail is then the truth: the
 * assignment is set to what it recorded and the person is asked to look again. Only a row that
 * verifies (its hash and a writer's seal) is followed: a row the database role forged under the
 * key fails the hand-off (AuditEventKeyTaken).
 */
async function recordHandOff(
  pool: pg.Pool, client: pg.PoolClient, actor: Actor,
  h: { processId: string; assignee: string; reason?: string; kind: 'transfer' | 'preservation'; court: string; division: string; from: string | null; version: number },
): Promise<string | undefined> {
  const written = await appendAuditEntry(pool, {
    eventKey: `${h.processId}:workqueue:${h.court}:${h.division}:v${h.version}`,
    processKind: h.kind,
    processId: h.processId,
    actor,
    action: h.from === null ? 'workqueue.claim' : 'workqueue.assign',
    reason: h.reason,
    details: { court: h.court, division: h.division, from: h.from, to: h.assignee, version: h.version },
    occurredAt: new Date().toISOString(),
  }, { keyMayHoldAnotherAct: true }).catch((err: unknown) => {
    // A row under this key that neither verifies nor is this act: the trail cannot say who holds the
    // item, so nothing changes and the person is told why (the row itself is for audit:verify to name).
    if ((err as { type?: string }).type === 'AuditEventKeyTaken') {
      console.error(`work queue: hand-off of ${h.processId} v${h.version} refused, its audit key holds a row that does not verify`);
      throw new QueueRefusal(409, '该事项的交接留痕编号下已有一条无法核验的记录，本次认领或转交未生效；请联系系统管理员核查审计记录 (audit row under this key does not verify)');
    }
    throw err;
  });
  if (!written.duplicate) return undefined;
  const { rows } = await client.query<{ to: string; actor_id: string }>(
    "select details->>'to' as to, actor_id from audit_trail where id = $1", [written.id],
  );
  const recorded = rows[0]!;
  if (recorded.to === h.assignee && recorded.actor_id === actor.userId) return undefined;
  await client.query(
    'update work_assignments set assignee = $4, assigned_by = $5, version = $6 where process_id = $1 and court = $2 and division = $3',
    [h.processId, h.court, h.division, recorded.to, recorded.actor_id, h.version],
  );
  return recorded.to;
}
