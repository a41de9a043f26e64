// Hostile input, case by case: oversized bodies (413), wrong content types (415), malformed and
// absurdly nested JSON (400), unknown fields (422), injection strings stored as plain text — each
// answered with a JSON error that says what was wrong, and nothing written.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { maxBodyBytes, maxJsonDepth } from '../../api/http/limits';
import { demoUser } from '../../infra/auth/demo-users';
import { createPool } from '../../infra/db/database';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';

let db: TestDatabase;
let appPool: pg.Pool;
let client: Client;
let app: ReturnType<typeof createApp>;
let auth: string;
const config = testConfig();

const valid = {
  caseRef: '(2025)京0105执1234号',
  intervenor: { name: '某某', position: '主任', unit: '某单位' },
  channel: 'letter',
  request: '来信要求暂缓执行',
  occurredAt: '2025-10-09T10:30:00+08:00',
};

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  client = await testClient();
  app = createApp({ config, client, pool: appPool });
  auth = `Bearer ${await mintToken(config.JWT_SECRET, demoUser('officer-wang')!)}`;
});
afterAll(async () => {
  await client.connection.close();
  await appPool.end();
  await db.close();
});

async function postRaw(body: string | Uint8Array | null, contentType?: string, path = '/interference') {
  const headers: Record<string, string> = { authorization: auth };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res = await app.request(path, { method: 'POST', headers, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as { error: string; message: string; fields?: Array<{ field: string }> } };
}

async function rows(): Promise<number> {
  return (await db.pool.query('select (select count(*) from interference_log) + (select count(*) from audit_trail) as n')).rows[0].n;
}

describe('at the door', () => {
  it(`a body over ${maxBodyBytes} bytes is a 413 with a JSON reason, with or without Content-Length`, async () => {
    const huge = JSON.stringify({ ...valid, request: 'x'.repeat(maxBodyBytes) });
    const withLength = await app.request('/interference', {
      method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(huge)) }, body: huge,
    });
    expect(withLength.status).toBe(413);
    expect(await withLength.json()).toMatchObject({ error: 'PayloadTooLarge', message: expect.stringContaining('KiB') });
    const streamed = await postRaw(huge, 'application/json');
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toBe('PayloadTooLarge');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=xyz'],
    ['xml', 'application/xml'],
    ['json in latin1', 'application/json; charset=iso-8859-1'],
    ['json with a stray parameter', 'application/json; boundary=x'],
  ])('a %s body is a 415 naming the type', async (_, type) => {
    const res = await postRaw(JSON.stringify(valid), type);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'UnsupportedMediaType', message: expect.stringContaining('application/json') });
  });

  it('a body with no content type is a 415', async () => {
    const res = await app.request('/interference', { method: 'POST', headers: { authorization: auth }, body: new TextEncoder().encode(JSON.stringify(valid)) });
    expect(res.status).toBe(415);
  });

  it('application/json; charset=utf-8 and application/problem+json are accepted', async () => {
    expect((await postRaw(JSON.stringify(valid), 'application/json; charset=UTF-8')).status).toBe(201);
    expect((await postRaw(JSON.stringify(valid), 'application/merge-patch+json')).status).not.toBe(415);
  });

  it.each([
    ['truncated', '{"caseRef": "x", '],
    ['single quotes', "{'caseRef': 'x'}"],
    ['trailing comma', '{"caseRef": "x",}'],
    ['comment', '{"caseRef": "x" /* hi */}'],
    ['NaN', '{"n": NaN}'],
    ['two documents', '{} {}'],
  ])('malformed JSON (%s) is a 400 saying so', async (_, text) => {
    const res = await postRaw(text, 'application/json');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'MalformedJson', message: expect.stringContaining('JSON') });
  });

  it(`JSON nested deeper than ${maxJsonDepth} levels is a 400; an empty body on a route that needs one is a 4xx`, async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect((await postRaw(deep, 'application/json')).status).toBe(400);
    const nested = JSON.stringify({ ...valid, intervenor: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) });
    expect((await postRaw(nested, 'application/json')).body.error).toBe('MalformedJson');
    const empty = await postRaw('', 'application/json');
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
  });
});

