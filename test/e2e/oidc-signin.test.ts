// Signing in to the console through the court's identity provider, in real headless Chromium: a
// real OpenID Connect provider (oidc-provider) started here, the console on a real port. The
// person leaves for the provider's sign-in page, comes back through the authorization code flow
// and lands on the page of the role the provider's claims map to; someone the provider knows but
// who holds no courtrelay role is told so and not signed in.
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { freePort } from '../setup/services';
import { freshDatabase, type TestDatabase } from '../support/database';
import { startTestIdp, type TestIdp } from '../support/oidc-idp';
import { testClient, testConfig } from '../support/temporal';
import { launchBrowser, type BrowserHarness } from './browser';

let db: TestDatabase;
let client: Client;
let idp: TestIdp;
let server: ServerType;
let base: string;
let browser: BrowserHarness;

beforeAll(async () => {
  db = await freshDatabase();
  client = await testClient();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  idp = await startTestIdp({
    'li-officer': { name: '李执行员', roles: ['执行员'], court: 'BPC-110105' },
    'guest': { name: '访客甲', roles: ['访客'], court: 'BPC-110105' },
  }, [`${base}/console/oidc/callback`]);
  const app = createApp({ config: testConfig(idp.config(base)), client, pool: db.pool });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await idp?.close();
  await client?.connection.close();
  await db?.close();
});

/** From the console's sign-in page through the provider's login and consent pages. */
async function signInAtProvider(login: string): Promise<void> {
  const { page } = browser;
  await page.goto(`${base}/console/signin`);
  await page.click('#court-signin');
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any password the test provider takes');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  // The provider asks once whether the console may have the person's profile.
  if (new URL(page.url()).origin === idp.issuer) await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await page.waitForURL((url) => url.origin === base);
}

describe('console sign-in through the court\'s identity provider', () => {
  it('signs an officer in from the provider and keeps the session for the console\'s pages', async () => {
    await signInAtProvider('li-officer');
    const { page } = browser;
    expect(new URL(page.url()).pathname).toBe('/console/inbox');
    expect(await page.textContent('body')).toContain('李执行员');
    await browser.shoot('oidc-signed-in');
    const session = (await browser.context.cookies(`${base}/console`)).find((c) => c.name === 'courtrelay_console');
    expect(session?.httpOnly).toBe(true);
    // The console's pages act with the provider's token: another page loads without a new sign-in.
    await page.goto(`${base}/console/transfers/new`);
    expect(new URL(page.url()).pathname).toBe('/console/transfers/new');
    await page.click('text=退出登录');
    await page.waitForURL(/\/console\/signin/);
  });

  it('tells someone the provider knows but who holds no courtrelay role, and signs nobody in', async () => {
    await browser.context.clearCookies();
    await signInAtProvider('guest');
    const { page } = browser;
    expect(new URL(page.url()).pathname).toBe('/console/oidc/callback');
    expect(await page.textContent('[role="alert"]')).toMatch(/身份认证通过，但不能使用本系统.*roles claim/);
    expect((await browser.context.cookies(`${base}/console`)).some((c) => c.name === 'courtrelay_console')).toBe(false);
    await page.goto(`${base}/console/inbox`);
    expect(new URL(page.url()).pathname).toBe('/console/signin');
  });
});
