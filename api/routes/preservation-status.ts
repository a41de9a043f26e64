// GET /preservations/{id}: the process as its workflow query sees it (measures, expiries,
// deadlines, consultations) and the acts this caller may take now. The query answers for a closed
// run too, so the latest run's status is read beside it: a process Temporal terminated (or that
// failed, timed out, was cancelled) says so (`engineStatus`, `engineWarning`) and offers no act,
// instead of reading as in force (../http/ended-by-engine.ts).
import { createRoute, type z } from '@hono/zod-openapi';
import { statusQuery } from '../../workflows/preservation/messages';
import { actionFor, stepsByStage } from '../../workflows/preservation/stages';
import type { PreservationState } from '../../workflows/preservation/types';
import type { Actor } from '../../workflows/shared/actor';
import { authorize, type ProcessScope } from '../../workflows/shared/permissions';
import { secrecyAllows } from '../../workflows/preservation/secrecy';
import { noSuchProcess, temporalCall } from '../http/temporal-calls';
import type { ApiDeps } from '../deps';
import { ensureAllowed, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { endedByEngine, engineFields, latestRunStatus } from '../http/ended-by-engine';
import { preservationParams } from '../schemas/preservation';
import { routesApp } from '../http/openapi';

/** What the permission table needs to know of a preservation: its court and its two parties. */
export function scopeOf(state: PreservationState): ProcessScope {
  return { processId: state.preservationId, homeCourt: state.court, partyIds: [state.applicantPartyId, state.respondentPartyId] };
}

/** The Updates this actor may send in the process's current stage (validators still decide). */
export function allowedActions(state: PreservationState, actor: Actor): string[] {
  return stepsByStage[state.stage].filter((step) => authorize(actor, actionFor(step, state.kind), scopeOf(state)).allowed);
}

export function preservationStatus(deps: ApiDeps, refusals: Record<number, object>, schema: z.ZodType) {
  const app = routesApp<AuthEnv>();
  const route = createRoute({
    method: 'get',
    path: '/preservations/{preservationId}',
    tags: ['preservation'],
    summary: '保全案件状态：措施及到期日、期限、可办事项 (status, measures and expiries, deadlines, allowed actions)',
    ...guardedBy('preservation.view'),
    request: { params: preservationParams },
    responses: { 200: { description: 'The process now', content: { 'application/json': { schema } } }, ...refusals },
  });
  app.get('/preservations/:preservationId', requireRoleFor('preservation.view'));
  app.openapi(route, async (c) => {
    const { preservationId } = c.req.valid('param');
    const actor = c.get('actor');
    const handle = deps.client.workflow.getHandle(preservationId);
    const [state, engineStatus] = await temporalCall(deps, () => Promise.all([handle.query(statusQuery), latestRunStatus(handle)]));
    ensureAllowed(actor, 'preservation.view', scopeOf(state));
    // Kept from the respondent until carried out: answered as if it did not exist, so the answer
    // itself warns no one (../../workflows/preservation/secrecy).
    if (!secrecyAllows(actor, state)) throw noSuchProcess(preservationId);
    return c.json({ ...state, ...engineFields(engineStatus), allowedActions: endedByEngine(engineStatus) ? [] : allowedActions(state, actor) }, 200);
  });
  return app;
}
