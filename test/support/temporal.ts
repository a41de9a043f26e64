// Real Temporal for tests: a client and a worker on the suite's dev server, each test on its own
// task queue, the workflow bundle built once by the global setup.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import { failureInterceptors, FailureRecorder } from '../../activities/failures';
import { createActivities } from '../../activities/index';
import { defaultMaxCachedWorkflows, parseConfig, type Config } from '../../infra/config';
import { freshDatabase, type TestDatabase } from './database';
import { courtrelayDataConverter } from '../../infra/temporal/payload-codec';
import { clientInterceptors } from '../../infra/temporal/client-interceptors';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier import in this process.
  }
}

export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The configuration a test process would run with: the suite's services, compressed statutes. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue(),
    STATUTE_PROFILE: 'compressed',
    ...overrides,
  });
}

export async function testClient(address = inject('temporalAddress')): Promise<Client> {
  // Tests close clients right after faults, when a call may still wait to be retried (client-interceptors.ts).
  const connection = await Connection.connect({ address, interceptors: clientInterceptors() });
  return new Client({ connection, namespace: 'default', dataConverter: courtrelayDataConverter() });
}

/** A worker for a whole test file, with the client and the fresh database it writes to. */
export interface WorkerHarness {
  client: Client;
  db: TestDatabase;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * One worker per test file, started before its tests and stopped after them: the returned object
 * is filled in by `beforeAll` (read its fields inside tests, not at the top of the file).
 */
export function useWorkerHarness(options: { taskQueue?: string; activities?: (db: TestDatabase) => object } = {}): WorkerHarness {
  const harness = {} as WorkerHarness;
  beforeAll(async () => { Object.assign(harness, await startWorkerHarness(options)); });
  afterAll(async () => { await harness.stop?.(); });
  return harness;
}

/**
 * Starts a worker on the suite's workflow bundle for a test file: real activities on a fresh
 * database (or those `activities` builds on it), and a client; `stop()` undoes all of it.
 */
export async function startWorkerHarness(options: { taskQueue?: string; activities?: (db: TestDatabase) => object } = {}): Promise<WorkerHarness> {
  quietRuntime();
  const db = await freshDatabase();
  const taskQueue = options.taskQueue ?? uniqueTaskQueue();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({
    connection, namespace: 'default', taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: options.activities ? options.activities(db) : createActivities({ pool: db.pool }),
    dataConverter: courtrelayDataConverter(),
    interceptors: { activity: [failureInterceptors(new FailureRecorder(db.pool))] },
    maxCachedWorkflows: defaultMaxCachedWorkflows,
  });
  const running = worker.run();
  const client = await testClient();
  return {
    client, db, taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      await db.close();
    },
  };
}

/** Runs a worker with the suite's workflow bundle and the given activities while `fn` runs. */
export async function withWorker<T>(
  options: { taskQueue: string; activities: object; address?: string },
  fn: (worker: Worker) => Promise<T>,
): Promise<T> {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: options.address ?? inject('temporalAddress') });
  try {
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: options.taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: options.activities,
      dataConverter: courtrelayDataConverter(),
      maxCachedWorkflows: defaultMaxCachedWorkflows,
    });
    return await worker.runUntil(() => fn(worker));
  } finally {
    await connection.close();
  }
}
