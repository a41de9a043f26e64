// Personal data out of Temporal's history (issue 16): every payload the client and the worker send
// — workflow inputs, Update and Signal arguments, results, query answers, memos — is encrypted with
// AES-256-GCM before it reaches the server, so its history and Web UI show ciphertext only.
// The key id rides in the payload's metadata: rotating means adding a key and making it current;
// payloads under older keys still decode while their key is listed. Payloads that are not ours
// (histories recorded before encryption) pass through unchanged, so old runs still replay.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';

const encoding = 'binary/encrypted';
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export interface PayloadKeys {
  /** Id of the key new payloads are encrypted with. */
  current: string;
  /** Every key that may still be needed to decode, by id: 32 bytes each. */
  keys: Map<string, Buffer>;
}

/** The public development key: encryption with it hides nothing from anyone who reads this file. */
export const developmentPayloadKeys: PayloadKeys = {
  current: 'dev-1',
  keys: new Map([['dev-1', Buffer.from('courtrelay-development-payload!!', 'utf8')]]),
};

/**
 * Keys from a JSON file: `{"current": "2026-11", "keys": {"2026-11": "<base64 of 32 bytes>", …}}`.
 * Throws naming the file and what is wrong with it.
 */
export function readPayloadKeys(path: string): PayloadKeys {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { current?: unknown; keys?: Record<string, unknown> };
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(parsed.keys ?? {})) {
    const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) throw new Error(`${path}: key "${id}" must be 32 bytes in base64 (got ${key.length})`);
    keys.set(id, key);
  }
  if (typeof parsed.current !== 'string' || !keys.has(parsed.current)) throw new Error(`${path}: "current" must name one of its keys`);
  return { current: parsed.current, keys };
}

function toBytes(value: Uint8Array | null | undefined): Buffer {
  return value ? Buffer.from(value) : Buffer.alloc(0);
}

function serialize(p: Payload): Buffer {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, toBytes(v).toString('base64')]));
  return Buffer.from(JSON.stringify({ metadata, data: toBytes(p.data).toString('base64') }), 'utf8');
}

function deserialize(bytes: Buffer): Payload {
  const parsed = JSON.parse(bytes.toString('utf8')) as { metadata: Record<string, string>; data: string };
  const metadata = Object.fromEntries(Object.entries(parsed.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]));
  return { metadata, data: new Uint8Array(Buffer.from(parsed.data, 'base64')) };
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.keys.get(this.keys.current)!;
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([iv, cipher.update(serialize(p)), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: utf8.encode(encoding), 'encryption-key-id': utf8.encode(this.keys.current) }, data: new Uint8Array(sealed) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (fromUtf8.decode(p.metadata?.encoding ?? new Uint8Array()) !== encoding) return p;
      const id = fromUtf8.decode(p.metadata?.['encryption-key-id'] ?? new Uint8Array());
      const key = this.keys.keys.get(id);
      if (!key) throw new Error(`payload encrypted with key "${id}", which this process does not have (TEMPORAL_PAYLOAD_KEYS_FILE)`);
      const bytes = toBytes(p.data);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return deserialize(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]));
    });
  }
}

/** The data converter of every client and worker: the given keys, or the development key. */
export function courtrelayDataConverter(keys: PayloadKeys = developmentPayloadKeys): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}

/** From configuration: TEMPORAL_PAYLOAD_KEYS_FILE, or the development key when unset. */
export function configuredDataConverter(config: { TEMPORAL_PAYLOAD_KEYS_FILE?: string }): DataConverter {
  return courtrelayDataConverter(config.TEMPORAL_PAYLOAD_KEYS_FILE ? readPayloadKeys(config.TEMPORAL_PAYLOAD_KEYS_FILE) : developmentPayloadKeys);
}