describe('NUL characters (PostgreSQL text cannot hold them)', () => {
  it('in the query, the path or a JSON string or key: a 400 saying so, nothing written', async () => {
    const before = await rows();
    const supervisor = `Bearer ${await mintToken(config.JWT_SECRET, demoUser('supervisor-zhou')!)}`;
    for (const path of ['/interference?caseRef=%00', '/interference%00', '/me?x=a%00b']) {
      const res = await app.request(path, { headers: { authorization: supervisor } });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain('NUL');
    }
    expect((await postRaw(JSON.stringify({ ...valid, request: 'a\u0000b' }), 'application/json')).status).toBe(400);
    expect((await postRaw(JSON.stringify({ ...valid, ['k\u0000']: 1 }), 'application/json')).body.message).toContain('NUL');
    expect(await rows()).toBe(before);
  });
});

describe('unpaired UTF-16 surrogates (UTF-8, so PostgreSQL and Temporal, cannot hold them)', () => {
  it.each([
    ['a high surrogate in a top-level text', { ...valid, request: 'a\ud800b' }, 'request'],
    ['a low surrogate at the end of a nested text', { ...valid, intervenor: { ...valid.intervenor, name: '某某\udc00' } }, 'intervenor.name'],
    ['two high surrogates in a row', { ...valid, response: '\ud83d\ud83d' }, 'response'],
    ['a surrogate in a date field', { ...valid, occurredAt: '2025-10-09T10:30:00+08:00\udfff' }, 'occurredAt'],
  ])('%s is a 422 naming the field, in Chinese first, and nothing is written', async (_, body, field) => {
    const before = await rows();
    const text = JSON.stringify(body);
    expect(text).toMatch(/\\ud[89a-f]/); // sent as the JSON escape, as a client would
    const res = await postRaw(text, 'application/json');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'ValidationFailed', fields: [{ field, message: expect.stringMatching(/^含有无法保存的字符.*\(.*surrogate.*\)$/) }] });
    expect(res.body.message).toContain(field);
    expect(await rows()).toBe(before);
  });

  it('in a key too (named with U+FFFD in its place); a well-formed pair (an emoji) is kept as it was', async () => {
    const keyed = await postRaw(`{"x\\ud800": 1, ${JSON.stringify(valid).slice(1)}`, 'application/json');
    expect(keyed.status).toBe(422);
    expect(keyed.body.fields).toEqual([expect.objectContaining({ field: 'x\ufffd' })]);
    const emoji = await postRaw(JSON.stringify({ ...valid, request: '来信😀要求' }), 'application/json');
    expect(emoji.status, JSON.stringify(emoji.body)).toBe(201);
    const { rows: stored } = await db.pool.query<{ request: string }>("select request from interference_log where request = '来信😀要求'");
    expect(stored).toHaveLength(1);
  });
});

describe('characters that print as nothing (zero-width space, soft hyphen, direction marks)', () => {
  it('a text made only of them is a 422 naming the field, nothing written; inside a text they are dropped', async () => {
    const before = await rows();
    const blank = await postRaw(JSON.stringify({ ...valid, request: '\u200b\u00ad\u202e' }), 'application/json');
    expect(blank.status).toBe(422);
    expect(blank.body.fields).toEqual([expect.objectContaining({ field: 'request' })]);
    expect(await rows()).toBe(before);
    const spliced = await postRaw(JSON.stringify({ ...valid, request: '来信\u200b要求\u00ad核查' }), 'application/json');
    expect(spliced.status, JSON.stringify(spliced.body)).toBe(201);
    const { rows: stored } = await db.pool.query<{ request: string }>("select request from interference_log where request = '来信要求核查'");
    expect(stored).toHaveLength(1);
  });
});

