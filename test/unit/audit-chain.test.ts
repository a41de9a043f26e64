// The chain verifier on rows built in memory: an intact chain passes; a changed field, a deleted
// row, two swapped rows and a forged link are each found at the first row they break.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditRowHash, genesisHash, type HashedAuditFields } from '../../activities/audit-hash';
import { verifyRows, type AuditRow } from '../../infra/audit/verify';

function chain(entries: Array<{ processId: string; action: string; details?: Record<string, unknown> }>): AuditRow[] {
  let last = genesisHash;
  const lastOf = new Map<string, string>();
  return entries.map((e, i) => {
    const fields: HashedAuditFields = {
      eventKey: `${e.processId}:${i}`, processKind: 'transfer', processId: e.processId, actorId: 'officer-wang',
      actorRole: 'enforcement_officer', actorCourt: 'bj-chaoyang', action: e.action, reason: null,
      details: e.details ?? {}, occurredAt: new Date(Date.UTC(2025, 9, 9, 2, 0, i)).toISOString(),
    };
    const prev = last;
    const processPrev = lastOf.get(e.processId) ?? genesisHash;
    const row: AuditRow = {
      id: i + 1, event_key: fields.eventKey, process_kind: fields.processKind, process_id: fields.processId, actor_id: fields.actorId,
      actor_role: fields.actorRole, actor_court: fields.actorCourt, action: fields.action, reason: null, details: fields.details,
      occurred_at: new Date(fields.occurredAt), prev_hash: prev, hash: auditRowHash(prev, fields),
      process_prev_hash: processPrev, process_hash: auditRowHash(processPrev, fields),
    };
    last = row.hash;
    lastOf.set(e.processId, row.process_hash);
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

describe('verifyRows', () => {
  it('passes an intact chain and reports its head', () => {
    const rows = sample();
    const report = verifyRows(rows);
    expect(report).toMatchObject({ ok: true, rows: 5, processes: 2, head: rows[4]!.hash, breaks: [] });
    expect(verifyRows([]).ok).toBe(true);
  });

  it('finds a changed field at that row, in the global chain and its process chain', () => {
    const rows = sample();
    rows[2]!.details = { debts: '1.00', assets: '0' };
    const { ok, breaks } = verifyRows(rows);
    expect(ok).toBe(false);
    expect(breaks).toEqual([
      expect.objectContaining({ chain: 'global', rowId: 3, kind: 'content-changed' }),
      expect.objectContaining({ chain: 'transfer-A', rowId: 3, kind: 'content-changed' }),
    ]);
  });

  it('finds a deleted row at the row after it', () => {
    const rows = sample();
    rows.splice(2, 1);
    const { breaks } = verifyRows(rows);
    expect(breaks).toEqual([
      expect.objectContaining({ chain: 'global', rowId: 4, kind: 'link-broken' }),
      expect.objectContaining({ chain: 'transfer-A', rowId: 4, kind: 'link-broken' }),
    ]);
    expect(breaks[0]!.message).toContain('deleted');
  });

  it('finds two rows swapped (ids exchanged)', () => {
    const rows = sample();
    [rows[0]!.id, rows[2]!.id] = [rows[2]!.id, rows[0]!.id];
    expect(verifyRows(rows).breaks[0]).toMatchObject({ chain: 'global', rowId: 1, kind: 'link-broken' });
  });

  it('finds a row whose content and own hash were both rewritten (the next row no longer links)', () => {
    const rows = sample();
    const forged = rows[1]!;
    forged.action = 'transfer.withdrawConsent';
    forged.hash = auditRowHash(forged.prev_hash, {
      eventKey: forged.event_key, processKind: forged.process_kind, processId: forged.process_id, actorId: forged.actor_id,
      actorRole: forged.actor_role, actorCourt: forged.actor_court, action: forged.action, reason: forged.reason,
      details: forged.details, occurredAt: new Date(forged.occurred_at).toISOString(),
    });
    const { breaks } = verifyRows(rows);
    expect(breaks).toEqual(expect.arrayContaining([
      expect.objectContaining({ chain: 'global', rowId: 3, kind: 'link-broken' }),
      // Its process chain's hash was not forged as well.
      expect.objectContaining({ chain: 'transfer-B', rowId: 2, kind: 'content-changed' }),
    ]));
  });

  it('any single changed action anywhere in any chain is found (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ processId: fc.constantFrom('transfer-A', 'transfer-B', 'preservation-C'), action: fc.string({ minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 30 }),
      fc.nat(),
      fc.string({ minLength: 1, maxLength: 12 }),
      (entries, at, replacement) => {
        const rows = chain(entries);
        const victim = rows[at % rows.length]!;
        fc.pre(victim.action !== replacement);
        victim.action = replacement;
        const { ok, breaks } = verifyRows(rows);
        return !ok && breaks[0]!.rowId === victim.id && breaks.some((b) => b.chain === victim.process_id && b.rowId === victim.id);
      },
    ), { numRuns: 300 });
  });
});
