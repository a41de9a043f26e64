// Merkle tree hash of RFC 6962 (Certificate Transparency) §2.1: leaves prefixed 0x00, nodes 0x01,
// split at the largest power of two below n. An outside witness can recompute a root with any
// CT library, and a proof for one row needs only log(n) hashes.
import { createHash } from 'node:crypto';

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);

function treeHash(leaves: Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return sha256(leafPrefix, leaves[from]!);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(nodePrefix, treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
}

/** Hex root over the leaves in the order given; the empty tree's root is SHA-256 of nothing. */
export function merkleRoot(leaves: string[]): string {
  if (leaves.length === 0) return sha256().toString('hex');
  return treeHash(leaves.map((l) => Buffer.from(l, 'utf8')), 0, leaves.length).toString('hex');
}

/** The leaf of one audit row or chain head: its process, place and hash. */
export function chainLeaf(processId: string, seq: number, hash: string): string {
  return `${processId}\n${seq}\n${hash}`;
}

/** Code-unit order of process ids, the same in every runtime (not a database collation). */
export function byProcessId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
