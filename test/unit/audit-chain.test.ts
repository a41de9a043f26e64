// The trail verifier on rows built in memory, sealed with the development key as the writers do:
// an intact trail passes; a changed field, a deleted row, two swapped places and an unsealed or
// foreign-sealed row are each named with their kind. Plus the RFC 6962 Merkle root's known values.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditRowHash, genesisHash, type HashedAuditFields } from '../../activities/audit-hash';
import { developmentSeal, keyIdOf, sealRow, type SealKey } from '../../activities/audit-seal';
import { developmentKeys, verifyTrail, type AuditRow } from '../../infra/audit/verify';
import { merkleRoot } from '../../infra/audit/merkle';

function fieldsOf(row: AuditRow): HashedAuditFields {
  return {
    eventKey: row.event_key, processKind: row.process_kind, processId: row.process_id, actorId: row.actor_id,
    actorRole: row.actor_role, actorCourt: row.actor_court, action: row.action, reason: row.reason,
    details: row.details, occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

function chain(entries: Array<{ processId: string; action: string; details?: Record<string, unknown> }>, key: SealKey = developmentSeal): AuditRow[] {
  const heads = new Map<string, { seq: number; hash: string }>();
  return entries.map((e, i) => {
    const head = heads.get(e.processId) ?? { seq: 0, hash: genesisHash };
    const row: AuditRow = {
      id: i + 1, event_key: `${e.processId}:${i}`, process_kind: 'transfer', process_id: e.processId, actor_id: 'officer-wang',
      actor_role: 'enforcement_officer', actor_court: 'BPC-110105', action: e.action, reason: null, details: e.details ?? {},
      occurred_at: new Date(Date.UTC(2025, 9, 9, 2, 0, i)), seq: head.seq + 1, process_prev_hash: head.hash, process_hash: '',
      seal: null, seal_key_id: key.id,
    };
    row.process_hash = auditRowHash(head.hash, fieldsOf(row));
    row.seal = sealRow(key, e.processId, head.seq + 1, row.process_hash);
    heads.set(e.processId, { seq: head.seq + 1, hash: row.process_hash });
    return row;
  });
}

const sample = () => chain([
  { processId: 'transfer-A', action: 'transfer.trigger' },
  { processId: 'transfer-B', action: 'transfer.trigger' },
  { processId: 'transfer-A', action: 'transfer.recordScreening', details: { debts: '1200000.00', assets: '0' } },
  { processId: 'transfer-A', action: 'transfer.propose' },
  { processId: 'transfer-B', action: 'transfer.recordConsent' },
]);

const verify = (rows: AuditRow[]) => verifyTrail({ rows, checkpoints: [], firstSealedId: 1 }, developmentKeys());

describe('verifyTrail on the chains and seals', () => {
  it('passes an intact trail', () => {
    expect(verify(sample())).toMatchObject({ ok: true, rows: 5, processes: 2, findings: [], rowsSinceLastCheckpoint: 5 });
    expect(verify([]).ok).toBe(true);
  });

  it('names a changed field as changed, at that row', () => {
    const rows = sample();
    rows[2]!.details = { debts: '1.00', assets: '0' };
    expect(verify(rows).findings).toEqual([expect.objectContaining({ kind: 'changed', processId: 'transfer-A', seq: 2, rowId: 3 })]);
  });

  it('names a deleted middle row as missing, by its place', () => {
    const rows = sample();
    rows.splice(2, 1);
    expect(verify(rows).findings).toEqual([expect.objectContaining({ kind: 'missing', processId: 'transfer-A', seq: 2 })]);
  });

  it('names two swapped places as reordered, not forged (their seals hold for the places the chain gives them)', () => {
    const rows = sample();
    [rows[2]!.seq, rows[3]!.seq] = [rows[3]!.seq, rows[2]!.seq];
    expect(verify(rows).findings).toEqual([
      expect.objectContaining({ kind: 'reordered', processId: 'transfer-A', seq: 2, rowId: 4 }),
      expect.objectContaining({ kind: 'reordered', processId: 'transfer-A', seq: 3, rowId: 3 }),
    ]);
  });

  it('names a correctly chained row without a seal, or sealed by an untrusted key, as forged', () => {
    const rows = sample();
    rows[4]!.seal = null;
    const { privateKey } = generateKeyPairSync('ed25519');
    const stranger: SealKey = { id: keyIdOf(privateKey), privateKey };
    const foreign = chain([{ processId: 'transfer-C', action: 'transfer.consentWithdrawn' }], stranger)[0]!;
    foreign.id = 6;
    expect(verify([...rows, foreign]).findings).toEqual([
      expect.objectContaining({ kind: 'forged', processId: 'transfer-B', seq: 2, rowId: 5 }),
      expect.objectContaining({ kind: 'forged', processId: 'transfer-C', seq: 1, rowId: 6 }),
    ]);
  });

  it('accepts unsealed rows written before sealing began, and only those', () => {
    const rows = sample().map((r) => ({ ...r, seal: null, seal_key_id: null }));
    const report = verifyTrail({ rows, checkpoints: [], firstSealedId: 5 }, developmentKeys());
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'forged', rowId: 5 })]);
  });

  it('any single changed action anywhere in any chain is found at that row (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ processId: fc.constantFrom('transfer-A', 'transfer-B', 'preservation-C'), action: fc.string({ minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 30 }),
      fc.nat(),
      fc.string({ minLength: 1, maxLength: 12 }),
      (entries, at, replacement) => {
        const rows = chain(entries);
        const victim = rows[at % rows.length]!;
        fc.pre(victim.action !== replacement);
        victim.action = replacement;
        const { ok, findings } = verify(rows);
        return !ok && findings.length === 1 && findings[0]!.kind === 'changed' && findings[0]!.rowId === victim.id;
      },
    ), { numRuns: 200 });
  });
});

describe('merkleRoot (RFC 6962 §2.1)', () => {
  it('matches the known roots of the empty tree and of one empty leaf', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot([''])).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('changes with any leaf and with the order of leaves', () => {
    const root = merkleRoot(['a', 'b', 'c']);
    expect(merkleRoot(['a', 'b', 'd'])).not.toBe(root);
    expect(merkleRoot(['b', 'a', 'c'])).not.toBe(root);
  });
});
