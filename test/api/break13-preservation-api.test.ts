// Outside break probes for issue 13 over HTTP (statutory profile): the preservation's legal dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { addDays, cstDateOf } from '../../workflows/clock/cst';
import { apiCaller, type ApiCall } from '../support/api-client';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, court, eventually, judge, officer } from '../fixtures/preservation';

const config = testConfig({ STATUTE_PROFILE: 'statutory' });
let h: WorkerHarness;
let call: ApiCall;
beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  call = apiCaller(createApp({ config, client: h.client, pool: h.db.pool }), config);
});
afterAll(() => h?.stop());
const today = () => cstDateOf(Date.now());

describe('break13: preservation legal dates over HTTP', () => {
  it('A1: an application dated (appliedOn) 2025-06-01, far beyond the 60-day back-dating window, is refused naming appliedOn', async () => {
    const res = await call(clerk, 'POST', '/preservations', application({ kind: 'in_suit', caseNumber: '(2026)京0105民初A1号', appliedOn: '2025-06-01' }));
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 422 });
    expect(JSON.stringify(res.body)).toMatch(/appliedOn/);
  });

  it('A2: GET /preservations lists the application\'s appliedOn', async () => {
    const appliedOn = addDays(today(), -3);
    const app = application({ kind: 'in_suit', caseNumber: '(2026)京0105民初A2号', appliedOn });
    const created = await call(clerk, 'POST', '/preservations', app);
    expect(created.status).toBe(201);
    const listed = await eventually(async () => (await call(clerk, 'GET', `/preservations?court=${court}`)).body.preservations
      .find((p: { preservationId: string }) => p.preservationId === created.body.preservationId));
    expect(listed).toMatchObject({ appliedOn });
  });

  it.each([['number', 20261120], ['null', null], ['array', ['2026-11-20']], ['object', { d: '2026-11-20' }], ['instant', '2026-11-20T10:00+08:00'], ['2026-02-30', '2026-02-30'], ['future', '2099-01-01']])(
    'A3: a hostile receivedOn (%s) on a consultation answer is a 422 naming receivedOn, never a 500', async (_label, receivedOn) => {
      const created = await call(clerk, 'POST', '/preservations', application({ kind: 'in_suit', caseNumber: `(2026)京0105民初A3${Math.random().toString(36).slice(2, 7)}号` }));
      const base = `/preservations/${created.body.preservationId}`;
      await eventually(async () => (await call(officer, 'GET', base)).status === 200 || undefined);
      // Not ruled: the door must still refuse the body first, naming the field.
      const res = await call(judge, 'POST', `${base}/consultations/c1/answer`, { answer: '答复', receivedOn });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toMatch(/receivedOn/);
    });
});
