// Documents and party notices of the transfer on real Temporal and PostgreSQL: the consent request
// with its 释明 to every party, the decision, a suspension notice per enforcement court and the
// package index, each stored with its SHA-256 and that hash in the audit trail; parties are told of
// suspension, hand-over and resumption. RECORD_TRANSFER_HISTORIES=1 re-records the replayed histories.
import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptUpdate, addCaseUpdate, docketUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordHandOverUpdate,
  recordReturnUpdate, recordScreeningUpdate, recordServiceUpdate, rejectUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import {
  act, actors, chinaToday, courts, enforcementCase, newCreditCode, profile, proposal, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const today = chinaToday();
const decisionNumber = '(2025)京0105执移3号';

const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-${scenario}`);

async function documents(code: string) {
  const { rows } = await h.db.pool.query<{ id: string; kind: string; recipient: string | null; party_ids: string[]; content: string; sha256: string }>(
    `select id, kind, recipient, party_ids, content, sha256 from documents where process_id = 'transfer-' || $1 order by created_at, id`, [code],
  );
  return rows;
}

async function partyNotices(code: string, kind: string) {
  const { rows } = await h.db.pool.query<{ recipient_kind: string; recipient: string; body: string }>(
    'select recipient_kind, recipient, body from transfer_notices where credit_code = $1 and kind = $2 order by recipient', [code, kind],
  );
  return rows;
}

async function toDecided(body: ReturnType<typeof triggerFor>, consentBy: string) {
  const handle = await trigger(h, body, profile(400));
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  await act(handle, recordConsentUpdate, { actor: actors.party(consentBy), partyId: consentBy, consents: true, documentRef: `doc:consent-${consentBy}` });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber });
  return handle;
}

describe('transfer documents and party notices', () => {
  it('issues the consent request with 释明, the decision, suspension notices and the package index, hashes audited; parties told of suspension and hand-over', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [
      enforcementCase(courts.enforcement, ['a1'], [{ itemId: 'x-cash', kind: 'money', description: '执行款3万元', status: 'held', perishable: false }]),
      enforcementCase(courts.second, ['a2'], [{ itemId: 'x-veg', kind: 'movable', description: '冷藏蔬菜5吨', status: 'held', perishable: true }]),
    ]);
    const handle = await toDecided(body, 'a1');
    const debtor = body.debtor.partyId;

    const docs = await documents(code);
    const consent = docs.filter((d) => d.kind === 'consent_request');
    expect(consent.map((d) => d.recipient).sort()).toEqual(['a1', 'a2', debtor].sort());
    const toA1 = consent.find((d) => d.recipient === 'a1')!;
    expect(toA1.party_ids).toEqual(['a1']);
    expect(toA1.content).toContain('释明');
    expect(toA1.content).toContain(body.cases[0]!.caseNumber);
    expect(toA1.content).not.toContain(body.cases[1]!.caseNumber);
    expect(toA1.content).toContain('第五百一十四条');

    const decision = docs.find((d) => d.kind === 'transfer_decision')!;
    expect(decision.content).toContain('执行案件移送破产审查决定书');
    expect(decision.content).toContain(decisionNumber);
    expect(decision.content).toContain('某某贸易有限公司');
    expect(decision.content).toContain('申请执行人申请执行人a1书面同意');
    // The receiving court by its registry name, never its code (issue 17).
    const { rows: [receiving] } = await h.db.pool.query<{ name: string }>('select name from courts where code = $1', [courts.receiving]);
    expect(decision.content).toContain(`移送${receiving?.name ?? courts.receiving}`);
    if (receiving) expect(decision.content).not.toContain(courts.receiving);
    expect(decision.party_ids.sort()).toEqual(['a1', 'a2', debtor].sort());

    const suspension = docs.filter((d) => d.kind === 'suspension_notice');
    expect(suspension.map((d) => d.recipient).sort()).toEqual([courts.enforcement, courts.second].sort());
    const atSecond = suspension.find((d) => d.recipient === courts.second)!;
    expect(atSecond.content).toContain('冷藏蔬菜5吨');
    expect(atSecond.party_ids.sort()).toEqual(['a2', debtor].sort());

    const index = docs.find((d) => d.kind === 'package_index')!;
    expect(index.recipient).toBe(courts.receiving);
    expect(index.party_ids).toEqual([]);
    expect(index.content).toMatch(/一、移送决定书：\(2025\)京0105执移3号/);
    expect(index.content).toContain('二、申请执行人或被执行人同意移送的书面材料：doc:consent-a1');
    expect(index.content).toContain('六、其他材料：无');

    for (const d of docs) expect(d.sha256).toBe(createHash('sha256').update(d.content, 'utf8').digest('hex'));
    const { rows: audited } = await h.db.pool.query<{ details: { documents: { documentId: string; sha256: string }[] } }>(
      `select details from audit_trail where process_id = 'transfer-' || $1 and action = 'issueDocuments' order by id`, [code],
    );
    expect(audited).toHaveLength(2);
    expect(audited.flatMap((a) => a.details.documents).map((d) => [d.documentId, d.sha256]).sort()).toEqual(docs.map((d) => [d.id, d.sha256]).sort());

    expect((await partyNotices(code, 'party_suspension')).map((n) => n.recipient).sort()).toEqual(['a1', 'a2', debtor].sort());

    // A case joining after the decision: its court gets a suspension notice (document), its applicant is told.
    const late = enforcementCase(courts.third, ['a3']);
    await act(handle, addCaseUpdate, { actor: actors.officer3, case: late });
    const lateNotice = (await documents(code)).filter((d) => d.kind === 'suspension_notice' && d.recipient === courts.third);
    expect(lateNotice).toHaveLength(1);
    expect(lateNotice[0]!.content).toContain(late.caseNumber);
    expect((await partyNotices(code, 'party_suspension')).map((n) => n.recipient)).toContain('a3');

    let s = await status(handle);
    await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: s.parties.map((p) => p.partyId), servedOn: today });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2025)京01破申31号' });
    s = await waitForStage(handle, 'under_review');
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申31号之一' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: s.parties.map((p) => p.partyId), servedOn: today });
    await act(handle, recordHandOverUpdate, { actor: actors.officer, items: [{ itemId: 'x-cash', to: 'administrator' }, { itemId: 'x-veg', to: 'administrator' }], seizures: [], enforcementCosts: [] });
    const handOver = await partyNotices(code, 'hand_over_recorded');
    expect(handOver.map((n) => `${n.recipient_kind}:${n.recipient}`).sort()).toEqual(
      ['party:a1', 'party:a2', 'party:a3', `party:${debtor}`, `court:${courts.receiving}`].sort());
    expect(handOver[0]!.body).toContain('所有权已经转移的财产不予移交');
    await keepHistory(handle, 'documents-accepted-hand-over');
    await handle.terminate('test over');
  });

  it('rejected and returned: every party is told enforcement resumes', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['b1']), enforcementCase(courts.second, ['b2'])]);
    const handle = await toDecided(body, 'b2');
    await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申32号' });
    const s = await waitForStage(handle, 'under_review');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申32号之一', reasons: '被执行人资产足以清偿' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: s.parties.map((p) => p.partyId), servedOn: today });
    for (let i = 0; i < 200 && !(await status(handle)).ruling?.effectiveAt; i++) await new Promise((r) => setTimeout(r, 100));
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: [], materialReturned: true });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    const resumed = await partyNotices(code, 'party_resumption');
    expect(resumed.map((n) => n.recipient).sort()).toEqual(['b1', 'b2', body.debtor.partyId].sort());
    expect(resumed.find((n) => n.recipient === 'b1')!.body).toContain(body.cases[0]!.caseNumber);
    expect(resumed.find((n) => n.recipient === 'b1')!.body).not.toContain(body.cases[1]!.caseNumber);
    expect((await partyNotices(code, 'enforcement_resumed')).map((n) => n.recipient).sort()).toEqual([courts.enforcement, courts.second].sort());
    await keepHistory(handle, 'documents-rejected-returned');
  });
});
