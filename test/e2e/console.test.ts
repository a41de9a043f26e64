// The staff console in real headless Chromium against the app on a real port, a real Temporal
// worker and a fresh PostgreSQL database: sign-in, inbox, work queue hand-off, supervisor's board,
// each at laptop and tablet width (screenshots in test-artifacts/console/).
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index';
import { createApp } from '../../api/app';
import type { Config } from '../../infra/config';
import { freePort } from '../setup/services';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig, withWorker } from '../support/temporal';
import { launchBrowser, type BrowserHarness } from './browser';

let db: TestDatabase;
let client: Client;
let config: Config;
let server: ServerType;
let base: string;
let browser: BrowserHarness;

async function signInAs(userId: string): Promise<void> {
  const { page } = browser;
  await page.goto(`${base}/console/signin`);
  await page.click(`button[data-user="${userId}"]`);
  await page.waitForLoadState('domcontentloaded');
}

async function signOut(): Promise<void> {
  await browser.page.click('text=退出登录');
  await browser.page.waitForURL(/\/console\/signin/);
}

beforeAll(async () => {
  db = await freshDatabase();
  client = await testClient();
  config = testConfig();
  const app = createApp({ config, client, pool: db.pool });
  const port = await freePort();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  base = `http://127.0.0.1:${port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await client?.connection.close();
  await db?.close();
});

describe('staff console', () => {
  it('signs in, shows the inbox most urgent first, hands work on within the division, and shows the board', async () => {
    const activities = createActivities({ pool: db.pool });
    await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities }, async () => {
      const now = Date.now();
      // Two deadlines of the enforcement court, one already past, as the workflows record them.
      await activities.recordDeadline({
        deadlineKey: 'transfer-91350100M000100Y43:consent-reply', processKind: 'transfer', processId: 'transfer-91350100M000100Y43',
        name: 'consentReply', label: '征询意见答复期限', court: 'bj-chaoyang', dueAt: new Date(now + 5 * 86_400_000).toISOString(), provisional: false, status: 'open',
      });
      await activities.recordDeadline({
        deadlineKey: 'transfer-91110105MA00000001:service', processKind: 'transfer', processId: 'transfer-91110105MA00000001',
        name: 'decisionService', label: '移送决定书送达期限', court: 'bj-chaoyang', dueAt: new Date(now - 3_600_000).toISOString(), provisional: false, status: 'overdue',
      });
      const { page } = browser;

      await page.goto(`${base}/`);
      await page.waitForURL(/\/console\/signin/);
      expect(await page.textContent('h1')).toContain('登录');
      await browser.shoot('01-signin');

      await signInAs('officer-wang');
      await page.waitForURL(/\/console\/inbox/);
      const labels = await page.locator('#inbox tbody tr td:first-child').allTextContents();
      expect(labels).toEqual(['移送决定书送达期限', '征询意见答复期限']);
      expect(await page.locator('#inbox .badge.late').first().textContent()).toContain('已超期');
      const cookie = (await browser.context.cookies()).find((c) => c.name === 'courtrelay_console');
      expect(cookie?.httpOnly).toBe(true);
      await browser.shoot('02-inbox-officer');

      await page.click('nav >> text=工作队列');
      await page.click('tr[data-process="transfer-91110105MA00000001"] >> button:has-text("认领")');
      await page.waitForURL(/done=1/);
      await expect.poll(() => page.locator('tr[data-process="transfer-91110105MA00000001"] td:nth-child(4)').textContent()).toContain('officer-wang');
      await browser.shoot('03-queue-claimed');

      await signOut();
      await signInAs('supervisor-zhou');
      await page.waitForURL(/\/console\/board/);
      expect(await page.locator('[data-figure="overdue"]').textContent()).toBe('1');
      const boardRows = await page.locator('#board-deadlines tbody tr td:first-child').allTextContents();
      expect(boardRows[0]).toBe('移送决定书送达期限');
      await browser.shoot('04-board-supervisor');

      // The supervisor hands the claimed item to a colleague of the enforcement division.
      await page.click('nav >> text=工作队列');
      const row = page.locator('tr[data-process="transfer-91110105MA00000001"]');
      await row.locator('select[name="assignee"]').selectOption('panel-li');
      await row.locator('input[name="reason"]').fill('王执行出差');
      await row.locator('button:has-text("转交")').click();
      await page.waitForURL(/done=1/);
      expect(await page.locator('tr[data-process="transfer-91110105MA00000001"] td:nth-child(4)').textContent()).toContain('panel-li');
      const handOffs = await db.pool.query(
        "select action, actor_id, details->>'from' as from_user, details->>'to' as to_user, reason from audit_trail where action like 'workqueue.%' order by id",
      );
      expect(handOffs.rows).toEqual([
        { action: 'workqueue.claim', actor_id: 'officer-wang', from_user: null, to_user: 'officer-wang', reason: null },
        { action: 'workqueue.assign', actor_id: 'supervisor-zhou', from_user: 'officer-wang', to_user: 'panel-li', reason: '王执行出差' },
      ]);
    });
  });

  it('refuses a form post from another site', async () => {
    const response = await fetch(`${base}/console/queue/claim`, {
      method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'processId=x',
    });
    expect(response.status).toBe(403);
  });

});
