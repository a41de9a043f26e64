// The transfer's door (issue 15) through the HTTP API on real Temporal and PostgreSQL: the receiving
// court from the jurisdiction table, a provincial-level code without a domicile, an override to a
// court that does not exist; who may join (registered cases of the caller's court, one case however
// its number is spelled, the applicants of the record).
import { describe, expect, it } from 'vitest';
import { actors, courts, enforcementCase, newCreditCode, proposal, readModel, registerCases, screening, triggerFor } from '../fixtures/transfer';
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
    await registerCases(h.db.pool, code, body.cases);
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
    const cases = [enforcementCase(courts.enforcement, ['o1'])];
    await registerCases(h.db.pool, code, cases);
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, cases))).status).toBe(201);
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

  it('a Tianjin district goes to the Tianjin bankruptcy tribunal (migration 280): no override needed', async () => {
    const code = newCreditCode('120101');
    const cases = [enforcementCase(courts.enforcement, ['t1'])];
    await registerCases(h.db.pool, code, cases);
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, cases))).status).toBe(201);
    await untilStage(code, 'screening');
    expect((await call(actors.officer, 'POST', `/transfers/${code}/screening`, screening)).status).toBe(200);
    expect((await untilStage(code, 'consent')).receivingCourt).toBe('IPC-120100-2');
  });

  it('a municipality\'s district without a row (several intermediate courts) needs an override at screening', async () => {
    // The four municipalities all have a row now; without Chongqing's, its district is the gap again.
    const { rows: [row] } = await h.db.pool.query(`delete from jurisdictions where division_code = '500000' returning *`);
    try {
      const code = newCreditCode('500103');
      const cases = [enforcementCase(courts.enforcement, ['t2'])];
      await registerCases(h.db.pool, code, cases);
      expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, cases))).status).toBe(201);
      await untilStage(code, 'screening');
      await h.refused(code, actors.officer, '/screening', screening, 422, /直辖市设有多个中级人民法院/);
      expect((await call(actors.officer, 'POST', `/transfers/${code}/screening`, { ...screening, receivingCourtOverride: { court: 'IPC-500100', reason: '重庆市高级人民法院指定' } })).status).toBe(200);
      expect((await untilStage(code, 'consent')).receivingCourt).toBe('IPC-500100');
    } finally {
      await h.db.pool.query('insert into jurisdictions (division_code, court, basis, source, effective_on) values ($1, $2, $3, $4, $5)',
        [row.division_code, row.court, row.basis, row.source, row.effective_on]);
    }
  });
});

