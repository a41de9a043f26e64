// Command one: everything on its embedded defaults in one process tree — the Temporal dev server
// (unless TEMPORAL_ADDRESS points elsewhere), migrations, the worker and the API. Ctrl-C stops it
// all; the data (SQLite file, PostgreSQL database) stays for the next run.
import { resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig, temporalAddress, usesEmbeddedTemporal } from './config';
import { createPool, ensureDatabase, migrate } from './db/database';
import { projectRoot } from './paths';
import { connectClient, connectWorker } from './temporal/connect';
import { installWorkerRuntime } from './temporal/logging';
import { createLogger } from './log';
import { registerSearchAttributes, startDevServer, type DevServer } from './temporal/dev-server';
import { ensureNamespace } from './temporal/cluster';
import { createWorker } from '../activities/worker';
import { startApiServer } from '../api/server';
import { prepareDatabase } from './db/prepare';
import { ensureBackgroundWork } from './background';
import { createAppPool } from './db/app-role';

const config = loadConfig('writer');
const dataDir = resolve(projectRoot, config.COURTRELAY_DATA_DIR);

let devServer: DevServer | undefined;
if (usesEmbeddedTemporal(config)) {
  console.log('temporal: starting the dev server (SQLite at ' + resolve(dataDir, 'temporal.sqlite') + ')');
  devServer = await startDevServer({
    dbFile: resolve(dataDir, 'temporal.sqlite'),
    port: config.TEMPORAL_DEV_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
  });
  // The dev server makes its namespace with a day's retention: a closed transfer, and with it the
  // "no second transfer" bar, would be gone the next day.
  const connection = await Connection.connect({ address: devServer.address });
  await ensureNamespace(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_RETENTION_DAYS);
  await connection.close();
} else {
  const connection = await Connection.connect({ address: temporalAddress(config) });
  await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE).catch((err: unknown) =>
    console.warn(`temporal: could not register search attributes (${String(err)}); ask the cluster operator to add them`));
  await connection.close();
}

await ensureDatabase(config.DATABASE_URL);
const applied = await migrate(config.DATABASE_URL, console.warn);
console.log(`postgres: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
const setupPool = createPool(config.DATABASE_URL, 2);
await prepareDatabase(setupPool);
await setupPool.end();
// Worker and API in one process, each still with its own database role.
const workerPool = createAppPool(config, 'worker');
const pool = createAppPool(config, 'api');

const client = await connectClient(config);
installWorkerRuntime(config, createLogger(config, 'worker'));
const workerConnection = await connectWorker(config);
const worker = await createWorker({ config, connection: workerConnection, pool: workerPool });
const workerRun = worker.run();
const api = await startApiServer({ config, client, pool }, config);
await ensureBackgroundWork(client, config);

const apiUrl = `http://${config.API_HOST}:${config.API_PORT}`;
console.log(`
courtrelay is running
  API          ${apiUrl}
  health       ${apiUrl}/healthz
  OpenAPI      ${apiUrl}/openapi.json  (browse: ${apiUrl}/docs)
  console      ${apiUrl}/console
  Temporal UI  ${devServer?.uiUrl ?? '(external cluster: ' + temporalAddress(config) + ')'}
Ctrl-C stops everything; data stays in ${dataDir} and database ${new URL(config.DATABASE_URL).pathname.slice(1)}.
`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the API, the worker and the Temporal dev server…`);
  await new Promise<void>((r) => api.close(() => r()));
  // The SDK's own signal handlers may have begun draining the worker already.
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun.catch(() => {});
  await workerConnection.close();
  await client.connection.close();
  await pool.end();
  await workerPool.end();
  await devServer?.stop();
  console.log('stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
