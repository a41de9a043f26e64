// The production API entry (api/server.ts) in its own OS process, for tests that run several API
// processes against one Temporal server and one PostgreSQL (scale-out). Resolves once it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../infra/paths';
import { freePort } from '../setup/services';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `api/server.ts` with `env` over the suite's Temporal address; `url` is where it listens. */
export async function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'api/server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, TEMPORAL_ADDRESS: inject('temporalAddress'), API_HOST: '127.0.0.1', API_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('api: listening')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`API process exited (${code}) before it listened:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, kill };
}
