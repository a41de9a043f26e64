// Issue 13 on the real server under the statutory clock: the consent request's service (GO art. 4).
// Each party's reply period runs from the day after the request was served on it, once staff record
// the service (送达日期); until then the request's own period (from when it was sent) stands as the
// provisional one. The request is sent when the test runs, so service can only be dated today: the
// due date is checked against the law's count from that date, the refusals against the dates named.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { addDays, cstDateOf } from '../../workflows/clock/cst';
import { statutory } from '../../workflows/clock/statute-profile';
import { recordConsentServiceUpdate, recordConsentUpdate, recordScreeningUpdate } from '../../workflows/transfer/messages';
import { act, actors, courts, enforcementCase, newCreditCode, screening, status, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => {
  h = await startTransferHarness();
  await loadShippedCalendars(h.db.pool);
});
afterAll(async () => { await h?.stop(); });

const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-${scenario}`);
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));

describe('the consent request\'s service (statutory clock, real Temporal)', () => {
  it('a party\'s reply period runs from the service recorded for it; the others keep the request\'s provisional period; dates before the request or in the future are refused, naming the field', async () => {
    const code = newCreditCode();
    const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, ['S1', 'S2'])]), statutory);
    await waitForStage(handle, 'screening');
    await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    const today = cstDateOf(Date.now());
    const asked = await status(handle);
    const provisional = asked.deadlines.find((d) => d.key.includes(':consentReply:'))!.dueAt;

    // Not before the request was sent, not in the future; a party not asked, or asked already served, is refused.
    expect(await refusal(act(handle, recordConsentServiceUpdate, { actor: actors.officer, partyIds: ['S1'], servedOn: addDays(today, -1) })))
      .toMatch(new RegExp(`^servedOn：${addDays(today, -1)}早于askedAt（征询意见发出时间）`));
    expect(await refusal(act(handle, recordConsentServiceUpdate, { actor: actors.officer, partyIds: ['S1'], servedOn: addDays(today, 1) })))
      .toMatch(/^servedOn：.*晚于当前时间/);
    expect(await refusal(act(handle, recordConsentServiceUpdate, { actor: actors.officer, partyIds: ['nobody'], servedOn: today })))
      .toMatch(/^partyIds：nobody不是本案征询的/);

    await act(handle, recordConsentServiceUpdate, { actor: actors.officer, partyIds: ['S1'], servedOn: today });
    // (The identical call again is the same act, acknowledged; a new one naming S1 is refused.)
    expect(await refusal(act(handle, recordConsentServiceUpdate, { actor: actors.officer, partyIds: ['S1', 'S2'], servedOn: today })))
      .toMatch(new RegExp(`^partyIds：征询意见已于${today}送达S1`));
    const s = await status(handle);
    // 15 days from the day after service (民事诉讼法 art. 85), moved off rest days, on the loaded calendars.
    const served = s.deadlines.find((d) => d.key.includes(':servedConsentReply:'))!;
    expect(served.label).toBe(`征询意见答复期限（S1，${today}送达）`);
    expect(s.consents.find((c) => c.partyId === 'S1')).toMatchObject({ servedOn: today, replyBy: served.dueAt, replyDeadlineKey: served.key });
    expect(served.dueAt.endsWith('T23:59:59.999+08:00')).toBe(true);
    expect(served.dueAt >= `${addDays(today, 15)}T23:59:59.999+08:00`).toBe(true);
    // Served the day the request went out, both periods end together; the unserved keep the request's (provisional) one.
    expect(served.dueAt).toBe(provisional);
    expect(s.consents.find((c) => c.partyId === 'S2')).not.toHaveProperty('servedOn');
    expect(s.consents.find((c) => c.partyId === 'S2')).not.toHaveProperty('replyBy');
    // The read model carries the same legal dates, so lists and reports can tell a silence past its period.
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(
        "select party_id, served_on, reply_by from transfer_consents where credit_code = $1 and party_id in ('S1', 'S2') order by party_id", [code]);
      expect(rows).toEqual([
        { party_id: 'S1', served_on: today, reply_by: new Date(served.dueAt) },
        { party_id: 'S2', served_on: null, reply_by: null },
      ]);
    }, { timeout: 10_000 });

    // Everyone the service covered replied: that period is met.
    await act(handle, recordConsentUpdate, { actor: actors.party('S1'), partyId: 'S1', consents: false, note: '不同意' });
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(
        `select name, status from deadlines where process_id = $1 and name in ('consentReply', 'servedConsentReply') order by name`, [`transfer-${code}`]);
      expect(rows).toEqual([{ name: 'consentReply', status: 'open' }, { name: 'servedConsentReply', status: 'met' }]);
    }, { timeout: 10_000 });
    // A party that has replied needs no period.
    expect(await refusal(act(handle, recordConsentServiceUpdate, { actor: actors.officer, partyIds: ['S2', 'S1'], servedOn: today })))
      .toMatch(/^partyIds：征询意见已于/);
    // Audited with its legal date beside the recording time.
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query(
        `select details->>'servedOn' as served, details->>'replyBy' as "replyBy" from audit_trail where process_id = $1 and action = 'serveConsentRequest'`, [`transfer-${code}`]);
      expect(rows).toEqual([{ served: today, replyBy: served.dueAt }]);
    }, { timeout: 10_000 });
    await keepHistory(handle, 'consent-request-served');
  });
});
