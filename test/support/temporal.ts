// Real Temporal for tests: a client and a worker on the suite's dev server, each test on its own
// task queue, the workflow bundle built once by the global setup.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, DefaultLogger } from '@temporalio/worker';
import { inject } from 'vitest';
import { parseConfig, type Config } from '../../infra/config';

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
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace: 'default' });
}

export interface WorkerHarness {
  taskQueue: string;
  connection: NativeConnection;
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
    });
    return await worker.runUntil(() => fn(worker));
  } finally {
    await connection.close();
  }
}
