// Property-based fuzzing of every endpoint in the OpenAPI document: thousands of malformed
// requests (random JSON, wrong types for the documented fields, unknown fields, huge strings, odd
// content types, broken JSON, injection strings in path and query) under several roles.
// Never a 5xx; every 4xx is a JSON error with a message; and a refused request changes nothing
// in the database (row counts of every table, the audit trail's last id).
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { demoUser, type DemoUserId } from '../../infra/auth/demo-users';
import { createPool } from '../../infra/db/database';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';
import { documentedOperations, samplePathParam, type Operation } from './permissions-openapi';

const config = testConfig();
// Spread over however many operations there are, to stay near a minute on two cores.
const totalRequests = Number(process.env.FUZZ_REQUESTS ?? 4000);

let db: TestDatabase;
let appPool: pg.Pool;
let client: Client;
let app: ReturnType<typeof createApp>;
let operations: Operation[];
let checksumSql: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  client = await testClient();
  app = createApp({ config, client, pool: appPool });
  operations = await documentedOperations(app);
  for (const id of ['admin', 'supervisor-zhou', 'officer-wang', 'judge-chen', 'clerk-liu', 'creditor-huaxin'] satisfies DemoUserId[]) {
    tokens.set(id, `Bearer ${await mintToken(config.JWT_SECRET, demoUser(id)!)}`);
  }
  tokens.set('forged', `Bearer ${await mintToken('not-the-server-secret-but-long-enough', demoUser('admin')!)}`);
  tokens.set('garbage', "Bearer ' OR 1=1 --");
  tokens.set('anonymous', '');
  const { rows } = await db.pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  checksumSql = `select ${rows.map((r) => `(select count(*) from "${r.table_name}")::text`).join(" || ',' || ")}
    || ':' || coalesce((select max(id) from audit_trail), 0)::text as checksum`;
});
afterAll(async () => {
  await client.connection.close();
  await appPool.end();
  await db.close();
});

async function checksum(): Promise<string> {
  return (await db.pool.query<{ checksum: string }>(checksumSql)).rows[0]!.checksum;
}

const injection = fc.constantFrom(
  "' OR '1'='1", "1; DROP TABLE audit_trail; --", "transfer-x'); delete from interference_log; --", '../../../../etc/passwd',
  '%00', '\u0000', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '__proto__', 'constructor', '😀'.repeat(50), 'a'.repeat(5000),
  '%2e%2e%2f', '\\x27', 'null', 'undefined', '-1', '1e309', 'NaN',
);
const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), injection);
const wrongValue = fc.oneof(anyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(anyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), fc.string({ minLength: 70_000, maxLength: 70_001 }).map((s) => s.slice(0, 20_000)));

function documentedFields(op: Operation): string[] {
  const schema = op.requestSchema as { properties?: Record<string, unknown>; $ref?: string } | undefined;
  return Object.keys(schema?.properties ?? {});
}

/** A body the route should refuse: broken JSON, a wrong shape, wrong types, unknown fields, or too big. */
function malformedBody(op: Operation): fc.Arbitrary<{ text: string; contentType: string | undefined }> {
  const fields = documentedFields(op);
  const jsonText = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.dictionary(fc.constantFrom(...(fields.length ? fields : ['id'])), wrongValue, { minKeys: 1 }).map((o) => JSON.stringify(o)),
    fc.tuple(fc.dictionary(fc.constantFrom(...(fields.length ? fields : ['id'])), wrongValue), anyString.filter((k) => !fields.includes(k)), wrongValue)
      .map(([o, k, v]) => JSON.stringify({ ...o, [k]: v })),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{', '{"a":1,}', "{'a':1}", '[' .repeat(5000), '{"a": NaN}', 'null', '""', '[]', '{} {}'),
    fc.integer({ min: 65 * 1024, max: 80 * 1024 }).map((n) => JSON.stringify({ [fields[0] ?? 'x']: 'x'.repeat(n) })),
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 3, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'application/json; charset=latin1', 'application/xml', 'application/json, text/plain', '*/*', 'application/jsonp', 'text/json') },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)) },
  );
  return fc.record({ text: jsonText, contentType });
}

function pathWith(op: Operation, values: string[]): string {
  let i = 0;
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[i++] ?? samplePathParam(name)));
}

const queryArb = fc.array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'before', 'caseRef', 'stage', 'court', 'cursor'), anyString), fc.oneof(anyString, fc.integer().map(String))), { maxLength: 4 })
  .map((pairs) => new URLSearchParams(pairs).toString());

describe('fuzzing every documented endpoint', () => {
  it('the document lists operations to fuzz', () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
  });

  it('never answers 5xx; refusals are JSON with a message and change nothing', async () => {
    const runsPerOperation = Math.max(50, Math.ceil(totalRequests / operations.length));
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const op of operations) {
      const arbitrary = fc.record({
        who: fc.constantFrom(...tokens.keys()),
        params: fc.array(fc.oneof(injection, anyString.filter((s) => s.length > 0)), { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
        query: queryArb,
        body: op.hasBody || op.method !== 'GET' ? fc.option(malformedBody(op), { nil: undefined, freq: 8 }) : fc.constant(undefined),
      });
      await fc.assert(fc.asyncProperty(arbitrary, async ({ who, params, query, body }) => {
        const headers: Record<string, string> = {};
        if (who !== 'anonymous') headers.authorization = tokens.get(who)!;
        if (body?.contentType !== undefined) headers['content-type'] = body.contentType;
        const path = `${pathWith(op, params)}${query ? `?${query}` : ''}`;
        const before = await checksum();
        const res = await app.request(path, { method: op.method, headers, body: op.method === 'GET' ? undefined : body?.text });
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        // /healthz answers 503 by design here: no worker polls this file's task queue.
        expect(res.status, `${op.method} ${path}: ${text.slice(0, 300)}`).toBeLessThan(op.path === '/healthz' ? 504 : 500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type') ?? '', `${op.method} ${path}`).toContain('application/json');
          const error = JSON.parse(text) as { error?: string; message?: string };
          expect(error.error && error.message, `${op.method} ${path}: ${text.slice(0, 300)}`).toBeTruthy();
          expect(await checksum(), `${op.method} ${path} was refused (${res.status}) but changed the database`).toBe(before);
        }
      }), { numRuns: runsPerOperation, endOnFailure: true });
    }
    console.log(`fuzz: ${requests} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(requests).toBeGreaterThanOrEqual(operations.length * runsPerOperation);
    // 4,000 requests with a database checksum after each refusal: 66 s idle, over 120 s at load 10.
  }, 480_000);
});
