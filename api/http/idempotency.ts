// Idempotency-Key on state-changing requests: the first response is stored and replayed for a
// retry with the same key (same caller, same request); a retry while the first is still running
// gets 409; the same key with a different request gets 422. A 5xx is not stored, so it can be retried.
// A key belongs to the verified caller (the token's issuer and subject) and the route it was sent to,
// never to the raw Authorization header: a re-minted token or the header spelled otherwise is the
// same caller; the same subject from another issuer is another caller.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { identify, localIssuer, tokenRules, type AuthEnv, type Principal } from './auth';
import { ApiError } from './errors';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const keyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Who holds a key or an Update ID, as text: a local token's user as before (`user:<id>`, so keys
 * stored before issuers were told apart still replay), a provider's user by issuer and subject, so
 * a court OIDC user whose `sub` is a local user id (`admin`) is not that local user.
 */
export function principalKey(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  if (principal.issuer === localIssuer) return `user:${principal.subject}`;
  return `oidc:${JSON.stringify([principal.issuer, principal.subject])}`;
}

/** The idempotency scope of a request (SHA-256 hex): who (verified issuer and subject) and where; anonymous callers share one per route. */
export function idempotencyScope(principal: Principal | undefined, method: string, path: string): string {
  return sha256(`${principalKey(principal)}\n${method} ${path}`);
}

export function idempotency(deps: Parameters<typeof tokenRules>[0]): MiddlewareHandler<AuthEnv> {
  const { pool } = deps;
  const rules = tokenRules(deps);
  return async function idempotentRequests(c, next) {
    const key = c.req.header('idempotency-key');
    if (!key || !unsafeMethods.has(c.req.method)) return next();
    if (!keyPattern.test(key)) {
      throw new ApiError(400, { error: 'BadIdempotencyKey', message: '请求头 Idempotency-Key 格式错误，应为8至128个字母、数字或 _ . : - (Idempotency-Key must be 8–128 characters of A-Z a-z 0-9 _ . : -)' });
    }
    // The token is verified here, before any key is read or written (the route's own check then finds it done).
    if (c.req.header('authorization') !== undefined) await identify(c, rules);
    const scope = idempotencyScope(c.get('principal'), c.req.method, c.req.path);
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const claimed = await pool.query(
      `insert into idempotency_keys (scope, key, request_hash, status) values ($1, $2, $3, 'in_progress')
       on conflict (scope, key) do nothing`,
      [scope, key, requestHash],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await pool.query<{ request_hash: string; status: string; response_status: number; response_body: string; response_type: string }>(
        'select request_hash, status, response_status, response_body, response_type from idempotency_keys where scope = $1 and key = $2',
        [scope, key],
      );
      const first = rows[0];
      if (!first) throw new ApiError(409, { error: 'IdempotencyConflict', message: '使用该 Idempotency-Key 的首次请求正在重试，请稍后再试 (the first request with this Idempotency-Key is being retried; try again)' });
      if (first.request_hash !== requestHash) {
        throw new ApiError(422, { error: 'IdempotencyKeyReused', message: '该 Idempotency-Key 已用于另一个不同的请求，请换用新的 Idempotency-Key (this Idempotency-Key was used for a different request)' });
      }
      if (first.status !== 'done') {
        throw new ApiError(409, { error: 'IdempotencyInProgress', message: '使用该 Idempotency-Key 的首次请求仍在处理中，请稍后再试 (the first request with this Idempotency-Key is still being processed)' });
      }
      return new Response(first.response_body, {
        status: first.response_status,
        headers: { 'content-type': first.response_type, 'idempotent-replayed': 'true' },
      });
    }
    try {
      await next();
    } catch (err) {
      await pool.query('delete from idempotency_keys where scope = $1 and key = $2', [scope, key]);
      throw err;
    }
    const response = c.res;
    if (response.status >= 500) {
      await pool.query('delete from idempotency_keys where scope = $1 and key = $2', [scope, key]);
      return;
    }
    const body = await response.clone().text();
    await pool.query(
      `update idempotency_keys set status = 'done', response_status = $3, response_body = $4, response_type = $5
       where scope = $1 and key = $2`,
      [scope, key, response.status, body, response.headers.get('content-type') ?? 'application/json'],
    );
  };
}
