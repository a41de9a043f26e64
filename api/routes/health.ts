import { createRoute, z } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps';
import { routesApp } from '../http/openapi';

const dependencyStatus = z.object({ up: z.boolean(), detail: z.string().optional() });
const healthBody = z
  .object({ status: z.enum(['ok', 'degraded']), temporal: dependencyStatus, postgres: dependencyStatus })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Whether Temporal and PostgreSQL are reachable',
  responses: {
    200: { description: 'Both dependencies are up', content: { 'application/json': { schema: healthBody } } },
    503: { description: 'At least one dependency is down', content: { 'application/json': { schema: healthBody } } },
  },
});

async function probe(check: () => Promise<unknown>): Promise<z.infer<typeof dependencyStatus>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out after 3 s')), 3000); })]);
    return { up: true };
  } catch (err) {
    return { up: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    // Each probe's timer would otherwise stay armed for 3 s after the answer (and hold a stopping process open).
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: ApiDeps) {
  return routesApp().openapi(healthRoute, async (c) => {
    const [temporal, postgres] = await Promise.all([
      probe(() => deps.client.workflowService.getSystemInfo({})),
      probe(() => deps.pool.query('select 1')),
    ]);
    const up = temporal.up && postgres.up;
    return c.json({ status: up ? ('ok' as const) : ('degraded' as const), temporal, postgres }, up ? 200 : 503);
  });
}
