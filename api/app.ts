// The HTTP API: one sub-app per resource, mounted here; one error handler; the OpenAPI document
// generated from the same zod schemas that validate requests, browsable at /docs.
import { swaggerUI } from '@hono/swagger-ui';
import type { ApiDeps } from './deps';
import { errorResponse } from './http/errors';
import { routesApp } from './http/openapi';
import { freshPollers, healthRoutes } from './routes/health';
import { transferRoutes } from './routes/transfers';
import { transferDocumentRoutes } from './routes/transfer-documents';
import { idempotency } from './http/idempotency';
import { hostileInputLimits } from './http/limits';
import { authRoutes } from './routes/auth';
import { interferenceRoutes } from './routes/interference';
import { preservationRoutes } from './routes/preservations';
import { consoleRoutes } from './console/routes';
import { enforcementCaseRoutes } from './routes/enforcement-cases';
import { transferCandidateRoutes } from './routes/transfer-candidates';
import { transferAroundRoutes } from './routes/transfer-around';
import { noticeRoutes } from './routes/notices';
import { pino } from 'pino';
import { createApiMetrics } from './http/metrics';
import { observeRequests } from './http/observe';

export function createApp(deps: ApiDeps) {
  const app = routesApp();
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => {
    c.set('errorType', 'NotFound');
    return c.json({ error: 'NotFound', message: `没有这个地址 (no route for ${c.req.method} ${c.req.path})` }, 404);
  });
  app.use('*', observeRequests({ metrics: deps.metrics ?? createApiMetrics(deps.pool, { pollers: () => freshPollers(deps) }), log: deps.log ?? pino({ level: 'silent' }) }));

  // The staff console (HTML pages, urlencoded forms) before the JSON-only API middleware; its forms call this app.
  app.get('/', (c) => c.redirect('/console', 302));
  app.route('/console', consoleRoutes(deps, app));
  app.use('*', hostileInputLimits());
  app.use('*', idempotency(deps));
  app.route('/', healthRoutes(deps));
  app.route('/', transferRoutes(deps));
  app.route('/', transferDocumentRoutes(deps));
  app.route('/', authRoutes(deps));
  app.route('/', interferenceRoutes(deps));
  app.route('/', preservationRoutes(deps));
  app.route('/', enforcementCaseRoutes(deps));
  app.route('/', transferCandidateRoutes(deps));
  app.route('/', transferAroundRoutes(deps));
  app.route('/', noticeRoutes(deps));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'courtrelay API',
      version: '0.1.0',
      description: '执转破 (enforcement-to-bankruptcy transfer) and 财产保全 (preservation hand-off) on Temporal',
    },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
  return app;
}

export type CourtrelayApp = ReturnType<typeof createApp>;
