// Every endpoint in the OpenAPI document, under every role, against the permission table: a route
// declares its action (`x-courtrelay-action`, from guardedBy() in api/http/auth.ts); the test
// expects 401 without a token, 403 with the table's reason for a role the table refuses, and
// neither for a role it allows (a 422 for the empty body is fine: that is not a permission refusal).
// New endpoints are picked up from the document; one that declares no action fails here.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import { demoUsers } from '../../infra/auth/demo-users';
import { createPool } from '../../infra/db/database';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { roles, type Actor, type Role } from '../../workflows/shared/actor';
import { authorize, permissionTable, type Scope } from '../../workflows/shared/permissions';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';
import { documentedOperations, type Operation } from './permissions-openapi';

const config = testConfig();
// The document does not touch the dependencies: enumerate the routes at collection time.
const operations = await documentedOperations(createApp({ config, client: {} as Client, pool: {} as pg.Pool }));

/** Routes anyone may call without a token. Everything else must declare a bearer token. */
const publicRoutes = new Set(['GET /healthz', 'GET /auth/demo-users', 'POST /auth/demo-token']);
/** Routes that need a token but no action: any signed-in person. */
const anyIdentity = new Set(['GET /me']);

let db: TestDatabase;
let appPool: pg.Pool;
let client: Client;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  client = await testClient();
  app = createApp({ config, client, pool: appPool });
});
afterAll(async () => {
  await client.connection.close();
  await appPool.end();
  await db.close();
});

const humanRoles = roles.filter((r): r is Exclude<Role, 'system'> => r !== 'system');
const actorOf = (role: Role): Actor => ({ ...demoUsers.find((u) => u.role === role)! });

async function call(op: Operation, actor?: Actor): Promise<{ status: number; body: { error?: string; message?: string } }> {
  const headers: Record<string, string> = {};
  if (actor) headers.authorization = `Bearer ${await mintToken(config.JWT_SECRET, actor)}`;
  const init: RequestInit = { method: op.method, headers };
  if (op.hasBody) {
    headers['content-type'] = 'application/json';
    init.body = '{}';
  }
  const res = await app.request(op.samplePath, init);
  const text = await res.text();
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    // HTML (console) or empty
  }
  return { status: res.status, body };
}

describe('the OpenAPI document', () => {
  it('lists the routes this test walks', () => {
    expect(operations.map((o) => o.key)).toEqual(expect.arrayContaining(['GET /me', 'POST /interference', 'GET /interference']));
  });

  it.each(operations.map((op) => ({ key: op.key, op })))('$key is public, any-identity, or declares a permission-table action with a bearer token', ({ key, op }) => {
    if (publicRoutes.has(key)) return;
    expect(op.secured, `${key} declares no bearer security`).toBe(true);
    if (anyIdentity.has(key)) return;
    expect(op.action, `${key}: add ...guardedBy('<action>') to its createRoute`).toBeDefined();
    expect(Object.keys(permissionTable), key).toContain(op.action);
  });
});

const guarded = operations.filter((op) => !publicRoutes.has(op.key));

describe.each(guarded.map((op) => ({ key: op.key, op })))('$key', ({ op }) => {
  it('without a token: 401 with a reason', async () => {
    const { status, body } = await call(op);
    expect(status).toBe(401);
    expect(body.message).toBeTruthy();
  });

  const scopeOf = (role: Role): Scope | undefined => (op.action ? (permissionTable[op.action] as Partial<Record<Role, Scope>>)[role] : 'anywhere');
  it.each(humanRoles)('as %s: as the permission table says', async (role) => {
    const scope = scopeOf(role);
    const actor = actorOf(role);
    const { status, body } = await call(op, actor);
    if (!op.action && !anyIdentity.has(op.key)) {
      // Declares no action: the document test above fails for it; here only: never a 5xx.
      expect(status).toBeLessThan(500);
    } else if (scope === undefined) {
      expect(status, JSON.stringify(body)).toBe(403);
      expect(body.message).toContain(op.action);
      expect(authorize(actor, op.action!).allowed).toBe(false);
    } else if (scope === 'anywhere' || !op.processScoped) {
      expect([401, 403], `${op.key} as ${role}: ${JSON.stringify(body)}`).not.toContain(status);
      expect(status).toBeLessThan(500);
    } else {
      // A process-scoped row on a process that does not exist: not found, or refused; never a 5xx.
      expect([403, 404, 409, 422], `${op.key} as ${role}: ${JSON.stringify(body)}`).toContain(status);
    }
  });
});
