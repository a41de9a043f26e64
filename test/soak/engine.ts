// What the soak runs against: a Temporal server and a migrated database (its own, or those the test
// suite gives it), the workflow bundle, one worker process at a time that the soak SIGKILLs and
// starts again, and the API in this process on a real port (the API is not what is killed).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../../api/app';
import { parseConfig, type Config } from '../../infra/config';
import { createAppPool } from '../../infra/db/app-role';
import { createPool, dropDatabase, ensureDatabase, migrate } from '../../infra/db/database';
import { prepareDatabase } from '../../infra/db/prepare';
import { projectRoot } from '../../infra/paths';
import { startDevServer, stopProcess, type DevServer } from '../../infra/temporal/dev-server';
import { courtrelayDataConverter } from '../../infra/temporal/payload-codec';
import { startProcess } from '../bench/harness';
import { freePort } from '../setup/services';

export interface Engine {
  config: Config;
  client: Client;
  /** A pool as the database owner, for the checks (reads every table). */
  pool: pg.Pool;
  apiUrl: string;
  bundlePath: string;
  workDir: string;
  workers: WorkerRestarts;
  stop(): Promise<void>;
}

/** The worker process of the moment: SIGKILLed and started again, each generation logging to its own file. */
export class WorkerRestarts {
  private current: ChildProcess | undefined;
  generation = 0;

  constructor(private readonly env: Record<string, string>, private readonly logDir: string) {}

  async start(): Promise<void> {
    this.generation++;
    this.current = await startProcess(join(projectRoot, 'test/support/worker-process.ts'), this.env, this.logDir, `worker-${this.generation}`);
  }

  /** SIGKILL: no shutdown, cached workflows and open tasks go with it. */
  async kill(): Promise<void> {
    const child = this.current;
    this.current = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    if (this.current) await stopProcess(this.current);
    this.current = undefined;
  }

  /** Lines of every worker generation's log that say a workflow did not replay. */
  nondeterminism(): string[] {
    return readdirSync(this.logDir).filter((f) => f.startsWith('worker-'))
      .flatMap((f) => readFileSync(join(this.logDir, f), 'utf8').split('\n').filter((l) => /nondetermin/i.test(l)).map((l) => `${f}: ${l.slice(0, 400)}`));
  }
}

export interface EngineOptions {
  /** Use this Temporal server and database (the test suite's); otherwise start both. */
  temporalAddress?: string;
  databaseUrl?: string;
  bundlePath?: string;
  taskQueue: string;
  /**
   * History length (events) at which processes continue as new: its own dev server suggests it
   * there; on a given server (the test suite's, shared) the API sets it as the processes' own limit.
   */
  suggestContinueAsNewAt?: number;
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const workDir = mkdtempSync(join(tmpdir(), 'courtrelay-soak-'));
  const cleanups: Array<() => Promise<void>> = [];
  let server: DevServer | undefined;
  let temporalAddress = options.temporalAddress;
  if (!temporalAddress) {
    const port = await freePort();
    server = await startDevServer({
      dbFile: join(workDir, 'temporal.sqlite'), port, uiPort: port, namespace: 'default', headless: true,
      logFile: openSync(join(workDir, 'temporal.log'), 'a'),
      // Temporal suggests continue-as-new this early, so every long process hands over to a new run
      // (carrying state, deadlines and the act record) while acts arrive and workers die.
      dynamicConfig: options.suggestContinueAsNewAt ? { 'limit.historyCount.suggestContinueAsNew': options.suggestContinueAsNewAt } : undefined,
    });
    temporalAddress = server.address;
    cleanups.push(() => server!.stop());
  }
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    databaseUrl = `postgres://postgres@127.0.0.1:5432/courtrelay_soak_${process.pid}`;
    await ensureDatabase(databaseUrl);
    await migrate(databaseUrl);
    const url = databaseUrl;
    cleanups.push(() => dropDatabase(url));
  }
  const setup = createPool(databaseUrl, 2);
  await prepareDatabase(setup);
  await setup.end();
  let bundlePath = options.bundlePath;
  if (!bundlePath) {
    const { code } = await bundleWorkflowCode({
      workflowsPath: join(projectRoot, 'workflows/index.ts'),
      logger: { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} },
    });
    bundlePath = join(workDir, 'workflow-bundle.js');
    writeFileSync(bundlePath, code);
  }

  const config = parseConfig({
    TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: options.taskQueue, DATABASE_URL: databaseUrl, STATUTE_PROFILE: 'compressed',
    WORKFLOW_HISTORY_EVENT_LIMIT: !server && options.suggestContinueAsNewAt ? String(options.suggestContinueAsNewAt) : undefined,
  });
  const workers = new WorkerRestarts({
    TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: options.taskQueue, DATABASE_URL: databaseUrl, WORKFLOW_BUNDLE: bundlePath,
  }, workDir);
  await workers.start();
  // The workers encrypt payloads (infra/temporal/payload-codec): the soak reads them with the same keys.
  const client = new Client({ connection: await Connection.connect({ address: temporalAddress }), namespace: 'default', dataConverter: courtrelayDataConverter() });
  const apiPool = createAppPool(config, 'api', 20);
  const pool = createPool(databaseUrl, 4);
  // The API's errors go to api.log in the work directory: a 500 the soak's client saw is otherwise
  // answered 'it has been logged' into a silent logger.
  const app = createApp({ config, client, pool: apiPool, log: pino({ level: 'error' }, pino.destination({ dest: join(workDir, 'api.log'), sync: true })) });
  const port = await freePort();
  const http: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  return {
    config, client, pool, apiUrl: `http://127.0.0.1:${port}`, bundlePath, workDir, workers,
    async stop() {
      await new Promise<void>((r) => http.close(() => r()));
      await workers.stop();
      await client.connection.close();
      await apiPool.end();
      await pool.end();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
