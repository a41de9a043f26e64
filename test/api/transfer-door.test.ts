// The transfer's door (issue 15) through the HTTP API on real Temporal and PostgreSQL: the receiving
// court from the jurisdiction table, a provincial-level code without a domicile, an override to a
// court that does not exist.
import { describe, expect, it } from 'vitest';
import { actors, courts, enforcementCase, newCreditCode, readModel, screening, triggerFor } from '../fixtures/transfer';
import { useTransferApi, type ApiCall } from '../support/api-client';
import { recordHistory, replayLiveHistories } from '../support/replay';

const h = useTransferApi();
const call: ApiCall = (...args) => h.call(...args);

async function untilStage(code: string, stage: string) {
  for (let i = 0; i < 200; i++) {
    const res = await call(actors.officer, 'GET', `/transfers/${code}`);
    // The read model and audit trail catch up after the workflow: wait for them too.
    const rm = await readModel(h.db.pool, code);
    if (res.status === 200 && res.body.stage === stage && rm.transfer[0]?.stage === stage && rm.audit.length === res.body.history.length) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`transfer ${code} never reached ${stage}`);
}

describe('receiving court from the jurisdiction table', () => {
  it('a provincial-level code is refused at the trigger without the debtor\'s domicile, and goes by the domicile with it', async () => {
    const code = newCreditCode('440000');
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['p1'])]);
    const refused = await call(actors.officer, 'POST', '/transfers', body);
    expect(refused.status).toBe(422);
    expect(refused.body.fields).toEqual([{ field: 'debtor.domicileDivisionCode', message: expect.stringContaining('省级') }]);
    expect((await call(actors.officer, 'GET', `/transfers/${code}`)).status).toBe(404);

    const started = await call(actors.officer, 'POST', '/transfers', { ...body, debtor: { ...body.debtor, domicileDivisionCode: '440106' } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await untilStage(code, 'screening');
    expect((await call(actors.officer, 'POST', `/transfers/${code}/screening`, screening)).status).toBe(200);
    const s = await untilStage(code, 'consent');
    expect(s.receivingCourt).toBe('IPC-440100');
    expect(s.receivingCourtReason).toMatch(/广州市中级人民法院.*指导意见第三条/);
  });

  it('an override to a court not in the registry is refused and changes nothing; a registered one is taken with its reason', async () => {
    const code = newCreditCode('110105');
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, [enforcementCase(courts.enforcement, ['o1'])]))).status).toBe(201);
    await untilStage(code, 'screening');
    await h.refused(code, actors.officer, '/screening', { ...screening, receivingCourtOverride: { court: 'IPC-110000', reason: '测试' } }, 422, /IPC-110000不是法院登记表中的法院/);
    await h.refused(code, actors.officer, '/screening', { ...screening, receivingCourtOverride: { court: 'IPC-999900', reason: '测试' } }, 422, /登记表/);
    const ok = await call(actors.officer, 'POST', `/transfers/${code}/screening`, { ...screening, receivingCourtOverride: { court: 'IPC-110100-3', reason: '上级法院指定' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const s = await untilStage(code, 'consent');
    expect(s.receivingCourt).toBe('IPC-110100-3');
    expect(s.receivingCourtReason).toBe('上级法院指定（按管辖表：IPC-110100）');
    // The table's path in the workflow (patched 'jurisdiction-table') replays, live and as a recorded history.
    expect(await replayLiveHistories([`transfer-${code}`])).toEqual([{ file: `transfer-${code}.json` }]);
    await recordHistory('RECORD_TRANSFER_HISTORIES', `transfer-${code}`, 'transfer-jurisdiction-override');
  });

  it('a Tianjin district (no row, several intermediate courts) needs an override at screening', async () => {
    const code = newCreditCode('120101');
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, [enforcementCase(courts.enforcement, ['t1'])]))).status).toBe(201);
    await untilStage(code, 'screening');
    await h.refused(code, actors.officer, '/screening', screening, 422, /直辖市设有多个中级人民法院/);
    expect((await call(actors.officer, 'POST', `/transfers/${code}/screening`, { ...screening, receivingCourtOverride: { court: 'IPC-120100', reason: '天津市高级人民法院指定' } })).status).toBe(200);
    expect((await untilStage(code, 'consent')).receivingCourt).toBe('IPC-120100');
  });
});
