// The private keys a deployment needs instead of the public development ones (README "Keys"):
// the AES-256 payload keys workers and the API encrypt Temporal payloads with, the writers' Ed25519
// audit seal key and the checkpointer's Ed25519 signing key, each with its public half for the
// verifier. Written once: an existing file is kept, never overwritten, so a second run cannot
// orphan what the first one encrypted or sealed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files, by the variable that names them (paths relative to the keys directory). */
export const keyFiles = {
  TEMPORAL_PAYLOAD_KEYS_FILE: 'payload-keys.json',
  AUDIT_SEAL_KEY_FILE: 'audit-seal.pem',
  AUDIT_SEAL_PUBLIC_KEY_FILES: 'audit-seal.pub.pem',
  AUDIT_CHECKPOINT_KEY_FILE: 'audit-checkpoint.pem',
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILES: 'audit-checkpoint.pub.pem',
} as const;

export interface GeneratedKeys {
  written: string[];
  kept: string[];
}

function ed25519Pair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/**
 * Writes into `dir` (created, mode 0700) every key file of keyFiles that is not there yet: private
 * files mode 0600, public ones 0644. `keyId` names the first payload key (e.g. "2026-12").
 */
export function generateKeys(dir: string, keyId = new Date().toISOString().slice(0, 7)): GeneratedKeys {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const result: GeneratedKeys = { written: [], kept: [] };
  const put = (name: string, content: string, mode: number) => {
    const path = join(dir, name);
    // 'wx' fails if the file appeared meanwhile: never overwrite a key.
    if (existsSync(path)) result.kept.push(path);
    else { writeFileSync(path, content, { mode, flag: 'wx' }); result.written.push(path); }
  };
  put(keyFiles.TEMPORAL_PAYLOAD_KEYS_FILE, `${JSON.stringify({ current: keyId, keys: { [keyId]: randomBytes(32).toString('base64') } }, null, 2)}\n`, 0o600);
  for (const [privateName, publicName] of [
    [keyFiles.AUDIT_SEAL_KEY_FILE, keyFiles.AUDIT_SEAL_PUBLIC_KEY_FILES],
    [keyFiles.AUDIT_CHECKPOINT_KEY_FILE, keyFiles.AUDIT_CHECKPOINT_PUBLIC_KEY_FILES],
  ] as const) {
    if (existsSync(join(dir, privateName))) { result.kept.push(join(dir, privateName)); continue; }
    const pair = ed25519Pair();
    put(privateName, pair.privatePem, 0o600);
    put(publicName, pair.publicPem, 0o644);
  }
  return result;
}
