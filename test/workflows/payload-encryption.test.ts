// Personal data out of Temporal's history (issue 16): a transfer is started and acted on through
// the encrypting client and worker, then its history is read raw from the server, as the Web UI
// or anyone with access to Temporal's database would see it. No party name may appear in it; the
// same payloads decoded with the key must still hold them (so the test cannot pass on an empty
// history). Histories recorded before encryption still replay (the codec passes them through).
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import { EncryptionCodec, developmentPayloadKeys, readPayloadKeys } from '../../infra/temporal/payload-codec';
import { createCodecApp } from '../../infra/temporal/codec-server';
import { act, actors, courts, enforcementCase, newCreditCode, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let harness: TransferHarness;
beforeAll(async () => {
  harness = await startTransferHarness();
});
afterAll(async () => harness?.stop());

/** Every byte string and string of a raw history, as text. */
function everythingIn(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) everythingIn(v, out);
  return out;
}

describe('Temporal history of a transfer', () => {
  it('shows no party name in clear, while the payloads decode to them with the key', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['c1'])]);
    body.debtor.name = `保密测试${code.slice(-6)}贸易有限公司`;
    body.cases[0]!.applicants[0]!.name = `申请人张${code.slice(-4)}`;
    const handle = await trigger(harness, body);
    await waitForStage(handle, 'screening');
    await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });

    const { history } = await harness.client.connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default', execution: { workflowId: handle.workflowId },
    });
    const raw = everythingIn(history).join('\n');
    expect(raw).toContain('binary/encrypted');
    expect(raw).not.toContain(body.debtor.name);
    expect(raw).not.toContain(body.cases[0]!.applicants[0]!.name);
    expect(raw).not.toContain('申请执行人');

    const started = history!.events!.find((e) => e.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!;
    const decoded = await new EncryptionCodec(developmentPayloadKeys).decode(started.input!.payloads! as Payload[]);
    const inputs = JSON.stringify(decoded.map((p) => defaultPayloadConverter.fromPayload(p)));
    expect(inputs).toContain(body.debtor.name);
    expect(inputs).toContain(body.cases[0]!.applicants[0]!.name);
  });
});

describe('EncryptionCodec', () => {
  const payload = defaultPayloadConverter.toPayload({ name: '某某' })!;

  it('decodes under a retired key after rotation, and says which key is missing otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtrelay-keys-'));
    const k = (n: number) => Buffer.alloc(32, n).toString('base64');
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ current: 'k1', keys: { k1: k(1) } }));
    writeFileSync(join(dir, 'new.json'), JSON.stringify({ current: 'k2', keys: { k1: k(1), k2: k(2) } }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ current: 'k3', keys: { k3: 'c2hvcnQ=' } }));
    const [underOld] = await new EncryptionCodec(readPayloadKeys(join(dir, 'old.json'))).encode([payload]);
    const rotated = new EncryptionCodec(readPayloadKeys(join(dir, 'new.json')));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([underOld!]))[0]!)).toEqual({ name: '某某' });
    const [underNew] = await rotated.encode([payload]);
    expect(Buffer.from(underNew!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    await expect(new EncryptionCodec(readPayloadKeys(join(dir, 'old.json'))).decode([underNew!])).rejects.toThrow('key "k2"');
    expect(() => readPayloadKeys(join(dir, 'bad.json'))).toThrow('must be 32 bytes');
  });

  it('refuses a payload whose ciphertext was changed (GCM tag) and passes unencrypted ones through', async () => {
    const [sealed] = await new EncryptionCodec(developmentPayloadKeys).encode([payload]);
    const tampered = { ...sealed!, data: Uint8Array.from(sealed!.data!, (b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(new EncryptionCodec(developmentPayloadKeys).decode([tampered])).rejects.toThrow();
    expect(await new EncryptionCodec(developmentPayloadKeys).decode([payload])).toEqual([payload]);
  });
});

describe('the codec endpoint for the Web UI', () => {
  const codec = new EncryptionCodec(developmentPayloadKeys);
  const app = createCodecApp(codec, { uiOrigin: 'http://localhost:8233', token: 'operator-token' });
  const post = (path: string, body: unknown, token = 'operator-token') => app.request(path, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: 'http://localhost:8233' },
  });

  it('decodes what the workers encrypted, for the UI origin, with the operator token only', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ debtor: '某某贸易有限公司' })!]);
    const wire = {
      metadata: Object.fromEntries(Object.entries(sealed!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
      data: Buffer.from(sealed!.data!).toString('base64'),
    };
    const res = await post('/decode', { payloads: [wire] });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    const body = await res.json() as { payloads: Array<{ data: string }> };
    expect(Buffer.from(body.payloads[0]!.data, 'base64').toString('utf8')).toContain('某某贸易有限公司');
    expect((await post('/decode', { payloads: [wire] }, 'wrong')).status).toBe(401);
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const res = await post('/decode', { payloads: [{ data: '%%%' }] });
    expect(res.status).toBe(400);
    expect((await res.json() as { message: string }).message).toContain('payloads.0.data');
  });
});