describe('every refusal at the door reads Chinese first, with the English in parentheses', () => {
  // A refusal about one field may lead with its name, as validation refusals do ("corrects: 没有…").
  const chineseFirst = /^([\w.]+: )?[\p{Script=Han}][^]*\([^]*[A-Za-z][^]*\)/u;
  it.each([
    ['413', () => postRaw(JSON.stringify({ ...valid, request: 'x'.repeat(maxBodyBytes) }), 'application/json'), 413],
    ['415', () => postRaw(JSON.stringify(valid), 'text/plain'), 415],
    ['400 malformed', () => postRaw('{', 'application/json'), 400],
    ['400 nested', () => postRaw('['.repeat(100) + ']'.repeat(100), 'application/json'), 400],
    ['422 schema', () => postRaw(JSON.stringify({ ...valid, channel: 'telepathy' }), 'application/json'), 422],
    ['401', async () => {
      const res = await app.request('/interference', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid) });
      return { status: res.status, body: (await res.json()) as { message: string } };
    }, 401],
    ['422 correcting a record that does not exist', () => postRaw(JSON.stringify({ ...valid, corrects: '00000000-0000-4000-8000-000000000000' }), 'application/json'), 422],
    ['404 no route', async () => {
      const res = await app.request('/no-such-route', { headers: { authorization: auth } });
      return { status: res.status, body: (await res.json()) as { message: string } };
    }, 404],
  ] as const)('%s', async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(chineseFirst);
  });
});

describe('in the schema', () => {
  it('unknown fields, at the top and nested, are refused with a 422 naming them', async () => {
    const res = await postRaw(JSON.stringify({ ...valid, isAdmin: true, intervenor: { ...valid.intervenor, phone: '1' } }), 'application/json');
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/isAdmin/);
    expect(res.body.message).toMatch(/phone/);
  });

  it('a prototype-pollution key is just an unknown field', async () => {
    const res = await postRaw(`{"__proto__": {"role": "administrator"}, ${JSON.stringify(valid).slice(1)}`, 'application/json');
    expect(res.status).toBe(422);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('wrong types and out-of-range query parameters are 422s', async () => {
    expect((await postRaw(JSON.stringify({ ...valid, request: 42 }), 'application/json')).status).toBe(422);
    expect((await postRaw(JSON.stringify([valid]), 'application/json')).status).toBe(422);
    const supervisor = `Bearer ${await mintToken(config.JWT_SECRET, demoUser('supervisor-zhou')!)}`;
    for (const query of ['limit=0', 'limit=abc', 'limit=1e9', 'before=yesterday', 'unknown=1', 'caseRef=' + 'x'.repeat(500)]) {
      const res = await app.request(`/interference?${query}`, { headers: { authorization: supervisor } });
      expect(res.status, query).toBe(422);
    }
  });

  it('injection strings are stored and returned as plain text, and the tables are still there', async () => {
    const before = await rows();
    const sql = "x'); drop table audit_trail; --";
    const res = await postRaw(JSON.stringify({ ...valid, request: sql, intervenor: { ...valid.intervenor, name: '<script>alert(1)</script>' } }), 'application/json');
    expect(res.status).toBe(201);
    expect(await rows()).toBe(before + 2);
    const supervisor = `Bearer ${await mintToken(config.JWT_SECRET, demoUser('supervisor-zhou')!)}`;
    const list = await app.request(`/interference?caseRef=${encodeURIComponent("' or '1'='1")}`, { headers: { authorization: supervisor } });
    expect(list.status).toBe(422);
    const all = (await (await app.request('/interference', { headers: { authorization: supervisor } })).json()) as { records: Array<{ request: string; intervenor: { name: string } }> };
    expect(all.records.find((r) => r.request === sql)?.intervenor.name).toBe('<script>alert(1)</script>');
  });

  it('a refused request writes nothing', async () => {
    const before = await rows();
    await postRaw(JSON.stringify({ ...valid, channel: 'telepathy' }), 'application/json');
    await postRaw('{', 'application/json');
    await postRaw(JSON.stringify(valid), 'text/plain');
    const party = `Bearer ${await mintToken(config.JWT_SECRET, demoUser('creditor-huaxin')!)}`;
    await app.request('/interference', { method: 'POST', headers: { authorization: party, 'content-type': 'application/json' }, body: JSON.stringify(valid) });
    expect(await rows()).toBe(before);
  });
});