describe('who may join', () => {
  const fullWidth = (n: string) => n.replace('(', '（').replace(')', '）');

  it('the three spellings of one case number leave one case, with the registered applicant', async () => {
    const code = newCreditCode('110105');
    const [first] = [enforcementCase(courts.enforcement, ['s1'])];
    await registerCases(h.db.pool, code, [first!]);
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, [first!]))).status).toBe(201);
    await untilStage(code, 'screening');
    for (const spelling of [fullWidth(first!.caseNumber), `${first!.caseNumber} `]) {
      const res = await call(actors.officer, 'POST', `/transfers/${code}/cases`, { case: { ...first!, caseNumber: spelling } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const s = await untilStage(code, 'screening');
    expect(s.cases.map((c: { caseNumber: string }) => c.caseNumber)).toEqual([first!.caseNumber]);
    expect(s.parties.filter((p: { kind: string }) => p.kind === 'applicant').map((p: { partyId: string }) => p.partyId)).toEqual(['s1']);
    const rm = await readModel(h.db.pool, code);
    expect(rm.cases).toHaveLength(1);
  });

  it('the import keeps one row for the three spellings', async () => {
    const code = newCreditCode('110105');
    const row = (caseNumber: string) => ({
      court: courts.enforcement, caseNumber, debtorCreditCode: code.toLowerCase(), debtorKind: 'enterprise_legal_person', applicantCount: 1,
      outstandingCents: 5000, status: 'open', filedOn: '2025-03-01', applicants: [{ partyId: 'i1', name: '某某(北京)公司' }],
    });
    const report = await call(actors.officer, 'POST', '/enforcement-cases/import', { rows: [row('(2025)京0105执7001号'), row('（2025）京0105执7001号'), row('(2025)京0105执7001号 ')] });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body).toMatchObject({ accepted: 1, unchanged: 2, rejected: [] });
    const { rows } = await h.db.pool.query('select case_number, debtor_credit_code, applicants from enforcement_cases where debtor_credit_code = $1', [code]);
    expect(rows).toEqual([{ case_number: '(2025)京0105执7001号', debtor_credit_code: code, applicants: [{ partyId: 'i1', name: '某某（北京）公司' }] }]);
  });

  it('an unregistered case, another court\'s case, another debtor\'s case or other applicants cannot join; a registered case of the caller\'s court can', async () => {
    const code = newCreditCode('110105');
    const own = enforcementCase(courts.enforcement, ['u1']);
    await registerCases(h.db.pool, code, [own]);
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, [own]))).status).toBe(201);
    await untilStage(code, 'screening');

    const elsewhere = enforcementCase(courts.elsewhere, ['u9']);
    await h.refused(code, actors.outsider, '/cases', { case: elsewhere }, 422, /不是BPC-440305登记（导入）的执行案件/);
    await h.refused(code, actors.outsider, '/cases', { case: enforcementCase(courts.second, ['u9']) }, 403, /只能加入本院/);
    const otherDebtor = enforcementCase(courts.second, ['u2']);
    await registerCases(h.db.pool, newCreditCode('110105'), [otherDebtor]);
    await h.refused(code, actors.officer2, '/cases', { case: otherDebtor }, 422, /被执行人是/);
    const second = enforcementCase(courts.second, ['u3']);
    await registerCases(h.db.pool, code, [second]);
    await h.refused(code, actors.officer2, '/cases', { case: { ...second, applicants: [{ partyId: 'u4', name: '冒名申请人' }] } }, 422, /申请执行人与.*的登记不符/);

    const joined = await call(actors.officer2, 'POST', `/transfers/${code}/cases`, { case: { ...second, applicants: [{ partyId: 'u3', name: '别的写法' }] } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const s = await untilStage(code, 'screening');
    expect(s.cases.map((c: { court: string }) => c.court).sort()).toEqual([courts.enforcement, courts.second].sort());
    expect(s.parties.find((p: { partyId: string }) => p.partyId === 'u3').name).toBe('申请执行人u3');
  });
});

describe('every known court told', () => {
  it('a court with a registered case against the debtor that never joined gets the suspension notice', async () => {
    const code = newCreditCode('110105');
    const own = enforcementCase(courts.enforcement, ['k1']);
    const neverJoined = enforcementCase(courts.third, ['k9']);
    await registerCases(h.db.pool, code, [own, neverJoined]);
    expect((await call(actors.officer, 'POST', '/transfers', triggerFor(code, [own]))).status).toBe(201);
    await untilStage(code, 'screening');
    const ok = async (actor: typeof actors.officer, path: string, body: unknown) => {
      const res = await call(actor, 'POST', `/transfers/${code}${path}`, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    await ok(actors.officer, '/screening', screening);
    await ok(actors.party('k1'), '/consents', { partyId: 'k1', consents: true, documentRef: 'doc:k1' });
    await ok(actors.officer, '/proposal', proposal);
    await ok(actors.panel, '/panel-review', { agree: true, reasons: '同意' });
    await ok(actors.president, '/signature', { sign: true, decisionNumber: '(2025)京0105执移31号' });
    const s = await untilStage(code, 'decided');
    expect(s.cases.map((c: { court: string }) => c.court)).toEqual([courts.enforcement]);
    const act = s.history.find((a: { action: string }) => a.action === 'suspendEnforcement');
    expect(act.details).toMatchObject({ courts: [courts.enforcement], registeredCourts: [courts.third] });
    const notices = (await readModel(h.db.pool, code)).notices.filter((n) => n.kind === 'suspension');
    expect(notices.map((n) => n.recipient).sort()).toEqual([courts.enforcement, courts.third].sort());
    expect(notices.find((n) => n.recipient === courts.third)!.body).toContain(neverJoined.caseNumber);
    expect(await replayLiveHistories([`transfer-${code}`])).toEqual([{ file: `transfer-${code}.json` }]);
    await recordHistory('RECORD_TRANSFER_HISTORIES', `transfer-${code}`, 'transfer-registered-courts-told');
  });
});
