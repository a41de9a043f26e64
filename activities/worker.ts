// The worker process: hosts every workflow and activity on the configured task queue. Run more of
// these (on more machines, against a Temporal cluster) to scale out; nothing else changes.
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import type pg from 'pg';
import { loadConfig, type Config } from '../infra/config';
import { createAppPool } from '../infra/db/app-role';
import { connectWorker } from '../infra/temporal/connect';
import { installWorkerRuntime } from '../infra/temporal/logging';
import { createLogger } from '../infra/log';
import { caseNumberLogInterceptors } from './log-context';
import { configuredDataConverter } from '../infra/temporal/payload-codec';
import { failureInterceptors, FailureRecorder } from './failures';
import { createActivities } from './index';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  pool: pg.Pool;
  /** Where failing processes are recorded: a pool of its own, so a recording never waits behind the writes that fail. */
  failurePool?: pg.Pool;
  /** A prebuilt bundle (tests, benchmarks); production bundles workflowsPath at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.TEMPORAL_NAMESPACE,
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath }),
    activities: createActivities({ pool: deps.pool }),
    dataConverter: configuredDataConverter(deps.config),
    interceptors: { activity: [caseNumberLogInterceptors(), failureInterceptors(new FailureRecorder(deps.failurePool ?? deps.pool))] },
    maxCachedWorkflows: deps.config.WORKER_MAX_CACHED_WORKFLOWS,
  });
}

async function main(): Promise<void> {
  const config = loadConfig('writer');
  const log = createLogger(config, 'worker');
  installWorkerRuntime(config, log);
  const pool = createAppPool(config, 'worker');
  const connection = await connectWorker(config);
  const failurePool = createAppPool(config, 'worker', 2);
  const worker = await createWorker({ config, connection, pool, failurePool });
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE, maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    ...(config.WORKER_METRICS_PORT ? { metrics: `http://${config.METRICS_HOST}:${config.WORKER_METRICS_PORT}/metrics` } : {}) }, 'worker: polling');
  await worker.run();
  await connection.close();
  await pool.end();
  await failurePool.end();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
