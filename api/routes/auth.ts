// Who am I, and — on a local or demo set-up only — sign in as one of the demo people. Demo sign-in
// is on while JWT_SECRET is the local development default on a loopback, non-production API (the
// configuration refuses that key anywhere else); setting a real key turns it off.
import { createRoute, z } from '@hono/zod-openapi';
import { developmentJwtSecret, developmentKeyAllowed, type Config } from '../../infra/config';
import { demoUser, demoUserIds, demoUsers } from '../../infra/auth/demo-users';
import type { ApiDeps } from '../deps';
import { authenticate, bearerScheme, mintToken, type AuthEnv } from '../http/auth';
import { ApiError } from '../http/errors';
import { routesApp } from '../http/openapi';

const actorView = z.object({
  userId: z.string(),
  role: z.string(),
  court: z.string().optional(),
  partyId: z.string().optional(),
  caseIds: z.array(z.string()).optional(),
  displayName: z.string().optional(),
}).openapi('Actor');

const errorBody = z.object({ error: z.string(), message: z.string() }).openapi('Error');

const demoTokenBody = z.strictObject({
  userId: z.enum(demoUserIds).openapi({ description: 'one of GET /auth/demo-users' }),
  caseIds: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/)).max(50).optional()
    .openapi({ description: 'for a party: the processes it may see (default: any naming it)' }),
}).openapi('DemoTokenRequest');

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['identity'],
  summary: 'The identity the bearer token carries',
  security: [{ [bearerScheme]: [] }],
  responses: {
    200: { description: 'The actor', content: { 'application/json': { schema: actorView } } },
    401: { description: 'No or bad token', content: { 'application/json': { schema: errorBody } } },
  },
});

const demoUsersRoute = createRoute({
  method: 'get',
  path: '/auth/demo-users',
  tags: ['identity'],
  summary: 'The demo people one may sign in as (local set-ups only)',
  responses: {
    200: { description: 'Demo users', content: { 'application/json': { schema: z.object({ users: z.array(actorView) }) } } },
    404: { description: 'Demo sign-in is off', content: { 'application/json': { schema: errorBody } } },
  },
});

const demoTokenRoute = createRoute({
  method: 'post',
  path: '/auth/demo-token',
  tags: ['identity'],
  summary: 'A bearer token for a demo person (local set-ups only)',
  request: { body: { required: true, content: { 'application/json': { schema: demoTokenBody } } } },
  responses: {
    200: { description: 'Token', content: { 'application/json': { schema: z.object({ token: z.string(), actor: actorView }) } } },
    404: { description: 'Demo sign-in is off', content: { 'application/json': { schema: errorBody } } },
    422: { description: 'Invalid body', content: { 'application/json': { schema: errorBody } } },
  },
});

export function demoSignInEnabled(config: Config): boolean {
  return config.JWT_SECRET === developmentJwtSecret && developmentKeyAllowed(config);
}

function demoOnly(config: Config): void {
  if (!demoSignInEnabled(config)) {
    throw new ApiError(404, { error: 'NotFound', message: '演示登录已关闭 (demo sign-in is off: JWT_SECRET is set; mint tokens with npm run token)' });
  }
}

export function authRoutes(deps: Pick<ApiDeps, 'config' | 'pool'>) {
  const app = routesApp<AuthEnv>();
  app.openAPIRegistry.registerComponent('securitySchemes', bearerScheme, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.use('/me', authenticate(deps));
  app.openapi(meRoute, (c) => c.json(c.get('actor'), 200));
  app.openapi(demoUsersRoute, (c) => {
    demoOnly(deps.config);
    return c.json({ users: demoUsers.map((u) => ({ ...u })) }, 200);
  });
  app.openapi(demoTokenRoute, async (c) => {
    demoOnly(deps.config);
    const { userId, caseIds } = c.req.valid('json');
    const actor = demoUser(userId)!;
    if (caseIds && actor.role === 'party') actor.caseIds = caseIds;
    return c.json({ token: await mintToken(deps.config.JWT_SECRET, actor), actor }, 200);
  });
  return app;
}
