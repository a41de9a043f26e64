// Which keys sign and which keys are trusted, from configuration. Writers (worker, API) hold only
// the seal key; the checkpointer holds only the checkpoint key; the verifier needs public keys only.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { ed25519PrivateKey, ed25519PublicKey, keyIdOf } from '../../activities/audit-seal';
import { developmentCheckpointKey, developmentSealKey } from './development-keys';

export type TrustedKeys = Map<string, KeyObject>;

export interface AuditKeyConfig {
  AUDIT_SEAL_KEY_FILE?: string;
  AUDIT_SEAL_PUBLIC_KEY_FILES?: string;
  AUDIT_CHECKPOINT_KEY_FILE?: string;
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILES?: string;
}

function trusted(files: string | undefined, fallbackPem: string, fallbackName: string): TrustedKeys {
  const keys: TrustedKeys = new Map();
  const list = files?.split(',').map((f) => f.trim()).filter(Boolean) ?? [];
  const pems = list.length ? list.map((f) => ({ pem: readFileSync(f, 'utf8'), source: f })) : [{ pem: fallbackPem, source: fallbackName }];
  for (const { pem, source } of pems) {
    const key = ed25519PublicKey(pem, source);
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

/**
 * Public keys whose seals on audit rows are accepted: AUDIT_SEAL_PUBLIC_KEY_FILES (comma-separated
 * PEM files; keep retired keys listed after a rotation), else the public half of
 * AUDIT_SEAL_KEY_FILE, else the development key.
 */
export function trustedSealKeys(config: AuditKeyConfig): TrustedKeys {
  if (config.AUDIT_SEAL_PUBLIC_KEY_FILES) return trusted(config.AUDIT_SEAL_PUBLIC_KEY_FILES, '', '');
  if (config.AUDIT_SEAL_KEY_FILE) return trusted(config.AUDIT_SEAL_KEY_FILE, '', '');
  return trusted(undefined, developmentSealKey, 'the development seal key');
}

/** Public keys whose signatures on checkpoints are accepted (same rules as trustedSealKeys). */
export function trustedCheckpointKeys(config: AuditKeyConfig): TrustedKeys {
  if (config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILES) return trusted(config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILES, '', '');
  if (config.AUDIT_CHECKPOINT_KEY_FILE) return trusted(config.AUDIT_CHECKPOINT_KEY_FILE, '', '');
  return trusted(undefined, developmentCheckpointKey, 'the development checkpoint key');
}

export interface SigningKey {
  id: string;
  privateKey: KeyObject;
}

/** The checkpointer's private key: AUDIT_CHECKPOINT_KEY_FILE, else the development key. */
export function checkpointSigningKey(config: AuditKeyConfig): SigningKey {
  const privateKey = config.AUDIT_CHECKPOINT_KEY_FILE
    ? ed25519PrivateKey(readFileSync(config.AUDIT_CHECKPOINT_KEY_FILE, 'utf8'), config.AUDIT_CHECKPOINT_KEY_FILE)
    : ed25519PrivateKey(developmentCheckpointKey, 'the development checkpoint key');
  return { id: keyIdOf(privateKey), privateKey };
}

/**
 * The variables left unset whose absence makes `use` fall back on the public development keys (which
 * anyone can sign with: a trail checked against them proves nothing); empty when none.
 */
export function developmentKeysIn(config: AuditKeyConfig, use: 'verifier' | 'checkpointer'): string[] {
  if (use === 'checkpointer') return config.AUDIT_CHECKPOINT_KEY_FILE ? [] : ['AUDIT_CHECKPOINT_KEY_FILE'];
  return [
    ...(config.AUDIT_SEAL_PUBLIC_KEY_FILES || config.AUDIT_SEAL_KEY_FILE ? [] : ['AUDIT_SEAL_PUBLIC_KEY_FILES']),
    ...(config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILES || config.AUDIT_CHECKPOINT_KEY_FILE ? [] : ['AUDIT_CHECKPOINT_PUBLIC_KEY_FILES']),
  ];
}

/** The warning a verifier or checkpointer prints when it runs on development keys (developmentKeysIn). */
export function developmentKeysWarning(unset: string[]): string | undefined {
  return unset.length
    ? `注意：${unset.join('、')}未设置，使用的是仓库中公开的开发密钥，任何人都能以其封印或签名；在此基础上的"完整"结论不能证明记录未被篡改 (public development keys: ${unset.join(', ')} unset)`
    : undefined;
}
