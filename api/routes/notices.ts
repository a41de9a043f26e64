// Notices that did not reach their recipient: a notice the dispatcher gave up on (failed after its
// last attempt) or one still waiting is otherwise seen only in the database, and a court's parties
// may not have been told. The supervisor of the notice's court lists them and orders a redelivery
// with a reason (audited); an administrator does so for any court.
import { createRoute, z } from '@hono/zod-openapi';
import { listUndeliveredNotices, noticeOwner, NoticeRefused, redeliverNotice } from '../../activities/notices/redelivery';
import type { ApiDeps } from '../deps';
import { authenticate, ensureAllowed, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { ApiError } from '../http/errors';
import { scopedCourt } from '../http/list-scope';
import { errorBody, jsonContent, refusals as refusalsOf, routesApp } from '../http/openapi';
import { noticeKeySchema, noticeListQuery, redeliveryBody, redeliverySchema, undeliveredNoticeSchema } from '../schemas/notices';

const refusals = refusalsOf(401, 403, 422);

const listRoute = createRoute({
  method: 'get', path: '/notices', tags: ['notices'],
  summary: '未送达的通知 (failed or still pending notices of a court: the caller\'s own court unless an administrator)',
  ...guardedBy('notices.view'),
  middleware: [requireRoleFor('notices.view')] as const,
  request: { query: noticeListQuery },
  responses: { 200: jsonContent(z.object({ court: z.string().nullable(), items: z.array(undeliveredNoticeSchema) }), 'The notices, oldest first'), ...refusals },
});

const redeliveryRoute = createRoute({
  method: 'post', path: '/notices/{noticeKey}/redelivery', tags: ['notices'],
  summary: '重新投递通知并说明理由 (send a notice again: back to pending, attempts reset, due now; audited)',
  ...guardedBy('notices.redeliver'),
  middleware: [requireRoleFor('notices.redeliver')] as const,
  request: {
    params: z.object({ noticeKey: noticeKeySchema.openapi({ param: { name: 'noticeKey', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: redeliveryBody } } },
  },
  responses: {
    200: jsonContent(redeliverySchema, 'Pending again (or already waiting for its first send)'),
    404: jsonContent(errorBody, 'No such notice'),
    409: jsonContent(errorBody, 'Delivered already, or being sent this moment'),
    ...refusals,
  },
});

export function noticeRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  const auth = authenticate(deps);
  app.use('/notices', auth);
  app.use('/notices/*', auth);

  app.openapi(listRoute, async (c) => {
    const actor = c.get('actor');
    const query = c.req.valid('query');
    const court = scopedCourt(actor, 'notices.view', query.court);
    return c.json({ court: court ?? null, items: await listUndeliveredNotices(deps.pool, { ...query, court }) }, 200);
  });

  app.openapi(redeliveryRoute, async (c) => {
    const actor = c.get('actor');
    const { noticeKey } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    try {
      const notice = await noticeOwner(deps.pool, noticeKey);
      if (!notice) throw new NoticeRefused(404, `没有该通知 (no notice ${noticeKey})`);
      ensureAllowed(actor, 'notices.redeliver', { processId: notice.processId, homeCourt: notice.court ?? '' });
      return c.json(await redeliverNotice(deps.pool, noticeKey, reason, actor), 200);
    } catch (err) {
      if (!(err instanceof NoticeRefused)) throw err;
      throw new ApiError(err.status, { error: err.status === 404 ? 'NotFound' : 'WrongStage', message: err.message });
    }
  });
  return app;
}
