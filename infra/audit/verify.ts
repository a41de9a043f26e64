// Verifies the audit trail against itself and against its independent witnesses:
//   - each process chain: rows numbered 1, 2, 3… with no gap, each linked to the one before and
//     hashing to its stored hash;
//   - each row's seal (activities/audit-seal.ts), by a trusted writer key: a row the database role
//     appended on its own, or a rewrite rechained by a superuser, has none that verifies;
//   - the signed checkpoints (infra/audit/checkpoint.ts), chained to one another: every row they
//     witnessed is still there with the hash they saw (deleting the newest rows is truncation);
//   - every interference-log row against the hash its audit entry took of it;
//   - with --temporal (and --deep), every act against Temporal's own history of its workflow
//     (./history-check.ts), which also catches a row forged with a stolen seal key.
// Every finding names its row (process, place, id) and says which kind it is: forged, missing,
// reordered, truncated, changed, or a checkpoint problem. Exit 1 on any finding.
//
//   npm run audit:verify                                  # the configured DATABASE_URL and keys
//   npm run audit:verify -- --database-url postgres://…  --witness checkpoints.jsonl --json
//   npm run audit:verify -- --temporal  # also every act against its workflow's history in Temporal
//   npm run audit:verify -- --deep      # the above, and documents against their audited hashes, transfers and preservations (measures, seizures, deadlines) against their workflows
import { readFileSync } from 'node:fs';
import { createHash, verify as verifySignature } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { auditRowHash, genesisHash, type HashedAuditFields } from '../../activities/audit-hash';
import { sealVerifies } from '../../activities/audit-seal';
import { interferenceContentHash } from '../../activities/interference';
import { contentHash } from '../../activities/documents/store';
import type { Client } from '@temporalio/client';
import { verifyPreservationReadModel, verifyTransferReadModel } from './read-model-check';
import { confirmLate, verifyAgainstHistories, type HistoryCheck } from './history-check';
import { byProcessId, chainLeaf, merkleRoot } from './merkle';
import { developmentKeysIn, developmentKeysWarning, trustedCheckpointKeys, trustedSealKeys, type TrustedKeys } from './keys';

export interface AuditRow {
  id: number | string;
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
  seq: number | string;
  process_prev_hash: string;
  process_hash: string;
  seal: string | null;
  seal_key_id: string | null;
}

/** What a checkpoint signs (canonical JSON of this object is the `statement`). */
export interface CheckpointStatement {
  kind: 'courtrelay-audit-checkpoint';
  number: number;
  /** SHA-256 of the previous checkpoint's statement; 64 zeros for the first. */
  previous: string;
  createdAt: string;
  /** Merkle root (RFC 6962) over the rows added since the previous checkpoint, by process id then place. */
  rows: { count: number; root: string };
  /** The chain heads that moved since the previous checkpoint: [process id, place, hash]. */
  moved: Array<[string, number, string]>;
  /** Merkle root over every process's head after this checkpoint, by process id. */
  heads: { count: number; root: string };
  /**
   * The id from which rows must be sealed (audit_sealing_began) when the checkpoint was signed;
   * absent from checkpoints signed before it was witnessed. A superuser who raises it would pass
   * unsealed rewrites off as rows written before sealing began.
   */
  firstSealedId?: number;
}

export interface StoredCheckpoint {
  number: number;
  statement: string;
  key_id: string;
  signature: string;
}

export type FindingKind = 'forged' | 'missing' | 'reordered' | 'truncated' | 'changed' | 'checkpoint';

