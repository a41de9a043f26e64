// A party's objection to the transfer decision over HTTP (DOMAIN.md transfer step 5), on real Temporal
// and PostgreSQL: refused before the receiving court has the transfer (409, Chinese reason), to the
// enforcement court (403), without grounds (422 naming the field); raised by the party itself, shown
// in allowedActions, and the acceptance refused until the judge has dealt with it. A posted objection
// counts by its postmark (民事诉讼法 art. 85): checked against today, the decision and its arrival.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import { cstDateOf } from '../../workflows/clock/cst';
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

  it('a posted objection counts by its postmark: not in the future, not before the decision, not after it arrived; its date is the one printed', async () => {
    const daysAgo = (n: number) => cstDateOf(Date.now() - n * 86_400_000);
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['p1', 'p2'])]);
    await registerCases(h.db.pool, code, body.cases);
    expect((await call(actors.officer, 'POST', '/transfers', body)).status).toBe(201);
    await stage(code, 'screening');
    await ok(actors.officer, code, '/screening', screening);
    await ok(actors.party('p1'), code, '/consents', { partyId: 'p1', consents: true, documentRef: 'doc:p1' });
    await ok(actors.officer, code, '/proposal', proposal);
    await ok(actors.panel, code, '/panel-review', { agree: true, reasons: '同意' });
    await ok(actors.president, code, '/signature', { sign: true, decisionNumber: '(2025)京0105执移42号', ruledOn: daysAgo(2) });
    await ok(actors.clerk, code, '/receipt', { docketNumber: '(2025)京01破申42号', receivedOn: daysAgo(1) });
    await stage(code, 'under_review');
    const objection = { partyId: 'p2', grounds: '移送决定未经合议庭评议', raisedOn: daysAgo(1) };

    const future = await call(actors.clerk, 'POST', `/transfers/${code}/objections`, { ...objection, postedOn: cstDateOf(Date.now() + 86_400_000) });
    expect(future.status).toBe(422);
    expect((future.body.fields as { field: string; message: string }[]).find((f) => f.field === 'postedOn')?.message).toMatch(/^异议交邮日期：.*不能填写将来的日期/);
    await refused(code, actors.clerk, '/objections', { ...objection, postedOn: daysAgo(3) }, 422, /postedOn（异议交邮日期）：.*早于ruledOn（移送决定作出日期）/);
    await refused(code, actors.clerk, '/objections', { ...objection, postedOn: chinaToday() }, 422, /postedOn（异议交邮日期）：交邮日期（.*）晚于异议提出日期/);
    await ok(actors.clerk, code, '/objections', { ...objection, postedOn: daysAgo(2), documentRef: 'doc:objection-by-post' });
    const s = (await call(actors.judge, 'GET', `/transfers/${code}`)).body;
    expect(s.objections).toEqual([expect.objectContaining({ objectionId: 'O1', raisedOn: daysAgo(1), postedOn: daysAgo(2) })]);
    expect(s.history.find((a: { action: string }) => a.action === 'raiseObjection').details).toMatchObject({ postedOn: daysAgo(2), countsFrom: '以邮寄日为准（民事诉讼法第八十五条）' });

    await ok(actors.judge, code, '/objection-rulings', { objectionId: 'O1', outcome: 'overruled', reasons: '合议庭评议笔录在卷' });
    const { rows } = await h.db.pool.query(`select recipient_kind, recipient, body from transfer_notices where credit_code = $1 and kind = 'objection_ruling' order by recipient_kind`, [code]);
    expect(rows.map((r) => [r.recipient_kind, r.recipient])).toEqual([['court', courts.enforcement], ['party', 'p2']]);
    expect(rows[1].body).toMatch(new RegExp(`^你（单位）于${daysAgo(2)}以邮寄方式对\\(2025\\)京0105执移42号移送决定书提出的异议（O1）.*异议不成立`));
  });
});
