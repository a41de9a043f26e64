// A deadline that runs into a year whose holiday calendar is not loaded (2027 here) is computed on
// weekends alone and says so: provisional in the API's status, in the deadlines read model the
// inbox and pages read, and on the console's transfer page.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/http/auth';
import type { Config } from '../../infra/config';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { statutory } from '../../workflows/clock/statute-profile';
import { actors, enforcementCase, newCreditCode, registerCases, screening, triggerFor } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { testConfig } from '../support/temporal';

let h: TransferHarness;
let config: Config;
beforeAll(async () => {
  h = await startTransferHarness();
  await loadShippedCalendars(h.db.pool);
  // The statutory clock, with a consent-reply period long enough to end past 2026.
  const dir = mkdtempSync(join(tmpdir(), 'provisional-'));
  const file = join(dir, 'profile.json');
  writeFileSync(file, JSON.stringify({ ...statutory, name: 'long-reply', periods: { ...statutory.periods, consentReply: { amount: 400, unit: 'days', article: 'test' } } }));
  config = testConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue, STATUTE_PROFILE_FILE: file });
});
afterAll(async () => { await h?.stop(); });

it('shows a deadline in a year with no calendar as provisional, in the API and the read model', async () => {
  const app = createApp({ config, client: h.client, pool: h.db.pool });
  const token = await mintToken(config.JWT_SECRET, actors.officer);
  const post = (path: string, body: unknown) => app.request(path, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const code = newCreditCode();
  const cases = [enforcementCase(actors.officer.court!, ['k1'])];
  await registerCases(h.db.pool, code, cases);
  expect((await post('/transfers', triggerFor(code, cases))).status).toBe(201);
  await expect.poll(async () => (await post(`/transfers/${code}/screening`, screening)).status, { timeout: 20_000 }).toBe(200);

  const status = await (await app.request(`/transfers/${code}`, { headers: { authorization: `Bearer ${token}` } })).json() as {
    openDeadlines: Array<{ name: string; dueAt: string; provisional: boolean }>;
  };
  const reply = status.openDeadlines.find((d) => d.name === 'consentReply')!;
  expect(reply.dueAt.startsWith('2027') || reply.dueAt.startsWith('2028')).toBe(true);
  expect(reply.provisional).toBe(true);
  await expect.poll(async () => (await h.db.pool.query(
    "select provisional from deadlines where process_id = $1 and name = 'consentReply'", [`transfer-${code}`])).rows[0]?.provisional,
  { timeout: 10_000 }).toBe(true);
});
