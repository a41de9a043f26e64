// A worker in its own OS process, so a fault test can SIGKILL it mid-process and start another.
// Configured from the environment: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, DATABASE_URL,
// WORKFLOW_BUNDLE (path of the test bundle), and WORKER_MAX_CACHED_WORKFLOWS like the production
// worker (the bench measures memory with the cache every deployment runs with).
import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { failureInterceptors, FailureRecorder } from '../../activities/failures';
import { createActivities } from '../../activities/index';
import { createPool } from '../../infra/db/database';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { courtrelayDataConverter } from '../../infra/temporal/payload-codec';
import { parseConfig } from '../../infra/config';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`worker-process: ${name} is not set`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('WARN') });
const pool = actAsRole(createPool(env('DATABASE_URL')), workerRole);
const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: env('TEMPORAL_TASK_QUEUE'),
  workflowBundle: { codePath: env('WORKFLOW_BUNDLE') },
  activities: createActivities({ pool }),
  dataConverter: courtrelayDataConverter(),
  interceptors: { activity: [failureInterceptors(new FailureRecorder(pool))] },
  maxCachedWorkflows: parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: process.env.WORKER_MAX_CACHED_WORKFLOWS }).WORKER_MAX_CACHED_WORKFLOWS,
});
const running = worker.run();
console.log('worker-process: ready');
await running;
await connection.close();
await pool.end();
