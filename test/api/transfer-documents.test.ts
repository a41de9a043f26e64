// GET /transfers/{creditCode}/documents[/{documentId}] on real Temporal and PostgreSQL: court staff
// entitled to the transfer read every document; a party reads only those addressed to it or about
// its own cases; others are refused with a reason; the hash shown is the one the audit trail holds.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import {
  panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordScreeningUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import { act, actors, courts, enforcementCase, newCreditCode, profile, proposal, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { useTransferApi } from '../support/api-client';

const h = useTransferApi();
const code = newCreditCode();
const body = triggerFor(code, [enforcementCase(courts.enforcement, ['p1']), enforcementCase(courts.second, ['p2'])]);

/**
 * A seizure of the debtor in the register (issue 14), held by `court` for `caseNumber`: a converted
 * preservation measure or an enforcement seizure, as the preservation workflow and enforcement write them.
 */
const seize = (key: string, court: string, caseNumber: string, row: Record<string, unknown>) => {
  const all = {
    seizure_key: `${key}-${code}`, debtor_credit_code: code, court, holding_court: court, case_number: caseNumber, status: 'live', term: 1, ...row,
  };
  const columns = Object.keys(all);
  return h.db.pool.query(`insert into seizures (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(all));
};

beforeAll(async () => {
  // The president signed in once under their name (migration 190's registry): the decision prints it.
  await h.db.pool.query(`insert into people (user_id, display_name, role, court) values ('president-1', '赵明远', 'court_president', $1)`, [courts.enforcement]);
  // Two live seizures of the debtor held by two courts, and one released (it secures nothing, GO art. 10 item 3 lists it not).
  await seize('factory', courts.enforcement, body.cases[0]!.caseNumber, {
    source: 'preservation', asset_kind: 'real_estate', asset: '朝阳区酒仙桥路10号厂房', location: '北京市朝阳区不动产登记中心', rank: 1,
    taken_at: '2025-03-01T01:00:00Z', effective_at: '2025-03-01T01:00:00Z', converted_at: '2025-05-01T01:00:00Z',
    expires_at: '2028-02-29T15:59:59.999Z', renew_by: '2028-02-14T15:59:59.999Z',
  });
  await seize('account', courts.second, body.cases[1]!.caseNumber, {
    source: 'enforcement', asset_kind: 'bank_deposit', asset: '账户 6222 0200 1234', location: '工商银行海淀支行', rank: 1,
    taken_at: '2025-06-10T02:00:00Z', effective_at: '2025-06-10T02:00:00Z', expires_at: '2026-06-09T15:59:59.999Z', renew_by: '2026-05-25T15:59:59.999Z',
  });
  await seize('car', courts.second, body.cases[1]!.caseNumber, {
    source: 'enforcement', asset_kind: 'movables', asset: '京A12345货车', location: '海淀区停车场', rank: 1, status: 'released',
    taken_at: '2025-06-11T02:00:00Z', released_at: '2025-07-01T02:00:00Z',
  });
  const handle = await trigger(h, body, profile(400));
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  await act(handle, recordConsentUpdate, { actor: actors.party('p1'), partyId: 'p1', consents: true, documentRef: 'doc:consent-p1' });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移8号' });
});

const get = (actor: Actor, path: string) => h.call(actor, 'GET', path);

type Item = { id: string; kind: string; recipient: string | null; sha256: string };
const list = async (actor: Actor) => {
  const res = await get(actor, `/transfers/${code}/documents`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Item[];
};
const kinds = (items: Item[]) => items.map((d) => `${d.kind}:${d.recipient ?? 'file'}`).sort();

describe('transfer documents API', () => {
  it('court staff of the transfer read every document; the text has the hash the audit trail recorded', async () => {
    const items = await list(actors.officer);
    expect(kinds(items)).toEqual([
      `consent_request:${body.debtor.partyId}`, 'consent_request:p1', 'consent_request:p2', `package_index:${courts.receiving}`,
      `suspension_notice:${courts.enforcement}`, `suspension_notice:${courts.second}`, 'transfer_decision:file',
    ].sort());
    expect(kinds(await list(actors.judge))).toEqual(kinds(items));
    const decision = items.find((d) => d.kind === 'transfer_decision')!;
    const one = await get(actors.officer2, `/transfers/${code}/documents/${decision.id}`);
    expect(one.status).toBe(200);
    expect(one.body.content).toContain('(2025)京0105执移8号');
    expect(createHash('sha256').update(one.body.content, 'utf8').digest('hex')).toBe(one.body.sha256);
    // Names, not codes (issue 17): the registry's court names and the signer's name; the date in Chinese numerals.
    const { rows: [receiving] } = await h.db.pool.query(
      'select c.name from transfers t join courts c on c.code = t.receiving_court where t.credit_code = $1', [code]);
    expect(one.body.content).toContain(`移送${receiving.name}进行破产审查`);
    expect(one.body.content).toContain('院长签发：赵明远');
    // (the fixture's 案号 carry court codes; everything else must not)
    expect((one.body.content as string).replace(/\(\d{4}\)\S+?号/g, '')).not.toMatch(/[A-Z]{3}-\d{6}|president-1/);
    expect(one.body.content).toMatch(/\n二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日\n?$/);
    const index = items.find((d) => d.kind === 'package_index')!;
    const indexText = (await get(actors.officer, `/transfers/${code}/documents/${index.id}`)).body.content as string;
    expect(indexText).toContain('财产调查记录（');
    expect(indexText).not.toContain('investigation:');
    // Item 3 (GO art. 10): the investigation and every seizure of the debtor in the register, whichever court holds it.
    const item3 = indexText.slice(indexText.indexOf('三、财产调查结果及查封、扣押、冻结财产清单'), indexText.indexOf('四、'));
    expect(item3).toContain('查封、扣押、冻结财产清单（据查封登记，共2项）：');
    expect(item3).toContain('1. 不动产：朝阳区酒仙桥路10号厂房（北京市朝阳区不动产登记中心）；北京市朝阳区人民法院查封，第1顺位；'
      + '二〇二五年三月一日查封，二〇二八年二月二十九日到期；');
    expect(item3).toContain('2. 银行存款：账户 6222 0200 1234（工商银行海淀支行）；北京市海淀区人民法院冻结，第1顺位；'
      + '二〇二五年六月十日冻结，二〇二六年六月九日到期；');
    expect(item3).not.toContain('京A12345货车');
    const { rows } = await h.db.pool.query(
      `select d->>'sha256' as sha from audit_trail, jsonb_array_elements(details->'documents') d
       where action = 'issueDocuments' and d->>'documentId' = $1`, [decision.id],
    );
    expect(rows).toEqual([{ sha: one.body.sha256 }]);
  });

  it('the status lists the debtor\'s seizures from the register beside the transfer\'s property: court staff and the debtor all, a creditor its own case\'s', async () => {
    const officer = await get(actors.officer, `/transfers/${code}`);
    expect(officer.status).toBe(200);
    expect(officer.body.seizures).toEqual([
      expect.objectContaining({
        kind: 'real_estate', kindLabel: '不动产', asset: '朝阳区酒仙桥路10号厂房', holderCourt: courts.enforcement, rank: 1,
        takenAt: '2025-03-01T01:00:00.000Z', expiresAt: '2028-02-29T15:59:59.999Z', caseNumber: body.cases[0]!.caseNumber,
      }),
      expect.objectContaining({
        kind: 'bank_deposit', kindLabel: '银行存款', asset: '账户 6222 0200 1234', holderCourt: courts.second, rank: 1,
        takenAt: '2025-06-10T02:00:00.000Z', expiresAt: '2026-06-09T15:59:59.999Z', caseNumber: body.cases[1]!.caseNumber,
      }),
    ]);
    // Decided and under the bankruptcy court's review: the register shows the transfer holding both.
    expect(officer.body.seizures.map((z: { holderLabel: string }) => z.holderLabel)).toEqual(['执转破审查中', '执转破审查中']);
    expect((await get(actors.party(body.debtor.partyId), `/transfers/${code}`)).body.seizures).toHaveLength(2);
    expect((await get(actors.party('p2'), `/transfers/${code}`)).body.seizures.map((z: { asset: string }) => z.asset)).toEqual(['账户 6222 0200 1234']);
  });

  it('a party reads its own consent request, the decision and the suspension notice of its case, nothing else', async () => {
    const items = await list(actors.party('p2'));
    expect(kinds(items)).toEqual(['consent_request:p2', `suspension_notice:${courts.second}`, 'transfer_decision:file']);
    expect(kinds(await list(actors.party(body.debtor.partyId)))).toEqual([
      `consent_request:${body.debtor.partyId}`, `suspension_notice:${courts.enforcement}`, `suspension_notice:${courts.second}`, 'transfer_decision:file',
    ]);
    const all = await list(actors.officer);
    const othersRequest = all.find((d) => d.kind === 'consent_request' && d.recipient === 'p1')!;
    const refused = await get(actors.party('p2'), `/transfers/${code}/documents/${othersRequest.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/未送达给你/);
    const own = await get(actors.party('p2'), `/transfers/${code}/documents/${items.find((d) => d.kind === 'consent_request')!.id}`);
    expect(own.status).toBe(200);
    expect(own.body.content).toContain('释明');
  });

  it('refuses outsiders, unknown transfers and documents, and malformed ids, with reasons', async () => {
    const outsider = await get(actors.outsider, `/transfers/${code}/documents`);
    expect(outsider.status).toBe(403);
    expect(outsider.body.message).toMatch(/transfer\.view/);
    const stranger = await get(actors.party('nobody'), `/transfers/${code}/documents`);
    expect(stranger.status).toBe(403);
    const unknown = await get(actors.officer, `/transfers/${newCreditCode()}/documents`);
    expect(unknown.status).toBe(404);
    const missing = await get(actors.officer, `/transfers/${code}/documents/doc-${'0'.repeat(24)}`);
    expect(missing.status).toBe(404);
    const malformed = await get(actors.officer, `/transfers/${code}/documents/not-a-document`);
    expect(malformed.status).toBe(422);
    expect(malformed.body.fields[0].field).toBe('documentId');
    const noToken = await h.app.request(`/transfers/${code}/documents`);
    expect(noToken.status).toBe(401);
  });
});
