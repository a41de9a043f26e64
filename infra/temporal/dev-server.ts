// The embedded default: the Temporal CLI's dev server on loopback, persisting to a SQLite file
// so workflows survive a restart, with courtrelay's search attributes registered at start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { courtrelaySearchAttributes } from '../../workflows/search-attributes';
import { projectRoot, temporalCliPath } from '../paths';
import { takenPorts } from './ports';

const cliTypeNames: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
};

export function ensureTemporalCli(): string {
  // The script returns at once when the pinned build is already there.
  const result = spawnSync('bash', [resolve(projectRoot, 'infra/temporal/install-cli.sh')], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(temporalCliPath)) throw new Error('Could not build the Temporal CLI; see the output above');
  return temporalCliPath;
}

/**
 * Server settings courtrelay runs with, on the dev server as in the cluster's
 * infra/temporal/server/dynamicconfig.yaml (a test keeps the two in step). Eager activity execution:
 * a process's writes are ordinary activities (workflows/shared/effect-mode.ts), and the server hands
 * each back to the worker in its workflow task's response instead of through the task queue, one
 * round trip fewer per write.
 */
export const courtrelayDynamicConfig: Readonly<Record<string, unknown>> = {
  'system.enableActivityEagerExecution': true,
};

export interface DevServerOptions {
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  headless?: boolean;
  /** Where the server's own log goes; inherits stdio when unset. */
  logFile?: number;
  /** Server dynamic config (`--dynamic-config-value key=JSON`), e.g. an early continue-as-new suggestion for the soak. */
  dynamicConfig?: Record<string, unknown>;
}

/** A refusal to start, printed as it is: the operator has something to fix. */
export class DevServerRefused extends Error {
  override name = 'DevServerRefused';
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = ensureTemporalCli();
  // A dev server on a taken port exits, and whatever holds the port (a local cluster's frontend on
  // 7233, say) would answer in its place: courtrelay would run against it and reset its retention.
  const taken = await takenPorts(options.headless ? [options.port] : [options.port, options.uiPort]);
  if (taken.length) {
    throw new DevServerRefused(`Temporal 开发服务器无法启动：端口 ${taken.map((p) => `127.0.0.1:${p}`).join('、')} 已被占用 (already in use — a local cluster`
      + ' from npm run cluster? Point courtrelay at it with TEMPORAL_ADDRESS=127.0.0.1:7233, or stop it, or set TEMPORAL_DEV_PORT / TEMPORAL_UI_PORT)');
  }
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--db-filename', options.dbFile,
    '--namespace', options.namespace,
    '--log-level', 'warn',
    ...courtrelaySearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${cliTypeNames[key.type]}`]),
  ];
  for (const [key, value] of Object.entries({ ...courtrelayDynamicConfig, ...options.dynamicConfig })) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  const stdio = options.logFile === undefined ? 'inherit' : (['ignore', options.logFile, options.logFile] as const);
  // Its own process group: Ctrl-C reaches courtrelay, which stops the server last, after the
  // worker has let go of it; a crash of ours still takes the server down with it.
  const child = spawn(cli, args, { stdio: stdio as never, detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const address = `127.0.0.1:${options.port}`;
  let exited = false;
  child.once('exit', () => { exited = true; });
  await waitUntilServing(address, options.namespace, () => exited);
  return {
    address,
    uiUrl: options.headless ? undefined : `http://127.0.0.1:${options.uiPort}`,
    process: child,
    stop: () => stopProcess(child),
  };
}

async function waitUntilServing(address: string, namespace: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited()) throw new Error(`The Temporal dev server exited before serving on ${address}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`The Temporal dev server did not serve on ${address} within 60 s: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(force); resolveStop(); });
    child.kill(signal);
  });
}

/** Registers courtrelay's search attributes on a cluster courtrelay does not run itself. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = courtrelaySearchAttributes.filter((key) => !(key.name in (customAttributes ?? {})));
  if (missing.length === 0) return;
  // temporal.api.enums.v1.IndexedValueType numbering.
  const typeIds = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 } as const;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, typeIds[key.type]])),
  });
}