export interface Finding {
  kind: FindingKind;
  processId?: string;
  seq?: number;
  rowId?: number;
  checkpoint?: number;
  /** For a read-model difference (--deep): the table, the row's key and the column. */
  table?: string;
  row?: string;
  column?: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  processes: number;
  checkpoints: number;
  /** Rows after the last checkpoint: witnessed by their seals only until the next one. */
  rowsSinceLastCheckpoint: number;
  findings: Finding[];
  interferenceRows: number;
  /** Documents checked (with --deep). */
  documents?: number;
  /** Transfers rows checked against their workflows (with --deep). */
  transfers?: number;
  /** Transfers not judged: written within the grace and behind their workflow, their write perhaps on its way (with --deep). */
  transfersBehind?: string[];
  /** Preservation, measure, seizure-register and deadline rows checked against their preservation workflows (with --deep). */
  preservationRows?: number;
  /** The cross-check against Temporal's histories (with --temporal or --deep). */
  histories?: Omit<HistoryCheck, 'findings' | 'late'>;
}

export interface VerifyKeys {
  seal: TrustedKeys;
  checkpoint: TrustedKeys;
}

export interface Head {
  seq: number;
  hash: string;
}

export function statementHash(statement: string): string {
  return createHash('sha256').update(statement, 'utf8').digest('hex');
}

