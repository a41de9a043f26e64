// The console as its end-to-end tests meet it: the app on a real port of its own, a fresh database,
// a Temporal client, a statute profile at a given speed, and headless Chromium.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import type { Config } from '../../infra/config';
import { compressed } from '../../workflows/clock/statute-profile';
import { freePort } from '../setup/services';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig } from '../support/temporal';
import { launchBrowser, type BrowserHarness } from './browser';

export interface ConsoleHarness {
  db: TestDatabase;
  client: Client;
  config: Config;
  /** `http://127.0.0.1:<port>` of the app. */
  base: string;
  browser: BrowserHarness;
  close(): Promise<void>;
}

/**
 * Starts the app with the compressed profile at `msPerDay` milliseconds a statutory day (named
 * `name` in the profile file), on a free loopback port, and a browser at laptop width. The caller
 * runs its own worker (withWorker) with `config.TEMPORAL_TASK_QUEUE`. `close()` stops all of it.
 */
export async function serveConsole(options: { name: string; msPerDay: number }): Promise<ConsoleHarness> {
  const db = await freshDatabase();
  const client = await testClient();
  const dir = mkdtempSync(join(tmpdir(), `${options.name}-`));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify({ ...compressed, name: options.name, clock: { mode: 'compressed', msPerDay: options.msPerDay } }));
  const config = testConfig({ STATUTE_PROFILE_FILE: join(dir, 'profile.json') });
  const app = createApp({ config, client, pool: db.pool });
  const port = await freePort();
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  const browser = await launchBrowser();
  return {
    db, client, config, browser, base: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await client.connection.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
