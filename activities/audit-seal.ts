// The writer's seal on an audit row: an Ed25519 signature over the row's place in its process chain
// and its hash. The hash covers the content and the link to the row before; the seal proves a
// process holding the sealing key wrote it, which the database role alone cannot (issue 16: the
// application role could append a correctly chained forged row).
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { developmentSealKey } from '../infra/audit/development-keys';

export interface SealKey {
  id: string;
  privateKey: KeyObject;
}

/** A public key's id: the first 16 hex digits of SHA-256 over its DER (SPKI) form. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

/** An Ed25519 private key from PEM text; throws naming the source when it is not one. */
export function ed25519PrivateKey(pem: string, source: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source}: not an Ed25519 private key (got ${key.asymmetricKeyType})`);
  return key;
}

/** An Ed25519 public key from PEM text (a private key's PEM gives its public half). */
export function ed25519PublicKey(pem: string, source: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source}: not an Ed25519 key (got ${key.asymmetricKeyType})`);
  return key;
}

function sealKeyFrom(pem: string, source: string): SealKey {
  const privateKey = ed25519PrivateKey(pem, source);
  return { id: keyIdOf(privateKey), privateKey };
}

export const developmentSeal: SealKey = sealKeyFrom(developmentSealKey, 'the development seal key');

let current: SealKey = developmentSeal;

/**
 * The key this process seals rows with from now on: the PEM file AUDIT_SEAL_KEY_FILE names, or the
 * public development key when unset. Rotation: give writers a new file; keep the old public key
 * among the verifier's trusted keys (rows name their key id).
 */
export function useSealKeyFile(path: string | undefined): SealKey {
  current = path ? sealKeyFrom(readFileSync(path, 'utf8'), path) : developmentSeal;
  return current;
}

export function currentSealKey(): SealKey {
  return current;
}

let retiredPublicKeys = new Map<string, KeyObject>();

/**
 * Public keys (by key id) whose seals a writer accepts on a row already written under its event key,
 * besides its own key: after a rotation, a retry of an append sealed with the old key is still the
 * same append (AUDIT_SEAL_PUBLIC_KEY_FILES, see infra/audit/keys.ts).
 */
export function trustSealPublicKeys(keys: ReadonlyMap<string, KeyObject>): void {
  retiredPublicKeys = new Map(keys);
}

/** The public key a writer accepts for `keyId`: its own seal key's, or one made trusted by trustSealPublicKeys. */
export function writerTrustedSealKey(keyId: string): KeyObject | undefined {
  if (keyId === current.id) return createPublicKey(current.privateKey);
  return retiredPublicKeys.get(keyId);
}

function sealMessage(processId: string, seq: number, processHash: string): Buffer {
  return Buffer.from(`courtrelay-audit-row\n${processId}\n${seq}\n${processHash}`, 'utf8');
}

export function sealRow(key: SealKey, processId: string, seq: number, processHash: string): string {
  return sign(null, sealMessage(processId, seq, processHash), key.privateKey).toString('base64');
}

export function sealVerifies(publicKey: KeyObject, processId: string, seq: number, processHash: string, seal: string): boolean {
  return verify(null, sealMessage(processId, seq, processHash), publicKey, Buffer.from(seal, 'base64'));
}
