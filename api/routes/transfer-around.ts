// The transfer's acts around the core (issue 5) as Update routes: appeal against a rejection and its
// outcome, supervision by the higher court, the notice to known creditors, a supervisor's
// suspension, resumption and correction. Each declares its permission action; the workflow's
// validator decides and says why not.
import type { UpdateDefinition } from '@temporalio/common';
import * as m from '../../workflows/transfer/messages';
import type { Action } from '../../workflows/shared/permissions';
import type { ApiDeps } from '../deps';
import { authenticate, type AuthEnv } from '../http/auth';
import * as s from '../schemas/transfer-around';
import { actRoute, update } from './transfers';
import { updateIdFor } from '../http/temporal-calls';
import { routesApp } from '../http/openapi';

export function transferAroundRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  const auth = authenticate(deps);

  // [action, path, body, update, summary, extra fields of the Update argument]
  const acts = [
    ['transfer.recordAppeal', '/appeal', s.appealFiledBody, m.recordAppealUpdate, 'Record an appeal filed against the rejection within 10 days of service (企业破产法 art. 12)', { step: 'filed' }],
    ['transfer.recordAppeal', '/appeal-decision', s.appealDecidedBody, m.recordAppealUpdate, 'Record the higher court\'s decision on the appeal: upheld (returned) or overturned (accepted)', { step: 'decided' }],
    ['transfer.requestSupervision', '/supervision-requests', s.supervisionRequestBody, m.requestSupervisionUpdate, 'Ask the next higher court to supervise: package refused or 30 days passed (GO art. 13)', {}],
    ['transfer.recordSupervisionOrder', '/supervision-order', s.supervisionOrderBody, m.recordSupervisionOrderUpdate, 'The higher court records its order to receive or to rule', {}],
    ['transfer.recordCreditorNotice', '/creditor-notice', s.creditorNoticeBody, m.recordCreditorNoticeUpdate, 'Known creditors notified and acceptance announced (企业破产法 art. 14)', {}],
    ['transfer.suspendProcess', '/suspension', s.suspensionBody, m.suspendProcessUpdate, 'Supervisor suspends the transfer with a reason (deadlines pause)', {}],
    ['transfer.suspendProcess', '/resumption', s.suspensionBody, m.resumeProcessUpdate, 'Supervisor resumes a suspended transfer with a reason', {}],
    ['transfer.correctRecord', '/corrections', s.correctionBody, m.correctRecordUpdate, 'Supervisor corrects a recorded act by a new entry referencing it', {}],
  ] as const;
  for (const [action, path, body, def, summary, extra] of acts) {
    const route = actRoute(action as Action, path, body, summary);
    app.openapi({ ...route, middleware: [auth, ...route.middleware] }, async (c) => {
      const { creditCode } = c.req.valid('param') as { creditCode: string };
      const input = { ...(c.req.valid('json') as object), ...extra, actor: c.get('actor') };
      return c.json(await update(deps, creditCode, def as UpdateDefinition<m.TransferAck, [typeof input]>, input, updateIdFor(c)), 200);
    });
  }
  return app;
}
