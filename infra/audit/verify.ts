// Verifies the audit trail's two hash chains (global, and one per process) by recomputing every
// row's hash from its content, and checks that every interference-log row still matches the hash
// the audit trail took of it. Reports the first broken row of each chain; exits 1 on any break.
//
//   npm run audit:verify            # the configured DATABASE_URL
//   npm run audit:verify -- --database-url postgres://…/courtrelay
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { auditRowHash, genesisHash, type HashedAuditFields } from '../../activities/audit-hash';
import { interferenceContentHash } from '../../activities/interference';

export interface AuditRow {
  id: number;
  event_key: string;
  process_kind: string;
  process_id: string;
  actor_id: string;
  actor_role: string;
  actor_court: string | null;
  action: string;
  reason: string | null;
  details: unknown;
  occurred_at: Date | string;
  prev_hash: string;
  hash: string;
  process_prev_hash: string;
  process_hash: string;
}

export interface ChainBreak {
  /** 'global' or the process id of the per-process chain. */
  chain: string;
  rowId: number;
  kind: 'content-changed' | 'link-broken';
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  processes: number;
  /** Hash of the last row: record it elsewhere to detect removal of the newest rows later. */
  head: string;
  breaks: ChainBreak[];
  interferenceRows: number;
}

function fieldsOf(row: AuditRow): HashedAuditFields {
  return {
    eventKey: row.event_key,
    processKind: row.process_kind,
    processId: row.process_id,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorCourt: row.actor_court,
    action: row.action,
    reason: row.reason,
    details: row.details ?? {},
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

interface ChainCursor {
  lastHash: string;
  lastId: number | undefined;
  broken: boolean;
}

function checkLink(
  chain: string, cursor: ChainCursor, row: AuditRow, prev: string, hash: string, fields: HashedAuditFields,
): ChainBreak | undefined {
  const after = cursor.lastId === undefined ? 'the start of the chain' : `row ${cursor.lastId}`;
  if (prev !== cursor.lastHash) {
    return {
      chain, rowId: row.id, kind: 'link-broken',
      message: `row ${row.id} does not follow ${after}: a row between them was deleted, or rows were reordered or inserted (链断裂)`,
    };
  }
  if (auditRowHash(prev, fields) !== hash) {
    return { chain, rowId: row.id, kind: 'content-changed', message: `row ${row.id}'s content no longer matches its hash: it was changed (内容被篡改)` };
  }
  return undefined;
}

/** Walks the rows in id order and reports the first break of the global chain and of each process's chain. */
export function verifyRows(rows: AuditRow[]): Omit<VerifyReport, 'interferenceRows'> {
  const breaks: ChainBreak[] = [];
  const global: ChainCursor = { lastHash: genesisHash, lastId: undefined, broken: false };
  const perProcess = new Map<string, ChainCursor>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const fields = fieldsOf(row);
    if (!global.broken) {
      const found = checkLink('global', global, row, row.prev_hash, row.hash, fields);
      if (found) {
        breaks.push(found);
        global.broken = true;
      }
    }
    global.lastHash = row.hash;
    global.lastId = row.id;

    const cursor = perProcess.get(row.process_id) ?? { lastHash: genesisHash, lastId: undefined, broken: false };
    perProcess.set(row.process_id, cursor);
    if (!cursor.broken) {
      const found = checkLink(row.process_id, cursor, row, row.process_prev_hash, row.process_hash, fields);
      if (found) {
        breaks.push(found);
        cursor.broken = true;
      }
    }
    cursor.lastHash = row.process_hash;
    cursor.lastId = row.id;
  }
  return { ok: breaks.length === 0, rows: rows.length, processes: perProcess.size, head: global.lastHash, breaks };
}

async function verifyInterference(db: pg.ClientBase): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const log = await db.query<Record<string, unknown> & { id: string }>('select * from interference_log order by recorded_at, id');
  const audited = await db.query<{ id: number; details: { interferenceId?: string; contentHash?: string } }>(
    "select id, details from audit_trail where action = 'interference.record'",
  );
  const byInterference = new Map(audited.rows.map((r) => [r.details.interferenceId, r]));
  const breaks: ChainBreak[] = [];
  for (const row of log.rows) {
    const entry = byInterference.get(row.id);
    byInterference.delete(row.id);
    if (!entry) {
      breaks.push({ chain: 'interference', rowId: 0, kind: 'link-broken', message: `interference record ${row.id} has no audit entry (反干预记录未入审计链)` });
    } else if (entry.details.contentHash !== interferenceContentHash(row)) {
      breaks.push({ chain: 'interference', rowId: entry.id, kind: 'content-changed', message: `interference record ${row.id} was changed after audit row ${entry.id} recorded it (反干预记录被篡改)` });
    }
  }
  for (const [interferenceId, entry] of byInterference) {
    breaks.push({ chain: 'interference', rowId: entry.id, kind: 'link-broken', message: `interference record ${interferenceId} named by audit row ${entry.id} is missing: it was deleted (反干预记录被删除)` });
  }
  return { rows: log.rows.length, breaks };
}

export async function verifyAuditTrail(db: pg.ClientBase | pg.Pool): Promise<VerifyReport> {
  const client = db instanceof pg.Pool ? await db.connect() : db;
  try {
    // One snapshot for both tables, so a row appended while we read is not taken for a break.
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<AuditRow>('select * from audit_trail order by id');
    const chains = verifyRows(rows);
    const interference = await verifyInterference(client);
    await client.query('commit');
    const breaks = [...chains.breaks, ...interference.breaks];
    return { ...chains, ok: breaks.length === 0, breaks, interferenceRows: interference.rows };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    if (db instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'database-url': { type: 'string' }, json: { type: 'boolean', default: false } } });
  const { loadConfig } = await import('../config');
  const url = values['database-url'] ?? loadConfig().DATABASE_URL;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const report = await verifyAuditTrail(client);
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`audit trail: ${report.rows} rows in ${report.processes} process chains; ${report.interferenceRows} interference records; head ${report.head}`);
      for (const b of report.breaks) console.log(`BROKEN [${b.chain}] ${b.message}`);
      console.log(report.ok ? 'audit trail: intact (审计链完整)' : `audit trail: ${report.breaks.length} break(s) found (审计链已被破坏)`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main().catch((err: unknown) => {
    const missing = (err as { code?: string }).code === '42P01';
    console.error(`audit:verify: ${err instanceof Error ? err.message : String(err)}${missing ? ' — migrate the database first (npm run migrate)' : ''}`);
    return 2;
  });
}
