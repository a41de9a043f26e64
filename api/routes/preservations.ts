// 财产保全 API: filing clerks apply and rule, trial judges rule on in-suit applications and answer
// consultations, enforcement records, renews and releases measures and files enforcement,
// supervisors watch. Acts are Temporal Updates (the workflow's validators decide, a refusal is a
// 4xx with the workflow's reason and nothing changes); lists are read from PostgreSQL.
import { createRoute, z } from '@hono/zod-openapi';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/client';
import { statuteProfileFor } from '../../infra/statute-profile';
import { backdatingDaysOf, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { checkLegalDate } from '../../workflows/clock/legal-time';
import { PeriodError } from '../../workflows/clock/periods';
import { courtKey, processKindKey, stageKey } from '../../workflows/search-attributes';
import {
  answerConsultationUpdate, closeUpdate, consultUpdate, fileEnforcementUpdate, recordMeasureUpdate, recordRiskNoticeUpdate,
  recordSuitFiledUpdate, releaseMeasureUpdate, renewMeasureUpdate, reportExecutionUpdate, ruleUpdate, statusQuery, type PreservationAck,
} from '../../workflows/preservation/messages';
import type { Action } from '../../workflows/shared/permissions';
import type { ApiDeps } from '../deps';
import { authenticate, ensureAllowed, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { retryAfterSeconds, temporalCall, updateIdFor } from '../http/temporal-calls';
import { ApiError } from '../http/errors';
import {
  applyPreservationSchema, closureSchema, consultationAnswerSchema, consultationParams, consultationSchema,
  enforcementFiledSchema, executionReportSchema, measureParams, measureSchema, preservationIdFor, preservationParams, preservationStateSchema,
  preservationStatusSchema, releaseSchema, renewalSchema, riskNoticeSchema, rulingSchema, suitFiledSchema,
  type PreservationInput,
} from '../schemas/preservation';
import { preservationLists } from './preservation-lists';
import { preservationStatus } from './preservation-status';
import { refusals as refusalsOf, routesApp } from '../http/openapi';

const refusals = refusalsOf(401, 403, 404, 409, 422);
const stateAnswer = { description: 'Accepted: the process after the act', content: { 'application/json': { schema: preservationStateSchema } } };

type ActRoute = {
  path: string; action: Action; summary: string; params: z.ZodObject; body: z.ZodObject;
  update: UpdateDefinition<PreservationAck, [never]>;
};

const acts: ActRoute[] = [
  { path: '/preservations/{preservationId}/risk-notice', action: 'preservation.recordRiskNotice', summary: '记录已告知执行风险 (record that the parties were told the enforcement risk)', params: preservationParams, body: riskNoticeSchema, update: recordRiskNoticeUpdate as never },
  { path: '/preservations/{preservationId}/ruling', action: 'preservation.rule', summary: '保全裁定：准许或驳回 (rule: grant or refuse; filing desk for pre-suit, trial judge for in-suit)', params: preservationParams, body: rulingSchema, update: ruleUpdate as never },
  { path: '/preservations/{preservationId}/measures', action: 'preservation.recordMeasure', summary: '执行部门登记保全措施 (enforcement records a measure taken)', params: preservationParams, body: measureSchema, update: recordMeasureUpdate as never },
  { path: '/preservations/{preservationId}/execution-report', action: 'preservation.reportExecution', summary: '执行部门报告保全裁定执行完毕 (enforcement reports the ruling carried out; a pre-suit preservation becomes visible to the respondent)', params: preservationParams, body: executionReportSchema, update: reportExecutionUpdate as never },
  { path: '/preservations/{preservationId}/measures/{measureId}/renewal', action: 'preservation.renewMeasure', summary: '续行保全措施 (renew a measure for another term)', params: measureParams, body: renewalSchema, update: renewMeasureUpdate as never },
  { path: '/preservations/{preservationId}/measures/{measureId}/release', action: 'preservation.releaseMeasure', summary: '解除保全措施 (release a measure)', params: measureParams, body: releaseSchema, update: releaseMeasureUpdate as never },
  { path: '/preservations/{preservationId}/suit-filed', action: 'preservation.recordSuitFiled', summary: '登记诉前保全申请人已起诉或申请仲裁 (record the suit filed in time)', params: preservationParams, body: suitFiledSchema, update: recordSuitFiledUpdate as never },
  { path: '/preservations/{preservationId}/consultations', action: 'preservation.consult', summary: '执行部门书面征询审判部门 (enforcement consults the trial division in writing)', params: preservationParams, body: consultationSchema, update: consultUpdate as never },
  { path: '/preservations/{preservationId}/consultations/{consultationId}/answer', action: 'preservation.answerConsultation', summary: '审判部门答复征询 (the trial judge answers)', params: consultationParams, body: consultationAnswerSchema, update: answerConsultationUpdate as never },
  { path: '/preservations/{preservationId}/enforcement-filed', action: 'preservation.fileEnforcement', summary: '申请执行：保全措施转为执行措施 (enforcement filed: measures convert, keeping dates and ranks)', params: preservationParams, body: enforcementFiledSchema, update: fileEnforcementUpdate as never },
  { path: '/preservations/{preservationId}/closure', action: 'preservation.closeCase', summary: '案件未经执行而终结，解除保全 (case ended without enforcement: release all)', params: preservationParams, body: closureSchema, update: closeUpdate as never },
];

const applyRoute = createRoute({
  method: 'post',
  path: '/preservations',
  tags: ['preservation'],
  summary: '受理财产保全申请 (the filing desk receives a preservation application)',
  ...guardedBy('preservation.apply'),
  request: { body: { required: true, content: { 'application/json': { schema: applyPreservationSchema } } } },
  responses: {
    201: { description: 'Received; the ruling deadline runs', content: { 'application/json': { schema: z.object({ preservationId: z.string(), stage: z.string() }) } } },
    ...refusals,
  },
});

/** 422 naming `field` when `value` lies further back than the profile's back-dating window (README "Legal dates in the acts"). */
function refuseBeyondBackdating(field: string, value: string, profile: StatuteProfile): void {
  try {
    checkLegalDate(field, value, { nowMs: Date.now(), maxBackdatingDays: backdatingDaysOf(profile) });
  } catch (err) {
    if (!(err instanceof PeriodError)) throw err;
    const message = err.message.replace(new RegExp(`^${field}：`), '');
    throw new ApiError(422, { error: 'ValidationFailed', message: err.message, fields: [{ field, message }] });
  }
}

export function preservationRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  const auth = authenticate(deps);
  for (const path of ['/preservations', '/preservations/*', '/measures/*', '/enforcement-queue', '/seizures']) app.use(path, auth);

  app.post('/preservations', requireRoleFor('preservation.apply'));
  app.openapi(applyRoute, async (c) => {
    const application = c.req.valid('json');
    const actor = c.get('actor');
    const preservationId = preservationIdFor(application.court, application.applicationNumber);
    // The application's court is the process's home court: a filing desk receives its own court's only.
    ensureAllowed(actor, 'preservation.apply', { processId: preservationId, homeCourt: application.court });
    const profile = statuteProfileFor(deps.config);
    // The application starts the workflow, so no Update validator sees its date: the back-dating
    // window every other legal date keeps is checked here (an outside break started one a year back).
    if (application.appliedOn) refuseBeyondBackdating('appliedOn', application.appliedOn, profile);
    const input: PreservationInput = {
      ...application, preservationId, profile, appliedBy: actor,
      ...(deps.config.WORKFLOW_HISTORY_EVENT_LIMIT ? { historyEventLimit: deps.config.WORKFLOW_HISTORY_EVENT_LIMIT } : {}),
    };
    await temporalCall(deps, () => deps.client.workflow.start('preservation', {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId: preservationId,
      args: [input],
      // One process per application number, ever: a second application is a new number.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: processKindKey, value: 'preservation' }, { key: stageKey, value: 'awaiting_ruling' }, { key: courtKey, value: [application.court] },
      ]),
    }));
    return c.json({ preservationId, stage: 'awaiting_ruling' }, 201);
  });

  for (const act of acts) {
    const route = createRoute({
      method: 'post', path: act.path, tags: ['preservation'], summary: act.summary, ...guardedBy(act.action),
      request: { params: act.params, body: { required: true, content: { 'application/json': { schema: act.body } } } },
      responses: { 200: stateAnswer, ...refusals },
    });
    app.post(act.path.replace(/\{(\w+)\}/g, ':$1'), requireRoleFor(act.action));
    app.openapi(route, async (c) => {
      const params = c.req.valid('param') as Record<string, string>;
      const body = c.req.valid('json') as Record<string, unknown>;
      const { preservationId, ...ids } = params;
      const handle = deps.client.workflow.getHandle(preservationId!);
      const updateId = updateIdFor(c);
      // The act answers an acknowledgement (workflows/preservation/messages.ts says why); the state
      // after it is read by a query, which adds nothing to the history.
      await temporalCall(deps, () => handle.executeUpdate(act.update, { args: [{ ...body, ...ids, actor: c.get('actor') } as never], ...(updateId ? { updateId } : {}) }));
      const state = await temporalCall(deps, () => handle.query(statusQuery)).catch((err: unknown) => {
        // The act is recorded: whatever keeps the state from being read now, the answer must not say
        // it was not (the 503s of temporalCall say "nothing recorded" or "may take effect").
        if (!(err instanceof ApiError) || err.status !== 503) throw err;
        throw new ApiError(503, {
          error: 'TemporalUnavailable',
          message: `操作已记录，但程序状态暂时无法读取（程序可能正在交接），请${retryAfterSeconds}秒后查看程序状态，无需重新提交 `
            + `(the act is recorded; the process's state could not be read yet — read it again in ${retryAfterSeconds} s, do not send the act again)`,
        }, { 'Retry-After': String(retryAfterSeconds) });
      });
      return c.json(state, 200);
    });
  }

  app.route('/', preservationStatus(deps, refusals, preservationStatusSchema));
  app.route('/', preservationLists(deps, refusals));
  return app;
}
