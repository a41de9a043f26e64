import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { projectRoot } from '../../infra/paths';

const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a worker process and resolves once it polls. */
export function spawnWorker(env: { taskQueue: string; databaseUrl: string; temporalAddress?: string }): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: projectRoot,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.temporalAddress ?? inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: env.taskQueue,
      DATABASE_URL: env.databaseUrl,
      WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const kill = (signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker-process: ready')) resolve({ child, kill });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before it was ready:\n${output}`)));
  });
}
