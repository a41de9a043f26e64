// A workflow outlives its server: stop the dev server mid-process, start it again on the same
// SQLite file, and the workflow completes.
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../infra/temporal/dev-server';
import { freePort } from '../setup/services';
import { testClient, uniqueTaskQueue, withWorker } from '../support/temporal';
import { proceedSignal } from '../fixtures/workflows/restart-probe';

const dir = mkdtempSync(join(tmpdir(), 'courtrelay-restart-'));
let server: DevServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('completes a workflow across a stop and restart of the Temporal dev server', async () => {
  const port = await freePort();
  const options = { dbFile: join(dir, 'temporal.sqlite'), port, uiPort: port, namespace: 'default', headless: true, logFile: openSync(join(dir, 'server.log'), 'a') };
  server = await startDevServer(options);
  const taskQueue = uniqueTaskQueue('restart');
  const workflowId = `restart-probe-${taskQueue}`;

  const before = await testClient(server.address);
  await withWorker({ taskQueue, activities: {}, address: server.address }, async () => {
    const handle = await before.workflow.start('restartProbe', { taskQueue, workflowId, args: [3000] });
    await handle.signal(proceedSignal);
    // Wait until the worker has started the timer, so the restart falls inside it.
    await expect.poll(async () => (await handle.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes), { timeout: 20_000 }).toBe(true);
  });
  await before.connection.close();

  await server.stop();
  server = await startDevServer(options);

  const after = await testClient(server.address);
  try {
    const result = await withWorker({ taskQueue, activities: {}, address: server.address }, () =>
      after.workflow.getHandle(workflowId).result());
    expect(result).toBe('survived');
  } finally {
    await after.connection.close();
  }
});
