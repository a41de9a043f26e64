// The issue-5 transfer acts over HTTP on real Temporal and PostgreSQL: a supervisor suspends, is
// refused a second suspension, resumes and corrects; the officer's acts are refused while suspended;
// an appeal before any rejection and a supervision request with the review still running are refused
// with the workflow's reason; refused calls change nothing.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../workflows/clock/cst';
import { chinaToday, actors, courts, enforcementCase, newCreditCode, proposal, readModel, registerCases, screening, triggerFor } from '../fixtures/transfer';
import { useTransferApi, type ApiCall, type TransferApi } from '../support/api-client';

// The statutory profile: no period lapses while the test runs, however slow the machine (on the
// compressed one the 15-day reply window is 1.5 s and closed under load before the consent).
const h = useTransferApi(() => ({ STATUTE_PROFILE: 'statutory' }));
const call: ApiCall = (...args) => h.call(...args);
const refused: TransferApi['refused'] = (...args) => h.refused(...args);

async function inConsent(code: string) {
  for (let i = 0; i < 100; i++) {
    const res = await call(actors.officer, 'GET', `/transfers/${code}`);
    if (res.body.stage === 'screening') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((await call(actors.officer, 'POST', `/transfers/${code}/screening`, screening)).status).toBe(200);
}

describe('issue-5 transfer acts over HTTP (statutory profile: nothing lapses during the test)', () => {
  it('suspension, resumption and correction by the supervisor; refusals say why and change nothing', async () => {
    const code = newCreditCode();
    const cases = [enforcementCase(courts.enforcement, ['h1'])];
    await registerCases(h.db.pool, code, cases);
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, cases))).status).toBe(201);
    await inConsent(code);

    // The consent request's service (issue 13): the field is named at the door and by the workflow.
    await refused(code, actors.officer, '/consent-service', { partyIds: ['h1'] }, 422, /servedOn/);
    await refused(code, actors.officer, '/consent-service', { partyIds: [], servedOn: chinaToday() }, 422, /partyIds/);
    await refused(code, actors.officer, '/consent-service', { partyIds: ['h1'], servedOn: '2101-01-01' }, 422, /servedOn/);
    await refused(code, actors.officer, '/consent-service', { partyIds: ['h1'], servedOn: addDays(chinaToday(), -1) }, 422, /servedOn：.*早于askedAt（征询意见发出时间）/);
    await refused(code, actors.officer, '/consent-service', { partyIds: ['nobody'], servedOn: chinaToday() }, 404, /partyIds：nobody/);
    await refused(code, actors.panel, '/consent-service', { partyIds: ['h1'], servedOn: chinaToday() }, 403, /may not transfer.recordConsentService/);
    await refused(code, actors.officer, '/suspension', { reason: '核查' }, 403, /may not transfer.suspendProcess/);
    await refused(code, actors.supervisor, '/suspension', {}, 422, /reason/);
    await refused(code, actors.supervisor, '/resumption', { reason: '恢复' }, 409, /未暂停/);
    expect((await call(actors.supervisor, 'POST', `/transfers/${code}/suspension`, { reason: '当事人反映未收到征询通知，核查送达' })).status).toBe(200);
    await refused(code, actors.supervisor, '/suspension', { reason: '再次' }, 409, /已于/);
    // The court's suspension stops its own acts; the parties' reply window and their replies run on (issue 13).
    await refused(code, actors.officer, '/proposal', proposal, 409, /暂停/);
    expect((await call(actors.party('h1'), 'POST', `/transfers/${code}/consents`, { partyId: 'h1', consents: true, documentRef: 'doc:h1' })).status).toBe(200);
    let view = await call(actors.supervisor, 'GET', `/transfers/${code}`);
    expect(view.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['transfer.suspendProcess', 'transfer.correctRecord']));
    expect(view.body.openDeadlines.find((d: { name: string }) => d.name === 'consentReply')).toMatchObject({ paused: false });
    expect((await call(actors.supervisor, 'POST', `/transfers/${code}/resumption`, { reason: '已补正送达' })).status).toBe(200);

    const screened = view.body.history.find((a: { action: string }) => a.action === 'recordScreening');
    await refused(code, actors.supervisor, '/corrections', { correctsSeq: 999, correction: 'x', reason: 'x' }, 404, /没有序号/);
    expect((await call(actors.supervisor, 'POST', `/transfers/${code}/corrections`, { correctsSeq: screened.seq, correction: '终本案件应为1件', reason: '录入错误' })).status).toBe(200);
    view = await call(actors.supervisor, 'GET', `/transfers/${code}`);
    expect(view.body.history.find((a: { seq: number }) => a.seq === screened.seq)).toEqual(screened);
    expect(view.body.around.corrections).toEqual([expect.objectContaining({ corrects: screened.seq, correctedAction: 'recordScreening', reason: '录入错误' })]);

    await refused(code, actors.panel, '/appeal', { appellantPartyId: 'h1', filedOn: chinaToday() }, 403, /may not transfer.recordAppeal/);
    await refused(code, actors.officer, '/appeal', { appellantPartyId: 'h1', filedOn: chinaToday() }, 409, /阶段/);
    await refused(code, actors.officer, '/supervision-requests', { grounds: 'review_overdue', reason: '逾期' }, 409, /阶段/);
    // The supervision's legal dates are refused at the door, naming the field (issue 13).
    await refused(code, actors.officer, '/supervision-requests', { grounds: 'review_overdue', reason: '逾期', receivedOn: '2026-02-30' }, 422, /receivedOn/);
    await refused(code, actors.judge, '/supervision-order', { order: 'rule', orderNumber: '监1', ruledOn: '2101-01-01' }, 422, /ruledOn/);
    await refused(code, actors.officer, '/appeal-decision', { outcome: 'sideways', rulingNumber: 'r', decidedOn: chinaToday(), reasons: 'x' }, 422, /outcome/);
    // The second-instance ruling's service date is a legal date like the others: refused at the door, naming it.
    await refused(code, actors.officer, '/appeal-decision', { outcome: 'overturned', rulingNumber: 'r', decidedOn: chinaToday(), servedOn: '2026-02-30', reasons: 'x' }, 422, /servedOn/);
    await refused(code, actors.officer, '/appeal-decision', { outcome: 'overturned', rulingNumber: 'r', decidedOn: chinaToday(), servedOn: '2101-01-01', reasons: 'x' }, 422, /servedOn/);
    const rm = await readModel(h.db.pool, code);
    expect(rm.audit.filter((a) => a.actor_id === actors.supervisor.userId).map((a) => [a.action, a.actor_id, a.reason])).toEqual([
      ['suspendProcess', actors.supervisor.userId, '当事人反映未收到征询通知，核查送达'],
      ['resumeProcess', actors.supervisor.userId, '已补正送达'],
      ['correctRecord', actors.supervisor.userId, '录入错误'],
    ]);
    expect(rm.deadlines.find((d) => d.name === 'consentReply')).toMatchObject({ status: 'open' });
  });
});
