// The transfer-candidate worklist (issue 5): the debtor companies the daily sweep found to look
// transferable, by court, for enforcement officers to trigger (POST /transfers) or dismiss.
import { createRoute, z } from '@hono/zod-openapi';
import { CandidateRefused, dismissCandidate, listCandidates } from '../../activities/candidates/worklist';
import type { ApiDeps } from '../deps';
import { authenticate, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { ApiError } from '../http/errors';
import { scopedCourt } from '../http/list-scope';
import { candidateListQuery, candidateSchema, dismissalBody } from '../schemas/candidates';
import { enterpriseCreditCodeSchema as creditCodeSchema } from '../schemas/identifiers';
import { errorBody, jsonContent, refusals as refusalsOf, routesApp } from '../http/openapi';

const refusals = refusalsOf(401, 403, 422);

const listRoute = createRoute({
  method: 'get', path: '/transfer-candidates', tags: ['transfer candidates'],
  summary: '移送破产审查候选企业 (candidates of a court: the caller\'s own court unless an administrator names one)',
  ...guardedBy('transfer.viewCandidates'),
  middleware: [requireRoleFor('transfer.viewCandidates')] as const,
  request: { query: candidateListQuery },
  responses: { 200: jsonContent(z.object({ court: z.string().nullable(), items: z.array(candidateSchema) }), 'The worklist'), ...refusals },
});

const dismissRoute = createRoute({
  method: 'post', path: '/transfer-candidates/{creditCode}/dismissal', tags: ['transfer candidates'],
  summary: '排除候选企业并说明理由 (dismiss a candidate with a reason)',
  ...guardedBy('transfer.dismissCandidate'),
  middleware: [requireRoleFor('transfer.dismissCandidate')] as const,
  request: {
    params: z.object({ creditCode: creditCodeSchema.openapi({ param: { name: 'creditCode', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: dismissalBody } } },
  },
  responses: {
    200: jsonContent(z.object({ creditCode: z.string(), status: z.literal('dismissed') }), 'Dismissed'),
    404: jsonContent(errorBody, 'Not on the worklist'),
    409: jsonContent(errorBody, 'Already dismissed or triggered'),
    ...refusals,
  },
});

export function transferCandidateRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  const auth = authenticate(deps);
  app.use('/transfer-candidates', auth);
  app.use('/transfer-candidates/*', auth);

  app.openapi(listRoute, async (c) => {
    const actor = c.get('actor');
    const query = c.req.valid('query');
    const court = scopedCourt(actor, 'transfer.viewCandidates', query.court);
    return c.json({ court: court ?? null, items: await listCandidates(deps.pool, { ...query, court }) }, 200);
  });

  app.openapi(dismissRoute, async (c) => {
    const { creditCode } = c.req.valid('param');
    try {
      await dismissCandidate(deps.pool, creditCode, c.req.valid('json').reason, c.get('actor'));
    } catch (err) {
      if (!(err instanceof CandidateRefused)) throw err;
      const error = { 403: 'Forbidden', 404: 'NotFound', 409: 'WrongStage' }[err.status];
      throw new ApiError(err.status, { error, message: err.message });
    }
    return c.json({ creditCode, status: 'dismissed' as const }, 200);
  });
  return app;
}
