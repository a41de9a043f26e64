// How an audit row is hashed; the writer and the chain verifier both use this, so they agree.
import { createHash } from 'node:crypto';

export interface HashedAuditFields {
  eventKey: string;
  processKind: string;
  processId: string;
  actorId: string;
  actorRole: string;
  actorCourt: string | null;
  action: string;
  reason: string | null;
  details: unknown;
  occurredAt: string;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const genesisHash = '0'.repeat(64);

export function auditRowHash(previousHash: string, fields: HashedAuditFields): string {
  const normalized = { ...fields, occurredAt: new Date(fields.occurredAt).toISOString() };
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(normalized)).digest('hex');
}
