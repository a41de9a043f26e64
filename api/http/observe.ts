// Every API request, seen once: a request id (the caller's X-Request-Id when well-formed, else a
// fresh one, echoed back), one JSON log line when answered, and the Prometheus series — counted by
// the route's pattern (`/transfers/:creditCode/signature`), never the raw path, so no credit code
// or case number becomes a label.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../../infra/log';
import type { ApiMetrics } from './metrics';

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's id, in its log lines and the X-Request-Id answer header. */
    requestId: string;
    /** The request's logger (carries requestId). */
    log: Logger;
    /** The permission action the route guards (requireRoleFor): names the act in metrics and logs. */
    act: string;
    /** The error type the answer carries (errorResponse), the refusal's reason. */
    errorType: string;
  }
}

const wellFormedRequestId = /^[A-Za-z0-9._:-]{8,128}$/;
const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** accepted (2xx/3xx), refused (4xx: the law, a role or the input said no) or failed (5xx: courtrelay or Temporal did). */
export function actOutcome(status: number): 'accepted' | 'refused' | 'failed' {
  return status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'accepted';
}

/**
 * Middleware for the whole app (mounted first): request id, the request's log line
 * `{ msg: 'request', requestId, method, route, status, ms, act?, reason?, role? }` (5xx at error
 * level, else info), and courtrelay_http_requests_total, courtrelay_http_request_duration_seconds
 * and, for an act (a non-read method on a route guarded by a permission action),
 * courtrelay_acts_total.
 */
export function observeRequests(deps: { metrics: ApiMetrics; log: Logger }): MiddlewareHandler {
  return async function observe(c, next) {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && wellFormedRequestId.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.set('log', deps.log.child({ requestId }));
    await next();
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const route = routePath(c);
    const method = c.req.method;
    c.res.headers.set('X-Request-Id', requestId);
    deps.metrics.requests.inc({ method, route, status: String(status) });
    deps.metrics.latency.observe({ method, route }, seconds);
    const act = readMethods.has(method) ? undefined : c.get('act');
    const reason = status >= 400 ? c.get('errorType') ?? `HTTP${status}` : undefined;
    if (act) deps.metrics.acts.inc({ act, outcome: actOutcome(status), reason: reason ?? '' });
    const role = (c.get('actor' as never) as { role?: string } | undefined)?.role;
    const line = {
      requestId, method, route, status, ms: Math.round(seconds * 10_000) / 10,
      ...(act ? { act } : {}), ...(reason ? { reason } : {}), ...(role ? { role } : {}),
    };
    if (status >= 500) deps.log.error(line, 'request');
    else deps.log.info(line, 'request');
  };
}
