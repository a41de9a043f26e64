// Idempotency-Key on state-changing requests: the first response is stored and replayed for a
// retry with the same key (same caller, same request); a retry while the first is still running
// gets 409; the same key with a different request gets 422. A 5xx is not stored, so it can be retried.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type pg from 'pg';
import { ApiError } from './errors';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const keyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function idempotency(pool: pg.Pool): MiddlewareHandler {
  return async function idempotentRequests(c, next) {
    const key = c.req.header('idempotency-key');
    if (!key || !unsafeMethods.has(c.req.method)) return next();
    if (!keyPattern.test(key)) {
      throw new ApiError(400, { error: 'BadIdempotencyKey', message: 'Idempotency-Key must be 8–128 characters of A-Z a-z 0-9 _ . : -' });
    }
    // Keys belong to the caller: the same key from another token is another request.
    const scope = sha256(c.req.header('authorization') ?? 'anonymous');
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
      if (!first) throw new ApiError(409, { error: 'IdempotencyConflict', message: 'the first request with this Idempotency-Key is being retried; try again' });
      if (first.request_hash !== requestHash) {
        throw new ApiError(422, { error: 'IdempotencyKeyReused', message: 'this Idempotency-Key was used for a different request' });
      }
      if (first.status !== 'done') {
        throw new ApiError(409, { error: 'IdempotencyInProgress', message: 'the first request with this Idempotency-Key is still being processed' });
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
