// Pre-suit secrecy reaches the transfer (issue 14) on real Temporal and PostgreSQL: a pre-suit
// preservation not yet carried out froze the debtor's factory; nobody consents to the debtor's
// transfer, so the payment order (民诉法解释 art. 514) is recorded from the seizure register. Court
// staff read the factory's row; the debtor — the respondent, who gets a 404 for the preservation —
// reads neither the row nor the seizure, in the API or on the console page, until the enforcement
// division reports the ruling carried out. An in-suit seizure of the same debtor has no secret.
import { serializeSigned } from 'hono/utils/cookie';
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../api/http/auth';
import { sessionCookie } from '../../api/console/session';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import type { Actor } from '../../workflows/shared/actor';
import { application, clerk, eventually, judge, officer } from '../fixtures/preservation';
import { act, actors, courts, enforcementCase, newCreditCode, profile, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { useTransferApi } from '../support/api-client';

// Preservations under the statutory profile (no measure lapses while the test runs); the transfer
// itself is started on a compressed one, so its reply period ends within seconds.
const h = useTransferApi(() => ({ STATUTE_PROFILE: 'statutory' }));

async function page(actor: Actor, path: string): Promise<string> {
  const cookie = (await serializeSigned(sessionCookie, await mintToken(h.config.JWT_SECRET, actor), h.config.JWT_SECRET)).split(';')[0]!;
  const res = await h.app.request(path, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.text();
}

const ok = async (actor: Actor, method: string, path: string, body?: unknown) => {
  const res = await h.call(actor, method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(method === 'POST' && path === '/preservations' ? 201 : 200);
  return res.body;
};

type Row = { position: number; label: string; caseNumber?: string };

describe('a seizure kept secret by its preservation stays secret in the transfer (issue 14)', () => {
  it('the debtor reads neither the secret seizure\'s row of the payment order nor the seizure until it is carried out; court staff do', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['t1'])]);
    const debtor = actors.party(body.debtor.partyId);
    const respondent = { partyId: body.debtor.partyId, name: '某某贸易有限公司', creditCode: code };

    // Pre-suit: ruled, suit filed, the factory sealed, not reported carried out.
    const secret = await ok(clerk, 'POST', '/preservations', application({
      applicant: { partyId: 'sec-applicant', name: '甲公司' }, respondent, propertyNamed: ['秘密厂房SECRET'],
    }));
    const base = `/preservations/${secret.preservationId}`;
    await ok(clerk, 'POST', `${base}/ruling`, { decision: 'granted', reason: '符合诉前保全条件' });
    await ok(clerk, 'POST', `${base}/suit-filed`, { caseNumber: '(2026)京0105民初81号' });
    await ok(officer, 'POST', `${base}/measures`, { measureId: 'plant', kind: 'real_estate', asset: '秘密厂房SECRET', location: '朝阳区不动产登记中心' });
    // In suit: no secret.
    const open = await ok(clerk, 'POST', '/preservations', application({
      kind: 'in_suit', caseNumber: '(2026)京0105民初82号', security: undefined,
      applicant: { partyId: 'open-applicant', name: '乙公司' }, respondent, propertyNamed: ['公开账户OPEN'],
    }));
    await ok(judge, 'POST', `/preservations/${open.preservationId}/ruling`, { decision: 'granted', reason: '符合诉讼保全条件' });
    await ok(officer, 'POST', `/preservations/${open.preservationId}/measures`, { measureId: 'acct', kind: 'bank_deposit', asset: '公开账户OPEN', location: '工商银行' });
    await eventually(async () => ((await h.db.pool.query('select count(*)::int as n from seizures where debtor_credit_code = $1', [code])).rows[0].n === 2 ? true : undefined));
    expect((await h.call(debtor, 'GET', base)).status).toBe(404);

    // Nobody consents within the reply period: the run ends and records the payment order.
    const handle = await trigger(h, body, profile(100));
    await waitForStage(handle, 'screening');
    await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await expect(handle.result()).rejects.toThrow();

    const staff = await ok(actors.officer, 'GET', `/transfers/${code}`);
    expect(staff.stage).toBe('no_consent');
    const staffLabels = (staff.around.distribution.rows as Row[]).map((r) => r.label);
    expect(staffLabels.filter((l) => l.includes('秘密厂房SECRET'))).toHaveLength(1);
    expect(staffLabels.filter((l) => l.includes('公开账户OPEN'))).toHaveLength(1);
    expect(staff.seizures.map((z: { asset: string }) => z.asset).sort()).toEqual(['公开账户OPEN', '秘密厂房SECRET']);
    expect(await page(actors.officer, `/console/transfers/${code}`)).toContain('秘密厂房SECRET');

    // The debtor: nothing of the secret seizure anywhere in the answer or the page, the order numbered without a gap.
    const seen = await ok(debtor, 'GET', `/transfers/${code}`);
    const text = JSON.stringify(seen);
    for (const hidden of ['SECRET', '(2026)京0105民初81号', secret.preservationId]) expect(text).not.toContain(hidden);
    const rows = seen.around.distribution.rows as Row[];
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBe(staff.around.distribution.rows.length - 1);
    expect(rows.some((r) => r.label.includes('公开账户OPEN'))).toBe(true);
    const order = (seen.history as { action: string; details: { order: Row[] } }[]).find((a) => a.action === 'attachmentDistribution')!.details.order;
    expect(order.map((r) => r.position)).toEqual(rows.map((r) => r.position));
    expect(seen.seizures.map((z: { asset: string }) => z.asset)).toEqual(['公开账户OPEN']);
    const debtorPage = await page(debtor, `/console/transfers/${code}`);
    expect(debtorPage).toContain('公开账户OPEN');
    expect(debtorPage).not.toContain('SECRET');
    expect(debtorPage).not.toContain('(2026)京0105民初81号');

    // Carried out: the respondent may read the preservation, and so the transfer shows the seizure to it.
    await ok(officer, 'POST', `${base}/execution-report`, { note: '已查封被申请人厂房' });
    await eventually(async () => ((await h.db.pool.query('select 1 from preservations where preservation_id = $1 and disclosed_at is not null', [secret.preservationId])).rows[0]));
    expect((await h.call(debtor, 'GET', base)).status).toBe(200);
    const disclosed = await ok(debtor, 'GET', `/transfers/${code}`);
    expect(disclosed.around.distribution.rows).toEqual(staff.around.distribution.rows);
    expect(disclosed.seizures.map((z: { asset: string }) => z.asset).sort()).toEqual(['公开账户OPEN', '秘密厂房SECRET']);
  });
});
