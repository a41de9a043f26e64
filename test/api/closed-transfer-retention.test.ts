// Issue 19, "Done when": a closed transfer stays readable through the API for as long as a court may
// need it. Temporal removes a closed run and its history only when the namespace's retention has
// passed (test/workflows/transfer-bar.test.ts deletes one to show what is then left); the suite's
// namespace — the dev server's as `npm start` sets it, or the cluster's as `npm run cluster` creates
// it — keeps courtrelay's default of 3650 days, not Temporal's one day. A transfer run to its end is
// closed in Temporal, its retention runs to years after its close, and the API reads it whole.
import type { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { namespaceRetentionDays } from '../../infra/temporal/cluster';
import { parseConfig } from '../../infra/config';
import { recordConsentUpdate, recordScreeningUpdate } from '../../workflows/transfer/messages';
import { act, actors, courts, enforcementCase, newCreditCode, profile, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { useTransferApi } from '../support/api-client';

const h = useTransferApi();
const creditor = 'creditor-retention-1';
const dayMs = 86_400_000;

describe('a closed transfer', () => {
  it('is closed in Temporal, kept for the configured years after its close, and read whole through the API', async () => {
    const code = newCreditCode();
    const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, [creditor])]), profile(100));
    await waitForStage(handle, 'screening');
    await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await act(handle, recordConsentUpdate, { actor: actors.party(creditor), partyId: creditor, consents: false, note: '不同意' });
    // Nobody consented: the run ends (as a NoConsent failure, what the workflow answers its caller).
    await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'NoConsent' } });

    const described = await handle.describe();
    expect(described.status.name).toBe('FAILED');
    const retentionDays = await namespaceRetentionDays(h.client.connection as Connection, h.client.options.namespace);
    expect(retentionDays).toBe(parseConfig({}).TEMPORAL_RETENTION_DAYS);
    const keptUntil = described.closeTime!.getTime() + retentionDays * dayMs;
    expect(keptUntil - Date.now(), 'kept at least nine years from now').toBeGreaterThan(9 * 365 * dayMs);

    for (const actor of [actors.officer, actors.party(creditor)]) {
      const res = await h.call(actor, 'GET', `/transfers/${code}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.stage).toBe('no_consent');
      expect(res.body.history.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['requestConsent', 'consentRefused']));
    }
  });
});
