// Issue 16 (outside break): with NODE_ENV=production or an API beyond loopback, no process runs on
// the public development keys of this repository — payload encryption, the audit seal, checkpoint
// signatures, the verifier's trust, the codec endpoint — and `npm run keys` writes keys each loader takes.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointSigningKey, developmentKeysIn, developmentKeysWarning, trustedCheckpointKeys, trustedSealKeys } from '../../infra/audit/keys';
import { ConfigError, parseConfig, requirePrivateKeys } from '../../infra/config';
import { generateKeys, keyFiles } from '../../infra/keys/generate';
import { codecServerProblems, createCodecApp } from '../../infra/temporal/codec-server';
import { EncryptionCodec, developmentPayloadKeys, readPayloadKeys } from '../../infra/temporal/payload-codec';

const privateJwt = { JWT_SECRET: 'a-private-key-of-more-than-32-characters-0123' };
const settings = {
  production: { NODE_ENV: 'production', ...privateJwt },
  'API beyond loopback': { API_HOST: '0.0.0.0', ...privateJwt },
};

function refusal(env: Record<string, string>, use: Parameters<typeof requirePrivateKeys>[1]): string[] {
  try {
    requirePrivateKeys(parseConfig(env), use);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe.each(Object.entries(settings))('%s', (_, env) => {
  it('refuses the worker and the API on the development payload and seal keys, naming both variables', () => {
    const problems = refusal(env, 'writer');
    expect(problems.map((p) => p.split(':')[0])).toEqual(['TEMPORAL_PAYLOAD_KEYS_FILE', 'AUDIT_SEAL_KEY_FILE']);
    expect(problems[0]).toMatch(/不得使用公开的开发密钥/);
  });

  it('refuses the checkpointer without its key and the verifier without the public keys it trusts', () => {
    expect(refusal(env, 'checkpointer').map((p) => p.split(':')[0])).toEqual(['AUDIT_CHECKPOINT_KEY_FILE']);
    expect(refusal(env, 'verifier').map((p) => p.split(':')[0])).toEqual(['AUDIT_SEAL_PUBLIC_KEY_FILES', 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILES']);
    expect(refusal(env, 'codec').map((p) => p.split(':')[0])).toEqual(['TEMPORAL_PAYLOAD_KEYS_FILE']);
  });

  it('runs every process on the keys npm run keys wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    generateKeys(dir);
    const files = Object.fromEntries(Object.entries(keyFiles).map(([variable, name]) => [variable, join(dir, name)]));
    for (const use of ['writer', 'checkpointer', 'verifier', 'codec'] as const) expect(refusal({ ...env, ...files }, use)).toEqual([]);
  });
});

describe('a local set-up (loopback, not production)', () => {
  it('keeps the development keys, so npm start needs no set-up', () => {
    for (const use of ['writer', 'checkpointer', 'verifier', 'codec'] as const) expect(refusal({}, use)).toEqual([]);
  });

  it('yet the verifier and checkpointer say they run on public keys', () => {
    expect(developmentKeysIn({}, 'verifier')).toEqual(['AUDIT_SEAL_PUBLIC_KEY_FILES', 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILES']);
    expect(developmentKeysIn({}, 'checkpointer')).toEqual(['AUDIT_CHECKPOINT_KEY_FILE']);
    expect(developmentKeysWarning(developmentKeysIn({}, 'verifier'))).toMatch(/公开的开发密钥.*不能证明/);
    expect(developmentKeysIn({ AUDIT_SEAL_PUBLIC_KEY_FILES: 'a', AUDIT_CHECKPOINT_PUBLIC_KEY_FILES: 'b' }, 'verifier')).toEqual([]);
  });
});

describe('npm run keys (infra/keys/generate.ts)', () => {
  it('writes keys the loaders take, private files readable by their owner only, and never overwrites one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const first = generateKeys(dir, '2026-12');
    expect(first.written).toHaveLength(5);
    const payload = readPayloadKeys(join(dir, keyFiles.TEMPORAL_PAYLOAD_KEYS_FILE));
    expect(payload.current).toBe('2026-12');
    const seal = trustedSealKeys({ AUDIT_SEAL_KEY_FILE: join(dir, keyFiles.AUDIT_SEAL_KEY_FILE) });
    const sealPublic = trustedSealKeys({ AUDIT_SEAL_PUBLIC_KEY_FILES: join(dir, keyFiles.AUDIT_SEAL_PUBLIC_KEY_FILES) });
    expect([...seal.keys()]).toEqual([...sealPublic.keys()]);
    const signing = checkpointSigningKey({ AUDIT_CHECKPOINT_KEY_FILE: join(dir, keyFiles.AUDIT_CHECKPOINT_KEY_FILE) });
    expect([...trustedCheckpointKeys({ AUDIT_CHECKPOINT_PUBLIC_KEY_FILES: join(dir, keyFiles.AUDIT_CHECKPOINT_PUBLIC_KEY_FILES) }).keys()]).toEqual([signing.id]);
    for (const name of [keyFiles.TEMPORAL_PAYLOAD_KEYS_FILE, keyFiles.AUDIT_SEAL_KEY_FILE, keyFiles.AUDIT_CHECKPOINT_KEY_FILE]) {
      expect(statSync(join(dir, name)).mode & 0o077, name).toBe(0);
    }
    const before = readFileSync(join(dir, keyFiles.AUDIT_SEAL_KEY_FILE), 'utf8');
    const second = generateKeys(dir);
    expect(second.written).toEqual([]);
    expect(readFileSync(join(dir, keyFiles.AUDIT_SEAL_KEY_FILE), 'utf8')).toBe(before);
  });
});

describe('the codec endpoint (npm run codec-server)', () => {
  it('needs a token of 32+ characters beyond loopback or in production, not on loopback', () => {
    expect(codecServerProblems({ host: '127.0.0.1' })).toEqual([]);
    expect(codecServerProblems({ host: '0.0.0.0' })[0]).toMatch(/^CODEC_SERVER_TOKEN: .*必须设置访问令牌/);
    expect(codecServerProblems({ host: '127.0.0.1', nodeEnv: 'production' })[0]).toMatch(/^CODEC_SERVER_TOKEN/);
    expect(codecServerProblems({ host: '0.0.0.0', token: 'short' })[0]).toMatch(/至少32个字符/);
    expect(codecServerProblems({ host: '0.0.0.0', token: 'x'.repeat(32) })).toEqual([]);
  });

  it('takes the token only as a bearer credential (RFC 6750), not bare', async () => {
    const token = 'operator-token-of-thirty-two-chars!!';
    const app = createCodecApp(new EncryptionCodec(developmentPayloadKeys), { uiOrigin: 'http://localhost:8233', token });
    const post = (authorization: string) => app.request('/decode', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ payloads: [] }),
    });
    expect((await post(token)).status).toBe(401);
    expect((await post(`Basic ${token}`)).status).toBe(401);
    expect((await post(`Bearer ${token}`)).status).toBe(200);
  });
});
