// The transfer API on real Temporal and PostgreSQL: every refused action answers 4xx with a reason
// and changes nothing (read model and audit trail compared before and after); what is accepted
// shows in the read model, the audit trail and the status with the caller's next actions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressed } from '../../workflows/clock/statute-profile';
import { addDays } from '../../workflows/clock/cst';
import { chinaToday, actors, courts, enforcementCase, newCreditCode, proposal, readModel, screening, triggerFor } from '../fixtures/transfer';
import { useTransferApi, type ApiCall, type TransferApi } from '../support/api-client';

const h = useTransferApi(() => {
  // One second a day: a loaded test machine still answers well inside the 15-day reply period.
  const dir = mkdtempSync(join(tmpdir(), 'transfer-profile-'));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify({ ...compressed, name: 'api-test', clock: { mode: 'compressed', msPerDay: 1000 } }));
  return { STATUTE_PROFILE_FILE: join(dir, 'profile.json') };
});
const call: ApiCall = (...args) => h.call(...args);
const refused: TransferApi['refused'] = (...args) => h.refused(...args);

async function stage(code: string, expected: string) {
  for (let i = 0; i < 100; i++) {
    const res = await call(actors.officer, 'GET', `/transfers/${code}`);
    // The workflow moves some stages on its own: wait until the read model and audit caught up too.
    const rm = await readModel(h.db.pool, code);
    if (res.status === 200 && res.body.stage === expected && rm.transfer[0]?.stage === expected
      && rm.audit.length === res.body.history.length) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`transfer ${code} never reached ${expected}`);
}

