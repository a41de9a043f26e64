// The transfer API (执转破): trigger, every human act as a Temporal Update (the workflow's validator
// decides and says why not), the list from PostgreSQL and one transfer's status from the workflow.
import { createRoute, z } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/common';
import { statuteProfileFor } from '../../infra/statute-profile';
import { authorize } from '../../workflows/shared/permissions';
import * as m from '../../workflows/transfer/messages';
import { transferStages } from '../../workflows/transfer/stages';
import type { ApiDeps } from '../deps';
import { authenticate, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import type { Action } from '../../workflows/shared/permissions';
import type { Actor } from '../../workflows/shared/actor';
import { ApiError } from '../http/errors';
import { scopedFilter, transferScopeColumns } from '../http/list-scope';
import { addTransferSearch } from '../http/list-search';
import { endedByEngine, engineFields, latestRunStatus } from '../http/ended-by-engine';
import { temporalCall, updateIdFor, withTemporalDeadline, type TemporalCallDeps } from '../http/temporal-calls';
import { courtCodeSchema } from '../schemas/court';
import * as s from '../schemas/transfer';
import { checkDomicile, registeredCases, screeningJurisdiction } from './transfer-door';
import { startTransfer, transferWorkflowId } from './transfer-start';
import { allowedActions, visibleTo } from './transfer-views';
import { withDebtorSeizures } from './transfer-seizures';
import { jsonContent, refusals as refusalsOf, routesApp } from '../http/openapi';

const ackBody = z.object({ stage: z.enum(transferStages), seq: z.number() }).openapi('TransferAck');
const refusals = refusalsOf(401, 403, 404, 409, 422);
const codeParam = z.object({ creditCode: s.enterpriseCreditCodeSchema.openapi({ param: { name: 'creditCode', in: 'path' } }) });

function forbidden(reason: string): ApiError {
  return new ApiError(403, { error: 'Forbidden', message: reason });
}

export function actRoute<B extends z.ZodType>(action: Action, path: string, body: B, summary: string, params: z.ZodObject = codeParam) {
  return createRoute({
    method: 'post', path: `/transfers/{creditCode}${path}`, tags: ['transfers'], summary,
    ...guardedBy(action),
    middleware: [requireRoleFor(action)] as const,
    request: { params, body: { required: true, content: { 'application/json': { schema: body } } } },
    responses: { 200: jsonContent(ackBody, 'Accepted; the transfer now stands at this stage'), ...refusals },
  });
}

/** One act on a transfer as an Update, within the API's Temporal deadline. */
export async function update<I>(
  deps: TemporalCallDeps, creditCode: string, def: UpdateDefinition<m.TransferAck, [I]>, input: I, updateId?: string,
): Promise<m.TransferAck> {
  const handle = deps.client.workflow.getHandle(transferWorkflowId(creditCode));
  return temporalCall(deps, () => handle.executeUpdate(def, { args: [input], ...(updateId ? { updateId } : {}) }));
}

const listQuery = z.object({
  stage: z.enum(transferStages).optional(),
  court: courtCodeSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Part of the debtor's name, of its credit code or of a 案号 of its cases. */
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const listRoute = createRoute({
  method: 'get', path: '/transfers', tags: ['transfers'], summary: 'Transfers from the read model, overdue first; filters stage, court, overdue',
  ...guardedBy('transfer.list'),
  middleware: [requireRoleFor('transfer.list')] as const,
  request: { query: listQuery },
  responses: { 200: jsonContent(z.object({ items: z.array(z.record(z.string(), z.unknown())), page: z.number(), pageSize: z.number(), total: z.number() }), 'One page'), ...refusals },
});

const statusRoute = createRoute({
  method: 'get', path: '/transfers/{creditCode}', tags: ['transfers'], summary: 'Stage, history, open deadlines, the debtor\'s seizures from the register (seizures) and the actions the caller may take next; engineStatus says whether Temporal stopped the process (terminated, failed, timedOut, cancelled: then engineWarning and no actions)',
  ...guardedBy('transfer.view'),
  middleware: [requireRoleFor('transfer.view')] as const,
  request: { params: codeParam },
  responses: { 200: jsonContent(z.record(z.string(), z.unknown()), 'The transfer as the caller may see it'), ...refusals },
});

const triggerRoute = createRoute({
  method: 'post', path: '/transfers', tags: ['transfers'], summary: 'Trigger a transfer: no enforceable property found (starts or joins the debtor\'s transfer)',
  ...guardedBy('transfer.trigger'),
  middleware: [requireRoleFor('transfer.trigger')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: s.triggerBody } } } },
  responses: {
    201: jsonContent(z.object({ workflowId: z.string(), creditCode: z.string(), created: z.boolean() }), 'Transfer started'),
    200: jsonContent(z.object({ workflowId: z.string(), creditCode: z.string(), created: z.boolean() }), 'Already running: the cases joined it'),
    ...refusals,
  },
});

