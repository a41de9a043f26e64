// A party's objection to the transfer decision over HTTP (DOMAIN.md transfer step 5), on real Temporal
// and PostgreSQL: refused before the receiving court has the transfer (409, Chinese reason), to the
// enforcement court (403), without grounds (422 naming the field); raised by the party itself, shown
// in allowedActions, and the acceptance refused until the judge has dealt with it.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import { chinaToday, actors, courts, enforcementCase, newCreditCode, proposal, registerCases, screening, triggerFor } from '../fixtures/transfer';
import { transferSteps, useTransferApi, type ApiCall, type TransferApi } from '../support/api-client';

// The statutory profile: nothing lapses while the test runs, however slow the machine.
const h = useTransferApi(() => ({ STATUTE_PROFILE: 'statutory' }));
const call: ApiCall = (...args) => h.call(...args);
const refused: TransferApi['refused'] = (...args) => h.refused(...args);

const { stage, ok } = transferSteps(call, actors.officer);

const allowed = async (actor: Actor, code: string) =>
  ((await call(actor, 'GET', `/transfers/${code}`)).body.allowedActions as { action: string }[]).map((a) => a.action);

describe('objection to the transfer decision over HTTP (statutory profile)', () => {
  it('refused in the wrong stage, to the wrong role and without grounds; raised by the party, dealt with before the acceptance', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['o1', 'o2'])]);
    await registerCases(h.db.pool, code, body.cases);
    expect((await call(actors.officer, 'POST', '/transfers', body)).status).toBe(201);
    await stage(code, 'screening');
    await ok(actors.officer, code, '/screening', screening);
    await ok(actors.party('o1'), code, '/consents', { partyId: 'o1', consents: true, documentRef: 'doc:o1' });
    await ok(actors.officer, code, '/proposal', proposal);
    await ok(actors.panel, code, '/panel-review', { agree: true, reasons: '同意' });
    await ok(actors.president, code, '/signature', { sign: true, decisionNumber: '(2025)京0105执移41号' });
    const objection = { partyId: 'o2', grounds: '本人不同意移送，且未收到征询通知' };
    await refused(code, actors.party('o2'), '/objections', objection, 409, /当前阶段为「已决定移送」，不能对移送决定提出异议/);
    await ok(actors.clerk, code, '/receipt', { docketNumber: '(2025)京01破申41号' });
    await stage(code, 'under_review');

    await refused(code, actors.officer, '/objections', objection, 403, /may not transfer.raiseObjection/);
    const res = await call(actors.party('o2'), 'POST', `/transfers/${code}/objections`, { partyId: 'o2' });
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['grounds']);
    expect(await allowed(actors.party('o2'), code)).toContain('transfer.raiseObjection');
    await ok(actors.party('o2'), code, '/objections', { ...objection, raisedOn: chinaToday() });
    expect(await allowed(actors.party('o2'), code)).not.toContain('transfer.raiseObjection');
    expect(await allowed(actors.judge, code)).toContain('transfer.ruleOnObjection');

    await refused(code, actors.judge, '/acceptance', { rulingNumber: '(2025)京01破申41号之一' }, 409, /尚有对移送决定的异议未处理：O1/);
    await refused(code, actors.officer, '/objection-rulings', { objectionId: 'O1', outcome: 'overruled', reasons: 'x' }, 403, /may not transfer.ruleOnObjection/);
    await refused(code, actors.judge, '/objection-rulings', { objectionId: 'O9', outcome: 'overruled', reasons: 'x' }, 404, /没有异议O9/);
    await ok(actors.judge, code, '/objection-rulings', { objectionId: 'O1', outcome: 'overruled', reasons: '已依法征询并送达' });
    expect(await allowed(actors.judge, code)).not.toContain('transfer.ruleOnObjection');
    await ok(actors.judge, code, '/acceptance', { rulingNumber: '(2025)京01破申41号之一' });
    // Another creditor does not see this party's objection.
    const seen = await call(actors.party('o1'), 'GET', `/transfers/${code}`);
    expect(seen.body.history.map((a: { action: string }) => a.action)).not.toContain('raiseObjection');
    expect(seen.body.objections).toEqual([]);
    expect((await call(actors.party('o2'), 'GET', `/transfers/${code}`)).body.objections).toEqual([expect.objectContaining({ objectionId: 'O1', partyId: 'o2' })]);
  });
});
