// 反干预: any member of court staff records an outside inquiry or intervention they received;
// only the supervisor of the court where it was recorded (and the administrator) reads the log. There is no way to edit or delete a
// record — not here, and not for the application's database role (migration 060).
import { createRoute, z } from '@hono/zod-openapi';
import { listInterference, recordInterference, UnknownCorrectedRecord } from '../../activities/interference';
import type { ApiDeps } from '../deps';
import { authenticate, guardedBy, requireAction, requireRoleFor, type AuthEnv } from '../http/auth';
import { scopedCourt } from '../http/list-scope';
import { ApiError } from '../http/errors';
import { interferenceRecordSchema, listInterferenceQuery, recordInterferenceSchema } from '../schemas/interference';
import { refusals as refusalsOf, routesApp } from '../http/openapi';

const refusals = refusalsOf(401, 403, 422);

const recordRoute = createRoute({
  method: 'post',
  path: '/interference',
  tags: ['interference'],
  summary: '记录过问、干预案件情况 (record an outside inquiry or intervention in a case)',
  ...guardedBy('interference.record'),
  request: { body: { required: true, content: { 'application/json': { schema: recordInterferenceSchema } } } },
  responses: {
    201: { description: 'Recorded (and appended to the audit trail)', content: { 'application/json': { schema: interferenceRecordSchema } } },
    ...refusals,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/interference',
  tags: ['interference'],
  summary: '过问、干预案件记录 (the interference log, newest first)',
  ...guardedBy('interference.view'),
  request: { query: listInterferenceQuery },
  responses: {
    200: { description: 'Records', content: { 'application/json': { schema: z.object({ records: z.array(interferenceRecordSchema) }) } } },
    ...refusals,
  },
});

export function interferenceRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  app.use('/interference', authenticate(deps));
  app.post('/interference', requireAction('interference.record'));
  app.get('/interference', requireRoleFor('interference.view'));
  app.openapi(recordRoute, async (c) => {
    try {
      return c.json(await recordInterference(deps.pool, c.req.valid('json'), c.get('actor')), 201);
    } catch (err) {
      if (err instanceof UnknownCorrectedRecord) {
        const message = `没有要更正的这条过问记录，请核对记录编号 (${err.message})`;
        throw new ApiError(422, { error: 'ValidationFailed', message: `corrects: ${message}`, fields: [{ field: 'corrects', message }] });
      }
      throw err;
    }
  });
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    const court = scopedCourt(c.get('actor'), 'interference.view', query.court);
    return c.json({ records: await listInterference(deps.pool, { ...query, court }) }, 200);
  });
  return app;
}