function fieldsOf(row: AuditRow): HashedAuditFields {
  return {
    eventKey: row.event_key, processKind: row.process_kind, processId: row.process_id, actorId: row.actor_id,
    actorRole: row.actor_role, actorCourt: row.actor_court, action: row.action, reason: row.reason,
    details: row.details ?? {}, occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/** Rows of each process by place. */
export function chainsOf(rows: AuditRow[]): Map<string, AuditRow[]> {
  const chains = new Map<string, AuditRow[]>();
  for (const row of rows) {
    const list = chains.get(row.process_id) ?? [];
    list.push(row);
    chains.set(row.process_id, list);
  }
  for (const list of chains.values()) list.sort((a, b) => Number(a.seq) - Number(b.seq));
  return chains;
}

function rowName(row: AuditRow): string {
  return `row ${row.id} (${row.process_id} #${row.seq}, ${row.action})`;
}

function checkSeal(row: AuditRow, keys: TrustedKeys, firstSealedId: number, impliedSeq: number | undefined): Finding | undefined {
  const at = { processId: row.process_id, seq: Number(row.seq), rowId: Number(row.id) };
  if (!row.seal || !row.seal_key_id) {
    if (Number(row.id) < firstSealedId) return undefined;
    return { kind: 'forged', ...at, message: `${rowName(row)} carries no writer's seal: it was not written by courtrelay (伪造)` };
  }
  const key = keys.get(row.seal_key_id);
  if (!key) return { kind: 'forged', ...at, message: `${rowName(row)} is sealed with key ${row.seal_key_id}, which is not trusted (伪造)` };
  if (sealVerifies(key, row.process_id, Number(row.seq), row.process_hash, row.seal)) return undefined;
  if (impliedSeq !== undefined && sealVerifies(key, row.process_id, impliedSeq, row.process_hash, row.seal)) return undefined;
  return { kind: 'forged', ...at, message: `${rowName(row)}'s seal does not match its place and hash: written or rewritten outside courtrelay (伪造或篡改)` };
}

/** Each row's place by following the links from the start of the chain, whatever its number says. */
function chainPlaces(list: AuditRow[]): Map<AuditRow, number> {
  const next = new Map(list.map((r) => [r.process_prev_hash, r]));
  const places = new Map<AuditRow, number>();
  let hash = genesisHash;
  for (let n = 1; n <= list.length; n++) {
    const row = next.get(hash);
    if (!row || places.has(row)) break;
    places.set(row, n);
    hash = row.process_hash;
  }
  return places;
}

/** Walks each process chain by place: gaps, broken links, changed content, seals. */
function verifyChains(chains: Map<string, AuditRow[]>, sealKeys: TrustedKeys, firstSealedId: number): Finding[] {
  const findings: Finding[] = [];
  for (const [processId, list] of chains) {
    const byHash = new Map(list.map((r) => [r.process_hash, r]));
    const place = chainPlaces(list);
    let expected = 1;
    let prevHash = genesisHash;
    for (const row of list) {
      const seq = Number(row.seq);
      const at = { processId, seq, rowId: Number(row.id) };
      let explained = false;
      if (seq > expected) {
        findings.push({ kind: 'missing', processId, seq: expected,
          message: `${processId} #${expected}${seq - 1 > expected ? `–#${seq - 1}` : ''} missing before ${rowName(row)}: deleted (缺失)` });
        explained = true;
      }
      const contentIntact = auditRowHash(row.process_prev_hash, fieldsOf(row)) === row.process_hash;
      let impliedSeq: number | undefined;
      if (!contentIntact) {
        findings.push({ kind: 'changed', ...at, message: `${rowName(row)}'s content no longer matches its hash: it was changed (内容被篡改)` });
      } else if (row.process_prev_hash !== prevHash && !explained) {
        const follows = row.process_prev_hash === genesisHash ? undefined : byHash.get(row.process_prev_hash);
        impliedSeq = place.get(row);
        if (impliedSeq === seq) {
          // In its place; the row before it was moved and is named there.
        } else if (impliedSeq !== undefined) {
          findings.push({ kind: 'reordered', ...at,
            message: `${rowName(row)} follows ${follows ? rowName(follows) : 'the start of the chain'} in the chain but is numbered #${seq}: rows were reordered (顺序被调换)` });
        } else {
          findings.push({ kind: 'forged', ...at, message: `${rowName(row)} links to no row of its chain: inserted or rechained (伪造)` });
        }
      }
      const seal = checkSeal(row, sealKeys, firstSealedId, impliedSeq);
      if (seal) findings.push(seal);
      prevHash = row.process_hash;
      expected = seq + 1;
    }
  }
  return findings;
}

function checkpointSignatureFinding(c: StoredCheckpoint, keys: TrustedKeys): Finding | undefined {
  const key = keys.get(c.key_id);
  if (!key) return { kind: 'checkpoint', checkpoint: c.number, message: `checkpoint #${c.number} is signed with key ${c.key_id}, which is not trusted (检查点签名无效)` };
  if (!verifySignature(null, Buffer.from(c.statement, 'utf8'), key, Buffer.from(c.signature, 'base64'))) {
    return { kind: 'checkpoint', checkpoint: c.number, message: `checkpoint #${c.number}'s signature does not verify: it was altered or forged (检查点签名无效)` };
  }
  return undefined;
}

/**
 * Checks the checkpoints' own chain and signatures, then every row each one witnessed against the
 * rows now stored. Returns the heads after the last good checkpoint (what the next checkpoint
 * starts from) with the findings.
 */
export function verifyCheckpoints(
  checkpoints: StoredCheckpoint[], chains: Map<string, AuditRow[]>, keys: TrustedKeys, firstSealedId?: number,
): { findings: Finding[]; heads: Map<string, Head>; lastHash: string; lastNumber: number } {
  const findings: Finding[] = [];
  const heads = new Map<string, Head>();
  let lastHash = genesisHash;
  let lastNumber = 0;
  for (const c of [...checkpoints].sort((a, b) => a.number - b.number)) {
    const bad = checkpointSignatureFinding(c, keys);
    if (bad) {
      findings.push(bad);
      continue;
    }
    const s = JSON.parse(c.statement) as CheckpointStatement;
    if (s.number !== c.number || s.number !== lastNumber + 1 || s.previous !== lastHash) {
      findings.push({ kind: 'checkpoint', checkpoint: c.number,
        message: `checkpoint #${c.number} does not follow checkpoint #${lastNumber}: a checkpoint was removed or replaced (检查点链断裂)` });
    }
    if (firstSealedId !== undefined && s.firstSealedId !== undefined && s.firstSealedId !== firstSealedId) {
      findings.push({ kind: 'changed', checkpoint: c.number,
        message: `sealing began at row ${s.firstSealedId} when checkpoint #${c.number} was signed, but audit_sealing_began now says ${firstSealedId}: `
          + 'unsealed rows would pass as written before sealing (封印起点被篡改)' });
    }
    const leaves: string[] = [];
    for (const [processId, seq, hash] of [...s.moved].sort(([a], [b]) => byProcessId(a, b))) {
      const from = heads.get(processId)?.seq ?? 0;
      const stored = new Map((chains.get(processId) ?? []).map((r) => [Number(r.seq), r]));
      const newest = Math.max(0, ...stored.keys());
      if (newest < seq) {
        findings.push({ kind: 'truncated', processId, seq: newest + 1, checkpoint: c.number,
          message: `${processId} #${newest + 1}${seq > newest + 1 ? `–#${seq}` : ''}, witnessed by checkpoint #${c.number}, are gone: the newest rows were deleted (末尾被截断)` });
      } else if (stored.get(seq)?.process_hash !== hash) {
        findings.push({ kind: 'changed', processId, seq, rowId: Number(stored.get(seq)?.id ?? 0), checkpoint: c.number,
          message: `${processId} #${seq} is not the row checkpoint #${c.number} witnessed: the chain was rewritten (与检查点不符)` });
      }
      for (let n = from + 1; n <= seq; n++) {
        const row = stored.get(n);
        leaves.push(chainLeaf(processId, n, row?.process_hash ?? ''));
      }
      heads.set(processId, { seq, hash });
    }
    if (leaves.length !== s.rows.count || merkleRoot(leaves) !== s.rows.root) {
      // A consequence of changed rows, each named by the chain checks; not a fault of the checkpoint.
      findings.push({ kind: 'changed', checkpoint: c.number,
        message: `the rows checkpoint #${c.number} witnessed no longer hash to its Merkle root (see the row findings)` });
    }
    const headLeaves = [...heads].sort(([a], [b]) => byProcessId(a, b)).map(([p, h]) => chainLeaf(p, h.seq, h.hash));
    if (headLeaves.length !== s.heads.count || merkleRoot(headLeaves) !== s.heads.root) {
      findings.push({ kind: 'checkpoint', checkpoint: c.number, message: `checkpoint #${c.number}'s heads root does not match the heads it lists` });
    }
    lastHash = statementHash(c.statement);
    lastNumber = c.number;
  }
  return { findings, heads, lastHash, lastNumber };
}

/** Compares the database's checkpoints with an exported copy kept elsewhere; the copy wins. */
export function mergeWitness(stored: StoredCheckpoint[], witness: StoredCheckpoint[]): { merged: StoredCheckpoint[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const byNumber = new Map(stored.map((c) => [c.number, c]));
  for (const w of witness) {
    const s = byNumber.get(w.number);
    if (!s) findings.push({ kind: 'checkpoint', checkpoint: w.number, message: `checkpoint #${w.number} of the exported witness is missing from the database: deleted (检查点被删除)` });
    else if (s.statement !== w.statement || s.signature !== w.signature) {
      findings.push({ kind: 'checkpoint', checkpoint: w.number, message: `checkpoint #${w.number} in the database differs from the exported witness: replaced (检查点被替换)` });
    }
    byNumber.set(w.number, w);
  }
  return { merged: [...byNumber.values()], findings };
}

export interface TrailInput {
  rows: AuditRow[];
  checkpoints: StoredCheckpoint[];
  firstSealedId: number;
  witness?: StoredCheckpoint[];
}

/** The whole check on rows already read: chains, seals, checkpoints (and the witness's copy of them). */
export function verifyTrail(input: TrailInput, keys: VerifyKeys): Omit<VerifyReport, 'interferenceRows'> {
  const chains = chainsOf(input.rows);
  const witnessed = input.witness ? mergeWitness(input.checkpoints, input.witness) : { merged: input.checkpoints, findings: [] };
  const checked = verifyCheckpoints(witnessed.merged, chains, keys.checkpoint, input.firstSealedId);
  // Sealing began at first_sealed_id and every writer since seals: a sealed row below it means the
  // start was raised afterwards, so that unsealed rows (a rewrite, a forged append) pass as old ones.
  const sealedBelow = input.rows.filter((r) => r.seal && Number(r.id) < input.firstSealedId)
    .reduce<AuditRow | undefined>((low, r) => (low && Number(low.id) < Number(r.id) ? low : r), undefined);
  const sealingStart: Finding[] = sealedBelow ? [{ kind: 'changed', rowId: Number(sealedBelow.id),
    message: `${rowName(sealedBelow)} is sealed but lies below row ${input.firstSealedId}, where audit_sealing_began says sealing began: `
      + 'the start was moved so that unsealed rows pass as written before sealing (封印起点被篡改)' }] : [];
  const findings = [...witnessed.findings, ...sealingStart, ...verifyChains(chains, keys.seal, input.firstSealedId), ...checked.findings];
  let since = 0;
  for (const [processId, list] of chains) since += list.filter((r) => Number(r.seq) > (checked.heads.get(processId)?.seq ?? 0)).length;
  return {
    ok: findings.length === 0, rows: input.rows.length, processes: chains.size, checkpoints: witnessed.merged.length,
    rowsSinceLastCheckpoint: since, findings,
  };
}

async function verifyInterference(db: pg.ClientBase): Promise<{ rows: number; findings: Finding[] }> {
  const log = await db.query<Record<string, unknown> & { id: string }>('select * from interference_log order by recorded_at, id');
  const audited = await db.query<{ id: string; details: { interferenceId?: string; contentHash?: string } }>(
    "select id, details from audit_trail where action = 'interference.record'",
  );
  const byInterference = new Map(audited.rows.map((r) => [r.details.interferenceId, r]));
  const findings: Finding[] = [];
  for (const row of log.rows) {
    const entry = byInterference.get(row.id);
    byInterference.delete(row.id);
    if (!entry) {
      findings.push({ kind: 'missing', message: `interference record ${row.id} has no audit entry (反干预记录未入审计链)` });
    } else if (entry.details.contentHash !== interferenceContentHash(row)) {
      findings.push({ kind: 'changed', rowId: Number(entry.id), message: `interference record ${row.id} was changed after audit row ${entry.id} recorded it (反干预记录被篡改)` });
    }
  }
  for (const [interferenceId, entry] of byInterference) {
    findings.push({ kind: 'missing', rowId: Number(entry.id), message: `interference record ${interferenceId} named by audit row ${entry.id} is missing: it was deleted (反干预记录被删除)` });
  }
  return { rows: log.rows.length, findings };
}

// A document is stored by one activity and audited by the act that follows it; one issued this
// recently may not be audited yet and is not taken for a forgery.
const documentAuditGraceMinutes = 10;

/**
 * Every stored document against its own hash and the hash the audit trail recorded when it was
 * issued (`issueDocuments` acts): a document no audited act names is forged (inserted outside a
 * workflow: issue 16's fake 移送决定书), one whose content or hash differs is changed, one an act
 * names but the table lacks is missing.
 */
export async function verifyDocuments(db: pg.ClientBase): Promise<{ rows: number; findings: Finding[] }> {
  const docs = await db.query<{ id: string; process_id: string; title: string; content: string; sha256: string; recent: boolean }>(
    // A future created_at is no grace: the column is the inserter's to set, and a forged document
    // dated years ahead would otherwise stay "recent" for ever.
    `select id, process_id, title, content, sha256,
            created_at > now() - make_interval(mins => $1) and created_at <= now() + interval '1 minute' as recent
       from documents order by created_at, id`,
    [documentAuditGraceMinutes],
  );
  const audited = await db.query<{ row_id: string; process_id: string; document_id: string; sha256: string }>(
    `select a.id as row_id, a.process_id, d->>'documentId' as document_id, d->>'sha256' as sha256
       from audit_trail a, jsonb_array_elements(a.details->'documents') d where a.action = 'issueDocuments'`,
  );
  const byId = new Map(audited.rows.map((r) => [r.document_id, r]));
  const findings: Finding[] = [];
  for (const doc of docs.rows) {
    const entry = byId.get(doc.id);
    byId.delete(doc.id);
    const name = `document ${doc.id} (${doc.title}) of ${doc.process_id}`;
    if (contentHash(doc.content) !== doc.sha256) {
      findings.push({ kind: 'changed', processId: doc.process_id, message: `${name}: its content does not match its SHA-256 (文书内容被篡改)` });
    }
    if (!entry) {
      if (!doc.recent) findings.push({ kind: 'forged', processId: doc.process_id, message: `${name} is named by no audited act: it was not issued by the process (伪造文书)` });
    } else if (entry.sha256 !== doc.sha256 || entry.process_id !== doc.process_id) {
      findings.push({ kind: 'changed', processId: doc.process_id, rowId: Number(entry.row_id),
        message: `${name} is not the document audit row ${entry.row_id} recorded (hash or process differs) (与审计记录不符)` });
    }
  }
  for (const [documentId, entry] of byId) {
    findings.push({ kind: 'missing', processId: entry.process_id, rowId: Number(entry.row_id),
      message: `document ${documentId} recorded by audit row ${entry.row_id} is missing from the document store (文书缺失)` });
  }
  return { rows: docs.rows.length, findings };
}

/** Reads the trail, its checkpoints and the sealing start in one snapshot. */
export async function readTrail(client: pg.ClientBase): Promise<Omit<TrailInput, 'witness'>> {
  const rows = (await client.query<AuditRow>('select * from audit_trail')).rows;
  const checkpoints = (await client.query<StoredCheckpoint & { number: string }>(
    'select number, statement, key_id, signature from audit_checkpoints order by number',
  )).rows.map((c) => ({ ...c, number: Number(c.number) }));
  const began = await client.query<{ first_sealed_id: string }>('select first_sealed_id from audit_sealing_began');
  return { rows, checkpoints, firstSealedId: Number(began.rows[0]?.first_sealed_id ?? 1) };
}

/** Runs `work` in one read-only snapshot, so rows appended meanwhile are not taken for breaks. */
export async function inSnapshot<T>(db: pg.ClientBase | pg.Pool, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const client = db instanceof pg.Pool ? await db.connect() : db;
  try {
    await client.query('begin isolation level repeatable read read only');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    if (db instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}

export function developmentKeys(): VerifyKeys {
  return { seal: trustedSealKeys({}), checkpoint: trustedCheckpointKeys({}) };
}

/**
 * The whole check in one snapshot. Given a Temporal client, `histories` (implied by `deep`) adds
 * every act against its workflow's history; `deep` adds the documents against their audited hashes
 * and the transfers read model against each workflow's state. `historyGraceMinutes`: how young a
 * row may be and not be in its history yet (default 10).
 */
export async function verifyAuditTrail(
  db: pg.ClientBase | pg.Pool, keys: VerifyKeys = developmentKeys(), witness?: StoredCheckpoint[],
  options: { deep?: boolean; histories?: boolean; temporal?: Client; historyGraceMinutes?: number } = {},
): Promise<VerifyReport> {
  const report = await inSnapshot(db, async (client) => {
    const trail = verifyTrail({ ...(await readTrail(client)), witness }, keys);
    const interference = await verifyInterference(client);
    const documents = options.deep ? await verifyDocuments(client) : undefined;
    const readModel = options.deep && options.temporal ? await verifyTransferReadModel(client, options.temporal) : undefined;
    const preservations = options.deep && options.temporal ? await verifyPreservationReadModel(client, options.temporal) : undefined;
    const histories = (options.deep || options.histories) && options.temporal
      ? await verifyAgainstHistories(client, options.temporal, { graceMinutes: options.historyGraceMinutes })
      : undefined;
    const findings = [...trail.findings, ...interference.findings, ...(documents?.findings ?? []), ...(readModel?.findings ?? []),
      ...(preservations?.findings ?? []), ...(histories?.findings ?? [])];
    return {
      ...trail, ok: findings.length === 0, findings, interferenceRows: interference.rows,
      ...(documents ? { documents: documents.rows } : {}), ...(readModel ? { transfers: readModel.rows, transfersBehind: readModel.behind } : {}),
      ...(preservations ? { preservationRows: preservations.rows } : {}),
      ...(histories ? { histories: { processes: histories.processes, runs: histories.runs, beyondRetention: histories.beyondRetention, unchecked: histories.unchecked } } : {}),
      late: histories?.late ?? [],
    };
  });
  // Rows the workflows wrote while the snapshot was read are not missing: looked for again after it.
  const { late, ...rest } = report;
  const cleared = late.length ? await confirmLate(db, late) : new Set();
  const findings = rest.findings.filter((f) => !cleared.has(f));
  return { ...rest, findings, ok: findings.length === 0 };
}

/** Checkpoints exported as JSON lines (`npm run audit:checkpoint -- --export`). */
export function readWitnessFile(path: string): StoredCheckpoint[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as StoredCheckpoint);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    'database-url': { type: 'string' }, json: { type: 'boolean', default: false }, witness: { type: 'string' },
    deep: { type: 'boolean', default: false }, temporal: { type: 'boolean', default: false },
  } });
  const { loadConfig } = await import('../config');
  const config = loadConfig('verifier');
  const client = new pg.Client({ connectionString: values['database-url'] ?? config.DATABASE_URL });
  await client.connect();
  // Read-only work, as the auditor role: the verifier needs no write and gets none.
  if (config.DATABASE_AUDITOR_ROLE !== 'none') await client.query(`set role ${config.DATABASE_AUDITOR_ROLE}`);
  try {
    const keys = { seal: trustedSealKeys(config), checkpoint: trustedCheckpointKeys(config) };
    const onDevelopmentKeys = developmentKeysWarning(developmentKeysIn(config, 'verifier'));
    if (onDevelopmentKeys) console.error(`audit:verify: ${onDevelopmentKeys}`);
    const temporal = values.deep || values.temporal ? await (await import('../temporal/connect')).connectClient(config) : undefined;
    const report = await verifyAuditTrail(client, keys, values.witness ? readWitnessFile(values.witness) : undefined,
      { deep: values.deep, histories: values.temporal, temporal })
      .finally(() => temporal?.connection.close());
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`audit trail: ${report.rows} rows in ${report.processes} process chains; ${report.checkpoints} checkpoints `
        + `(${report.rowsSinceLastCheckpoint} rows since the last); ${report.interferenceRows} interference records`
        + `${report.documents === undefined ? '' : `; ${report.documents} documents`}`
        + `${report.transfers === undefined ? '' : `; ${report.transfers} transfers against their workflows`}`
        + `${report.transfersBehind?.length ? ` (${report.transfersBehind.length} not judged: written within the last minutes and behind their workflow — run again: ${report.transfersBehind.join(', ')})` : ''}`
        + `${report.preservationRows === undefined ? '' : `; ${report.preservationRows} preservation, measure, seizure and deadline rows against their workflows`}`
        + `${report.histories === undefined ? '' : `; ${report.histories.processes} processes against ${report.histories.runs} Temporal histories`
          + ` (${report.histories.unchecked} recent or older rows unchecked, ${report.histories.beyondRetention} processes beyond retention)`}`);
      for (const f of report.findings) console.log(`${f.kind.toUpperCase()}: ${f.message}`);
      console.log(report.ok ? 'audit trail: intact (审计链完整)' : `audit trail: ${report.findings.length} finding(s) (审计链已被破坏)`);
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
