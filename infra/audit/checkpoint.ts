// Signed checkpoints of the audit trail: the independent witness that the trail's own hashes
// cannot be (issue 16). Each checkpoint signs, with an Ed25519 key only the checkpointer holds,
// the Merkle root of the rows added since the previous checkpoint, the chain heads that moved and
// the root of all heads, and chains to the previous checkpoint by its hash. Export them and keep
// the copy elsewhere (another system, paper, a notary): a superuser who deletes rows and
// checkpoints alike is then found with `audit:verify -- --witness <file>`.
//
//   npm run audit:checkpoint                      # one checkpoint now
//   npm run audit:checkpoint -- --every 300       # one every 5 minutes, until stopped
//   npm run audit:checkpoint -- --export out.jsonl   # every checkpoint as JSON lines ('-': stdout)
import { sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { canonicalJson } from '../../activities/audit-hash';
import { actAsRole } from '../db/app-role';
import { checkpointSigningKey, developmentKeysIn, developmentKeysWarning, trustedCheckpointKeys, type SigningKey, type TrustedKeys } from './keys';
import { byProcessId, chainLeaf, merkleRoot } from './merkle';
import { chainsOf, readTrail, verifyCheckpoints, type CheckpointStatement, type StoredCheckpoint } from './verify';

export class CheckpointRefused extends Error {}

/**
 * Writes the next checkpoint over what the trail holds now (one snapshot). Refuses, naming the
 * problem, when the existing checkpoints do not verify: extending a broken chain would bury the
 * break. Returns undefined when no chain moved since the previous checkpoint.
 */
export async function writeCheckpoint(
  pool: pg.Pool, key: SigningKey, trusted: TrustedKeys, now: Date = new Date(),
): Promise<StoredCheckpoint | undefined> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read');
    const trail = await readTrail(client);
    const chains = chainsOf(trail.rows);
    const before = verifyCheckpoints(trail.checkpoints, chains, trusted, trail.firstSealedId);
    const broken = before.findings.filter((f) => f.kind === 'checkpoint');
    if (broken.length) throw new CheckpointRefused(`the checkpoints do not verify; run npm run audit:verify: ${broken.map((f) => f.message).join('; ')}`);
    const moved: CheckpointStatement['moved'] = [];
    const leaves: string[] = [];
    for (const processId of [...chains.keys()].sort(byProcessId)) {
      const list = chains.get(processId)!;
      const head = list[list.length - 1]!;
      const from = before.heads.get(processId)?.seq ?? 0;
      if (Number(head.seq) <= from) continue;
      const bySeq = new Map(list.map((r) => [Number(r.seq), r.process_hash]));
      for (let n = from + 1; n <= Number(head.seq); n++) leaves.push(chainLeaf(processId, n, bySeq.get(n) ?? ''));
      moved.push([processId, Number(head.seq), head.process_hash]);
      before.heads.set(processId, { seq: Number(head.seq), hash: head.process_hash });
    }
    if (moved.length === 0) {
      await client.query('rollback');
      return undefined;
    }
    const headLeaves = [...before.heads].sort(([a], [b]) => byProcessId(a, b)).map(([p, h]) => chainLeaf(p, h.seq, h.hash));
    const statement: CheckpointStatement = {
      kind: 'courtrelay-audit-checkpoint', number: before.lastNumber + 1, previous: before.lastHash, createdAt: now.toISOString(),
      rows: { count: leaves.length, root: merkleRoot(leaves) }, moved,
      heads: { count: headLeaves.length, root: merkleRoot(headLeaves) }, firstSealedId: trail.firstSealedId,
    };
    const text = canonicalJson(statement);
    const checkpoint: StoredCheckpoint = {
      number: statement.number, statement: text, key_id: key.id, signature: sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64'),
    };
    await client.query(
      'insert into audit_checkpoints (number, statement, statement_hash, key_id, signature) values ($1, $2, encode(sha256(convert_to($2, \'UTF8\')), \'hex\'), $3, $4)',
      [checkpoint.number, checkpoint.statement, checkpoint.key_id, checkpoint.signature],
    );
    await client.query('commit');
    return checkpoint;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Every checkpoint as JSON lines, for a witness outside the database. */
export async function exportCheckpoints(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<StoredCheckpoint & { number: string }>('select number, statement, key_id, signature from audit_checkpoints order by number');
  return rows.map((r) => `${JSON.stringify({ ...r, number: Number(r.number) })}\n`).join('');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    'database-url': { type: 'string' }, every: { type: 'string' }, export: { type: 'string' },
  } });
  const { loadConfig } = await import('../config');
  const config = loadConfig('checkpointer');
  const pool = new pg.Pool({ connectionString: values['database-url'] ?? config.DATABASE_URL, max: 1 });
  // The checkpointer's own role: reads the trail, inserts checkpoints, nothing else (migration 123).
  if (config.DATABASE_AUDITOR_ROLE !== 'none') actAsRole(pool, config.DATABASE_AUDITOR_ROLE);
  try {
    if (values.export) {
      const lines = await exportCheckpoints(pool);
      if (values.export === '-') process.stdout.write(lines);
      else writeFileSync(values.export, lines);
      return 0;
    }
    const every = values.every === undefined ? undefined : Number(values.every);
    if (every !== undefined && !(Number.isInteger(every) && every >= 1)) throw new CheckpointRefused(`--every must be a whole number of seconds (got ${values.every})`);
    const key = checkpointSigningKey(config);
    const onDevelopmentKey = developmentKeysWarning(developmentKeysIn(config, 'checkpointer'));
    if (onDevelopmentKey) console.error(`audit:checkpoint: ${onDevelopmentKey}`);
    const trusted = trustedCheckpointKeys(config);
    for (;;) {
      const written = await writeCheckpoint(pool, key, trusted);
      console.log(written ? `audit checkpoint #${written.number} written (key ${written.key_id})` : 'audit checkpoint: nothing new since the last one');
      if (every === undefined) return 0;
      await new Promise((r) => setTimeout(r, every * 1000));
    }
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main().catch((err: unknown) => {
    console.error(`audit:checkpoint: ${err instanceof Error ? err.message : String(err)}`);
    return err instanceof CheckpointRefused ? 1 : 2;
  });
}
