// The dismissal after acceptance (企业破产法 art. 12 para. 2) over HTTP on real Temporal and PostgreSQL:
// refused to the wrong role (403), in the wrong stage or before the acceptance is served (409, the
// reason in Chinese), without its ruling number or reasons (422 naming the field, as every body the
// schema refuses here); offered in allowedActions only to the receiving court's judge once it may
// be taken; documented in the OpenAPI document; accepted, it is audited and the stage moves.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import { chinaToday, actors, courts, enforcementCase, newCreditCode, proposal, readModel, registerCases, screening, triggerFor } from '../fixtures/transfer';
import { transferSteps, useTransferApi, type ApiCall, type TransferApi } from '../support/api-client';

// The statutory profile: nothing lapses while the test runs, however slow the machine.
const h = useTransferApi(() => ({ STATUTE_PROFILE: 'statutory' }));
const call: ApiCall = (...args) => h.call(...args);
const refused: TransferApi['refused'] = (...args) => h.refused(...args);

const { stage, ok } = transferSteps(call, actors.officer);

const allowed = async (actor: Actor, code: string) =>
  ((await call(actor, 'GET', `/transfers/${code}`)).body.allowedActions as { action: string; label: string }[]);

describe('dismissal after acceptance over HTTP (statutory profile: nothing lapses during the test)', () => {
  it('is documented with its schema and permission', async () => {
    const doc = await (await h.app.request('/openapi.json')).json() as { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, { required?: string[] }> } };
    const op = doc.paths['/transfers/{creditCode}/dismissal']!.post!;
    expect(op['x-courtrelay-action']).toBe('transfer.dismissAfterAcceptance');
    expect(doc.components.schemas.DismissalAfterAcceptance!.required).toEqual(expect.arrayContaining(['rulingNumber', 'reasons']));
  });

  it('refuses the wrong role, the wrong stage and a body without ruling number or reasons, changing nothing; then dismisses', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['d1'], [
      { itemId: 'd-cash', kind: 'money', description: '执行款', status: 'held', perishable: false },
    ])]);
    await registerCases(h.db.pool, code, body.cases);
    expect((await call(actors.officer, 'POST', '/transfers', body)).status).toBe(201);
    await stage(code, 'screening');
    await ok(actors.officer, code, '/screening', screening);
    await ok(actors.party('d1'), code, '/consents', { partyId: 'd1', consents: true, documentRef: 'doc:d1' });
    await ok(actors.officer, code, '/proposal', proposal);
    await ok(actors.panel, code, '/panel-review', { agree: true, reasons: '同意' });
    await ok(actors.president, code, '/signature', { sign: true, decisionNumber: '(2025)京0105执移31号' });
    const parties = ['d1', body.debtor.partyId];
    await ok(actors.officer, code, '/service', { servedPartyIds: parties, servedOn: chinaToday() });
    await ok(actors.clerk, code, '/receipt', { docketNumber: '(2025)京01破申31号' });
    await stage(code, 'under_review');

    const dismissal = { rulingNumber: '(2025)京01破31号之一', reasons: '经审查，债务人对到期债务已全部清偿，不符合破产条件' };
    await refused(code, actors.judge, '/dismissal', dismissal, 409, /当前阶段为「破产审查中」，不能受理后裁定驳回破产申请/);
    await ok(actors.judge, code, '/acceptance', { rulingNumber: '(2025)京01破申31号之一' });
    await refused(code, actors.judge, '/dismissal', dismissal, 409, /受理裁定尚未记录送达/);
    expect((await allowed(actors.judge, code)).map((a) => a.action)).not.toContain('transfer.dismissAfterAcceptance');
    await ok(actors.judge, code, '/ruling-service', { servedPartyIds: parties, servedOn: chinaToday() });

    await refused(code, actors.officer, '/dismissal', dismissal, 403, /may not transfer.dismissAfterAcceptance/);
    await refused(code, actors.clerk, '/dismissal', dismissal, 403, /may not transfer.dismissAfterAcceptance/);
    const otherJudge: Actor = { userId: 'judge-x', role: 'bankruptcy_judge', court: courts.elsewhere };
    await refused(code, otherJudge, '/dismissal', dismissal, 403, /receiving court/);
    for (const [sent, field] of [[{ rulingNumber: dismissal.rulingNumber }, 'reasons'], [{ reasons: dismissal.reasons }, 'rulingNumber'], [{ ...dismissal, reasons: '' }, 'reasons']] as const) {
      const before = await readModel(h.db.pool, code);
      const res = await call(actors.judge, 'POST', `/transfers/${code}/dismissal`, sent);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(await readModel(h.db.pool, code)).toEqual(before);
    }
    expect(await allowed(actors.judge, code)).toContainEqual({ action: 'transfer.dismissAfterAcceptance', label: '受理后裁定驳回破产申请' });
    expect((await allowed(actors.officer, code)).map((a) => a.action)).not.toContain('transfer.dismissAfterAcceptance');

    expect(await ok(actors.judge, code, '/dismissal', { ...dismissal, ruledOn: chinaToday() })).toMatchObject({ stage: 'dismissed' });
    const view = await stage(code, 'dismissed');
    expect(view).toMatchObject({ stageLabel: '受理后裁定驳回破产申请', ruling: { kind: 'dismissed', rulingNumber: dismissal.rulingNumber } });
    expect(view.openDeadlines.map((d: { label: string }) => d.label)).toContain('驳回申请裁定送达期限');
    const next = (await allowed(actors.judge, code)).map((a) => a.action);
    expect(next).toContain('transfer.recordRulingService');
    expect(next).not.toContain('transfer.dismissAfterAcceptance');
    await refused(code, actors.judge, '/dismissal', { ...dismissal, rulingNumber: '(2025)京01破31号之二' }, 409, /当前阶段为「受理后裁定驳回破产申请」/);
    await refused(code, actors.judge, '/bankruptcy-declaration', { rulingNumber: '(2025)京01破31号之三' }, 409, /不能宣告破产/);
    await refused(code, actors.officer, '/hand-over', { items: [{ itemId: 'd-cash', to: 'administrator' }], seizures: [] }, 409, /不能记录移交财产/);

    const rm = await readModel(h.db.pool, code);
    expect(rm.transfer[0]).toMatchObject({ stage: 'dismissed', ruling_kind: 'dismissed' });
    expect(rm.audit.filter((a) => a.action === 'dismissAfterAcceptance')).toEqual([{
      action: 'dismissAfterAcceptance', actor_id: actors.judge.userId, actor_role: 'bankruptcy_judge', actor_court: courts.receiving, reason: dismissal.reasons,
    }]);
    expect((await call(actors.supervisor, 'GET', '/transfers?stage=dismissed')).body.items.map((t: { creditCode: string }) => t.creditCode)).toContain(code);
  });
});