describe('transfer API', () => {
  it('refuses a bad credit code with 422 naming the field, in the body and in the path', async () => {
    const body = triggerFor(newCreditCode(), [enforcementCase(courts.enforcement, ['x1'])]);
    const bad = { ...body, creditCode: body.creditCode.slice(0, 17) + (body.creditCode[17] === '0' ? '1' : '0') };
    const res = await call(actors.officer, 'POST', '/transfers', bad);
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'creditCode', message: expect.stringContaining('校验位') })]);
    const path = await call(actors.officer, 'GET', '/transfers/91110105ABC');
    expect(path.status).toBe(422);
    expect(path.body.fields[0].field).toBe('creditCode');
    expect((await call(actors.officer, 'GET', `/transfers/${newCreditCode()}`)).status).toBe(404);
    expect((await h.app.request('/transfers')).status).toBe(401);
  });

  it('walks a transfer to acceptance: every refused action is a 4xx with a reason and changes nothing', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['k1', 'k2'], [
      { itemId: 'i-cash', kind: 'money', description: '执行款', status: 'held', perishable: false },
      { itemId: 'i-sold', kind: 'real_estate', description: '已拍卖房产', status: 'sold_ruling_served', perishable: false },
    ])]);
    expect((await call(actors.panel, 'POST', '/transfers', body)).status).toBe(403);
    const started = await call(actors.officer, 'POST', '/transfers', body);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await stage(code, 'screening');

    // Starting again while it runs joins the new case instead of starting a second transfer.
    const joined = enforcementCase(courts.enforcement, ['k3']);
    const again = await call(actors.officer, 'POST', '/transfers', { ...body, cases: [joined] });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false });

    await refused(code, actors.officer, '/proposal', proposal, 409, /阶段/);
    await refused(code, actors.panel, '/screening', screening, 403, /may not transfer.recordScreening/);
    await refused(code, actors.outsider, '/screening', screening, 403, /home court/);
    await refused(code, actors.officer, '/screening', { ...screening, enterpriseLegalPerson: false }, 422, /企业法人/);
    await refused(code, actors.officer, '/screening', { enterpriseLegalPerson: true }, 422, /insolvency/);
    expect((await call(actors.officer, 'POST', `/transfers/${code}/screening`, screening)).status).toBe(200);

    let view = await call(actors.officer, 'GET', `/transfers/${code}`);
    expect(view.body.stage).toBe('consent');
    expect(view.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['transfer.addCase', 'transfer.recordConsent', 'transfer.withdrawConsent', 'transfer.propose']));
    expect(view.body.openDeadlines.map((d: { name: string }) => d.name)).toEqual(['consentReply']);
    expect((await call(actors.panel, 'GET', `/transfers/${code}`)).body.allowedActions).toEqual([]);

    await refused(code, actors.officer, '/consents', { partyId: 'k1', consents: true }, 422, /书面/);
    await refused(code, actors.party('k1'), '/consents', { partyId: 'k2', consents: true, documentRef: 'doc:k2' }, 422, /自己/);
    await refused(code, actors.party('nobody'), '/consents', { partyId: 'nobody', consents: true, documentRef: 'd' }, 403, /party/);
    await refused(code, actors.officer, '/proposal', proposal, 422, /书面同意/);
    await refused(code, actors.officer, '/consents/k1/withdraw', { reason: '无' }, 422, /无可撤回/);
    expect((await call(actors.party('k1'), 'POST', `/transfers/${code}/consents`, { partyId: 'k1', consents: true, documentRef: 'doc:k1' })).status).toBe(200);

    // The party sees its own case and consent only.
    const own = await call(actors.party('k3'), 'GET', `/transfers/${code}`);
    expect(own.status).toBe(200);
    expect(own.body.cases.map((c: { caseNumber: string }) => c.caseNumber)).toEqual([joined.caseNumber]);
    expect(own.body.consents.map((c: { partyId: string }) => c.partyId)).toEqual(['k3']);
    expect(own.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['transfer.recordConsent', 'transfer.withdrawConsent']);
    expect((await call(actors.party('stranger'), 'GET', `/transfers/${code}`)).status).toBe(403);

    await refused(code, actors.officer, '/proposal', { ...proposal, documents: { other: [] } }, 422, /已分配财产清单.*债务清单/);
    expect((await call(actors.officer, 'POST', `/transfers/${code}/proposal`, proposal)).status).toBe(200);
    await refused(code, actors.president, '/signature', { sign: true, decisionNumber: 'x' }, 409, /合议庭评议/);
    await refused(code, actors.officer, '/panel-review', { agree: true, reasons: 'ok' }, 403, /may not/);
    expect((await call(actors.panel, 'POST', `/transfers/${code}/panel-review`, { agree: true, reasons: '同意' })).status).toBe(200);
    await refused(code, actors.president, '/signature', { sign: true }, 422, /decisionNumber/);
    expect((await call(actors.president, 'POST', `/transfers/${code}/signature`, { sign: true, decisionNumber: '(2025)京0105执移9号' })).status).toBe(200);

    const parties = ['k1', 'k2', 'k3', body.debtor.partyId];
    await refused(code, actors.officer, '/service', { servedPartyIds: ['k1'], servedOn: chinaToday() }, 422, /尚未向以下当事人送达/);
    await refused(code, actors.officer, '/receipt', { docketNumber: '破申1' }, 403, /may not transfer.docket/);
    const served = await call(actors.officer, 'POST', `/transfers/${code}/service`, { servedPartyIds: parties, servedOn: chinaToday() });
    expect(served.status).toBe(200);
    // The same service sent again by the same officer is the same act: acknowledged with the first
    // answer, recorded once (issue 12); a different one is refused as already recorded.
    const servedAgain = await call(actors.officer, 'POST', `/transfers/${code}/service`, { servedPartyIds: parties, servedOn: chinaToday() });
    expect({ status: servedAgain.status, body: servedAgain.body }).toEqual({ status: 200, body: served.body });
    await refused(code, actors.officer, '/service', { servedPartyIds: parties, servedOn: addDays(chinaToday(), -1) }, 409, /已于/);
    expect((await call(actors.clerk, 'POST', `/transfers/${code}/receipt`, { docketNumber: '(2025)京01破申11号' })).status).toBe(200);
    await stage(code, 'under_review');
    await refused(code, actors.officer, '/hand-over', { items: [], seizures: [] }, 409, /阶段/);
    await refused(code, actors.clerk, '/acceptance', { rulingNumber: 'r' }, 403, /may not/);
    expect((await call(actors.judge, 'POST', `/transfers/${code}/acceptance`, { rulingNumber: '(2025)京01破申11号之一' })).status).toBe(200);
    await refused(code, actors.officer, '/hand-over', { items: [{ itemId: 'i-cash', to: 'administrator' }], seizures: [] }, 409, /尚未送达/);
    expect((await call(actors.judge, 'POST', `/transfers/${code}/ruling-service`, { servedPartyIds: parties, servedOn: chinaToday() })).status).toBe(200);
    await refused(code, actors.officer, '/hand-over', { items: [{ itemId: 'i-cash', to: 'administrator' }, { itemId: 'i-sold', to: 'administrator' }], seizures: [] }, 422, /所有权已转移/);
    await refused(code, actors.officer, '/hand-over', { items: [], seizures: [] }, 422, /i-cash/);
    await refused(code, actors.judge, '/bankruptcy-declaration', { rulingNumber: '破7' }, 409, /移交/);
    expect((await call(actors.officer, 'POST', `/transfers/${code}/hand-over`, { items: [{ itemId: 'i-cash', to: 'administrator' }], seizures: [] })).status).toBe(200);

    // The read model and the audit trail match the workflow's history.
    view = await call(actors.officer, 'GET', `/transfers/${code}`);
    const rm = await readModel(h.db.pool, code);
    expect(rm.transfer[0]).toMatchObject({ stage: 'accepted', receiving_court: courts.receiving, docket_number: '(2025)京01破申11号', ruling_kind: 'accepted' });
    expect(rm.audit.map((a) => a.action)).toEqual(view.body.history.map((x: { action: string }) => x.action));
    expect(rm.consents).toEqual(expect.arrayContaining([expect.objectContaining({ party_id: 'k1', reply: 'consented', document_ref: 'doc:k1', explanation_given: true })]));
    expect(rm.property).toEqual([
      { item_id: 'i-cash', status: 'held', disposition: 'administrator' },
      { item_id: 'i-sold', status: 'sold_ruling_served', disposition: 'excluded' },
    ]);

    const list = await call(actors.supervisor, 'GET', `/transfers?stage=accepted&court=${courts.receiving}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { creditCode: string }) => t.creditCode)).toContain(code);
    expect((await call(actors.supervisor, 'GET', '/transfers?stage=rejected')).body.items.map((t: { creditCode: string }) => t.creditCode)).not.toContain(code);
    expect((await call(actors.party('k3'), 'GET', '/transfers')).body.items.map((t: { creditCode: string }) => t.creditCode)).toEqual([code]);
    // A party's token narrowed to other processes (caseIds) lists none of this one, as GET /transfers/{code} refuses it.
    const narrowed = { ...actors.party('k3'), caseIds: ['transfer-91110105000000000X'] };
    expect((await call(narrowed, 'GET', `/transfers/${code}`)).status).toBe(403);
    expect((await call(narrowed, 'GET', '/transfers')).body.items).toEqual([]);
    expect((await call(actors.supervisor, 'GET', '/transfers?stage=nonsense')).status).toBe(422);

    // Once the run has finished, an act is refused as too late (409 WrongStage), not as an unknown transfer (404).
    expect((await call(actors.judge, 'POST', `/transfers/${code}/bankruptcy-declaration`, { rulingNumber: '(2025)京01破11号' })).status).toBe(200);
    await h.client.workflow.getHandle(`transfer-${code}`).result();
    await refused(code, actors.judge, '/bankruptcy-declaration', { rulingNumber: '(2025)京01破11号' }, 409, /已经结束/);
  });
});