const withdrawParams = codeParam.extend({ partyId: z.string().min(1).max(64).openapi({ param: { name: 'partyId', in: 'path' } }) });

export function transferRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  const auth = authenticate(deps);
  app.use('/transfers', auth);
  app.use('/transfers/*', auth);
  const profile = statuteProfileFor(deps.config);
  const { client } = deps;

  app.openapi(triggerRoute, async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    await checkDomicile(deps.pool, body);
    const trigger = { ...body, cases: await registeredCases(deps.pool, actor, body.creditCode, body.cases, (i) => `cases.${i}`, false) };
    const started = await withTemporalDeadline(deps, () => startTransfer({ client, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, profile, historyEventLimit: deps.config.WORKFLOW_HISTORY_EVENT_LIMIT, bars: deps.pool }, trigger, actor));
    return c.json({ ...started, creditCode: trigger.creditCode }, started.created ? 201 : 200);
  });

  app.openapi(listRoute, async (c) => {
    const actor = c.get('actor');
    const q = c.req.valid('query');
    const filter = scopedFilter(actor, 'transfer.list', transferScopeColumns, q.court);
    if (q.stage) filter.add('t.stage = ?', q.stage);
    if (q.overdue) filter.add('t.overdue = ?', q.overdue === 'true');
    addTransferSearch(filter, q.q);
    const { where, params } = filter;
    const total = await deps.pool.query<{ n: number }>(`select count(*)::int as n from transfers t ${where}`, params);
    const rows = await deps.pool.query(
      `select t.credit_code as "creditCode",
         (select p.name from transfer_parties p where p.credit_code = t.credit_code and p.kind = 'debtor' limit 1) as "debtorName", t.stage, t.stage_label as "stageLabel", t.home_court as "homeCourt",
         t.receiving_court as "receivingCourt", t.involved_courts as "involvedCourts", t.overdue, t.next_due_at as "nextDueAt",
         t.triggered_at as "triggeredAt", t.updated_at as "updatedAt"
       from transfers t ${where} order by t.overdue desc, t.next_due_at asc nulls last, t.triggered_at desc
       limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return c.json({ items: rows.rows, page: q.page, pageSize: q.pageSize, total: total.rows[0]!.n }, 200);
  });

  app.openapi(statusRoute, async (c) => {
    const actor = c.get('actor');
    const { creditCode } = c.req.valid('param');
    const handle = client.workflow.getHandle(transferWorkflowId(creditCode));
    // The query answers for a closed run too: the run's status says whether the engine stopped it (../http/ended-by-engine.ts).
    const [status, engineStatus] = await temporalCall(deps, () => Promise.all([handle.query(m.statusQuery), latestRunStatus(handle)]));
    const decision = authorize(actor, 'transfer.view', status.scope);
    if (!decision.allowed) throw forbidden(decision.reason);
    // Seizures a preservation still keeps from this person are left out before the party's narrowing (./transfer-seizures).
    const debtorSeizures = await withDebtorSeizures(deps.pool, actor, status);
    const seen = visibleTo(actor, debtorSeizures.status);
    return c.json({
      ...seen, seizures: debtorSeizures.seizures, ...engineFields(engineStatus), openDeadlines: seen.deadlines,
      allowedActions: endedByEngine(engineStatus) ? [] : allowedActions(actor, status),
    }, 200);
  });

  const acts = [
    ['transfer.addCase', '/cases', s.addCaseBody, m.addCaseUpdate, 'Join an enforcement case to the running transfer'],
    ['transfer.recordScreening', '/screening', s.screeningBody, m.recordScreeningUpdate, 'Record the screening (GO art. 2) and the receiving court'],
    ['transfer.recordConsent', '/consents', s.consentReplyBody, m.recordConsentUpdate, 'Record a consent reply (officer, or the party itself)'],
    ['transfer.recordConsentService', '/consent-service', s.consentServiceBody, m.recordConsentServiceUpdate,
      'Record the consent request served on parties: each one\'s reply period runs from the day after service (GO art. 4; 民事诉讼法 art. 85)'],
    ['transfer.propose', '/proposal', s.proposalBody, m.proposeUpdate, 'Propose the transfer to the panel'],
    ['transfer.panelReview', '/panel-review', s.panelReviewBody, m.panelReviewUpdate, 'Panel review: agree or send back with reasons'],
    ['transfer.sign', '/signature', s.signatureBody, m.signUpdate, 'President signs the decision or sends it back'],
    ['transfer.docket', '/receipt', s.receiptBody, m.docketUpdate, 'Receiving court dockets the package (破申)'],
    ['transfer.requestMaterial', '/material-requests', s.materialRequestBody, m.requestMaterialUpdate, 'Ask for missing material (pauses the 30 days)'],
    ['transfer.supplyMaterial', '/material-supplies', s.materialSupplyBody, m.supplyMaterialUpdate, 'Supply requested material'],
    ['transfer.raiseObjection', '/objections', s.objectionBody, m.raiseObjectionUpdate,
      'A party objects to the transfer decision at the receiving court during review (the party itself, or the court recording it)'],
    ['transfer.ruleOnObjection', '/objection-rulings', s.objectionRulingBody, m.ruleOnObjectionUpdate,
      'The bankruptcy judge sustains or overrules an objection; the ruling on acceptance waits for it'],
    ['transfer.accept', '/acceptance', s.acceptanceBody, m.acceptUpdate, 'Rule to accept the bankruptcy application'],
    ['transfer.reject', '/rejection', s.rejectionBody, m.rejectUpdate, 'Rule not to accept'],
    ['transfer.recordHandOver', '/hand-over', s.handOverBody, m.recordHandOverUpdate, 'Record the hand-over of property (GO arts. 15–17)'],
    ['transfer.recordReturn', '/return', s.returnBody, m.recordReturnUpdate, 'Record material and property returned; enforcement resumes'],
    ['transfer.declareBankruptcy', '/bankruptcy-declaration', s.bankruptcyDeclarationBody, m.declareBankruptcyUpdate, 'Bankruptcy declared; enforcement terminated'],
    ['transfer.dismissAfterAcceptance', '/dismissal', s.dismissalBody, m.dismissAfterAcceptanceUpdate,
      'After acceptance and before any declaration, dismiss the application (企业破产法 art. 12 para. 2); served, appealable in 10 days, then returned as a rejection'],
  ] as const;
  /** Acts whose input the API completes from PostgreSQL first (the transfer's door, ./transfer-door). */
  const prepared: Partial<Record<Action, (creditCode: string, body: object, actor: Actor) => Promise<object>>> = {
    'transfer.sign': async (creditCode, body) => {
      if (!(body as s.SignatureInput).sign) return body;
      const { rows } = await deps.pool.query<{ court: string; caseNumber: string }>(
        `select court, case_number as "caseNumber" from enforcement_cases
          where debtor_credit_code = $1 and status <> 'satisfied' order by court, case_number`, [creditCode]);
      return { ...body, registeredCases: rows };
    },
    'transfer.addCase': async (creditCode, body, actor) => {
      const [joined] = await registeredCases(deps.pool, actor, creditCode, [(body as s.AddCaseInput).case], () => 'case');
      return { case: joined };
    },
    'transfer.recordScreening': async (creditCode, body) => {
      const screening = body as s.ScreeningInput;
      const { domicileDivisionCode } = await temporalCall(deps, () => client.workflow.getHandle(transferWorkflowId(creditCode)).query(m.statusQuery));
      return { ...screening, jurisdiction: await screeningJurisdiction(deps.pool, domicileDivisionCode, screening.receivingCourtOverride) };
    },
  };
  for (const [action, path, body, def, summary] of acts) {
    app.openapi(actRoute(action, path, body, summary), async (c) => {
      const { creditCode } = c.req.valid('param') as { creditCode: string };
      const valid = c.req.valid('json') as object;
      const input = { ...(prepared[action] ? await prepared[action](creditCode, valid, c.get('actor')) : valid), actor: c.get('actor') };
      return c.json(await update(deps, creditCode, def as UpdateDefinition<m.TransferAck, [typeof input]>, input, updateIdFor(c)), 200);
    });
  }

  // Service is one Update with two acts: the enforcement court serves its decision (GO art. 7), the
  // receiving court its ruling (GO art. 12); each has its own route and row in the permission table.
  const services = [
    ['transfer.recordService', '/service', 'decision', 'Record service of the transfer decision on every applicant and the debtor'],
    ['transfer.recordRulingService', '/ruling-service', 'ruling', 'Record service of the acceptance or rejection ruling'],
  ] as const;
  for (const [action, path, document, summary] of services) {
    app.openapi(actRoute(action, path, s.serviceBody, summary), async (c) => {
      const { creditCode } = c.req.valid('param') as { creditCode: string };
      const body = c.req.valid('json') as Omit<s.ServiceInput, 'actor' | 'document'>;
      return c.json(await update(deps, creditCode, m.recordServiceUpdate, { ...body, document, actor: c.get('actor') }, updateIdFor(c)), 200);
    });
  }

  app.openapi(actRoute('transfer.withdrawConsent', '/consents/{partyId}/withdraw', s.withdrawConsentBody, 'Withdraw a consent before the decision', withdrawParams), async (c) => {
    const { creditCode, partyId } = c.req.valid('param') as { creditCode: string; partyId: string };
    const body = c.req.valid('json') as { reason: string };
    return c.json(await update(deps, creditCode, m.withdrawConsentUpdate, { ...body, partyId, actor: c.get('actor') }, updateIdFor(c)), 200);
  });

  return app;
}
