// A production-shaped Temporal on this machine: the server built from its Go module, its two
// databases on PostgreSQL made by temporal-sql-tool, and the frontend, history, matching and
// worker services as four processes reading one config file (infra/temporal/server/courtrelay.yaml,
// the file docker-compose mounts too). Every step first looks at what is there, so bringing a
// running cluster "up" again changes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { msNumberToTs } from '@temporalio/common/lib/time';
import pg from 'pg';
import { courtrelaySearchAttributes } from '../../workflows/search-attributes';
import { projectRoot } from '../paths';
import { clientInterceptors } from './client-interceptors';
import { registerSearchAttributes } from './dev-server';

export const serverBinary = resolve(projectRoot, '.tools/bin/temporal-server');
export const sqlToolBinary = resolve(projectRoot, '.tools/bin/temporal-sql-tool');
export const schemaRoot = resolve(projectRoot, '.tools/share/temporal-schema/postgresql/v12');
/** The one server config file, relative to the project root (the server resolves it from there). */
export const serverConfigDir = 'infra/temporal/server';
export const serverConfigEnv = 'courtrelay';

export const clusterServiceNames = ['history', 'matching', 'frontend', 'worker'] as const;
export type ClusterServiceName = (typeof clusterServiceNames)[number];

/** Temporal's standard ports, which the config file shifts by the cluster's port offset. */
const basePorts: Record<ClusterServiceName, number> = { frontend: 7233, history: 7234, matching: 7235, worker: 7239 };
const membershipBase: Record<ClusterServiceName, number> = { frontend: 6933, history: 6934, matching: 6935, worker: 6939 };
const frontendHttpBase = 7243;

// gRPC health service names each service reports SERVING under (server v1.29.1 source). The
// worker service serves no gRPC (it is a client of the frontend running system workflows): it
// counts as up once its membership port accepts connections, i.e. it has joined the ring.
const healthServiceNames: Partial<Record<ClusterServiceName, string>> = {
  frontend: 'temporal.api.workflowservice.v1.WorkflowService',
  history: 'temporal.api.workflowservice.v1.HistoryService',
  matching: 'temporal.api.workflowservice.v1.MatchingService',
};

export interface ClusterOptions {
  /** Pid files and one log per service. */
  stateDir: string;
  /** Added to every standard port: 0 puts the frontend on 127.0.0.1:7233. */
  portOffset: number;
  /** PostgreSQL server holding Temporal's two databases (any database name in the URL is ignored). */
  postgresUrl: string;
  databaseName: string;
  visibilityDatabaseName: string;
  namespace: string;
  /** How long a closed workflow's history stays, in days. */
  retentionDays: number;
}

export function frontendAddress(options: Pick<ClusterOptions, 'portOffset'>): string {
  return `127.0.0.1:${basePorts.frontend + options.portOffset}`;
}

export function servicePorts(options: Pick<ClusterOptions, 'portOffset'>, name: ClusterServiceName): { grpc: number; membership: number } {
  return { grpc: basePorts[name] + options.portOffset, membership: membershipBase[name] + options.portOffset };
}

/** Every port the cluster listens on, for choosing a free offset. */
export function clusterPorts(portOffset: number): number[] {
  return [...clusterServiceNames.flatMap((n) => [basePorts[n], membershipBase[n]]), frontendHttpBase].map((p) => p + portOffset);
}

function pgParts(postgresUrl: string) {
  const url = new URL(postgresUrl);
  return {
    host: url.hostname,
    port: url.port || '5432',
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}

/** The environment the config file reads (see its template variables). */
function serverEnv(options: ClusterOptions): NodeJS.ProcessEnv {
  const db = pgParts(options.postgresUrl);
  return {
    PATH: process.env.PATH,
    TEMPORAL_PORT_OFFSET: String(options.portOffset),
    TEMPORAL_DB_HOST: db.host,
    TEMPORAL_DB_PORT: db.port,
    TEMPORAL_DB_USER: db.user,
    TEMPORAL_DB_PASSWORD: db.password,
    TEMPORAL_DB_NAME: options.databaseName,
    TEMPORAL_VISIBILITY_DB_NAME: options.visibilityDatabaseName,
    TEMPORAL_ARCHIVAL_DIR: join(options.stateDir, 'archival'),
    TEMPORAL_ALLOW_NO_AUTH: 'true',
  };
}

// ---------------------------------------------------------------------------------------------
// Schema

async function withAdmin<T>(postgresUrl: string, database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function schemaVersion(options: ClusterOptions, database: string): Promise<string | undefined> {
  const exists = await withAdmin(options.postgresUrl, 'postgres', async (c) =>
    (await c.query('select 1 from pg_database where datname = $1', [database])).rowCount === 1);
  if (!exists) return undefined;
  return withAdmin(options.postgresUrl, database, async (c) => {
    const table = await c.query("select 1 from information_schema.tables where table_name = 'schema_version'");
    if (!table.rowCount) return '';
    const { rows } = await c.query<{ curr_version: string }>('select curr_version from schema_version where db_name = $1', [database]);
    return rows[0]?.curr_version ?? '';
  });
}

/**
 * Creates Temporal's database and visibility database when missing and brings both schemas to the
 * versions shipped with the built server, by the same script docker-compose's schema job runs
 * (infra/temporal/server/schema.sh: temporal-sql-tool `create-database`, `setup-schema -v 0.0`,
 * `update-schema -d <versioned dir>`). Returns what changed, e.g.
 * `["temporal: schema none → 1.18"]`; empty when both were current.
 */
export async function ensureSchema(options: ClusterOptions): Promise<string[]> {
  const databases = [options.databaseName, options.visibilityDatabaseName];
  const before = await Promise.all(databases.map((d) => schemaVersion(options, d)));
  const result = spawnSync('sh', [resolve(projectRoot, serverConfigDir, 'schema.sh')], {
    encoding: 'utf8',
    env: { ...serverEnv(options), TEMPORAL_SCHEMA_DIR: schemaRoot, TEMPORAL_SQL_TOOL: sqlToolBinary },
  });
  if (result.status !== 0) throw new Error(`Temporal schema setup failed:\n${result.stderr || result.stdout}`);
  const after = await Promise.all(databases.map((d) => schemaVersion(options, d)));
  return databases.flatMap((d, i) => (after[i] === before[i] ? [] : [`${d}: schema ${before[i] || 'none'} → ${after[i]}`]));
}

/** Drops the cluster's two databases (the test suite's clusters, after the run). */
export async function dropClusterDatabases(options: ClusterOptions): Promise<void> {
  await withAdmin(options.postgresUrl, 'postgres', async (c) => {
    for (const name of [options.databaseName, options.visibilityDatabaseName]) {
      await c.query(`drop database if exists "${name.replace(/"/g, '')}" with (force)`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Processes

function pidFile(options: ClusterOptions, name: ClusterServiceName): string {
  return join(options.stateDir, `${name}.pid`);
}

export function serviceLogFile(options: ClusterOptions, name: ClusterServiceName): string {
  return join(options.stateDir, `${name}.log`);
}

/** The pid of the service's process when it runs (checked against /proc, not only the pid file). */
export function runningPid(options: ClusterOptions, name: ClusterServiceName): number | undefined {
  const file = pidFile(options, name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie (state Z) has exited; a recycled pid runs something else.
    if (/^\d+ \(.*\) Z/.test(stat)) return undefined;
    return cmdline[0] === serverBinary && cmdline.includes(name) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts one service as its own detached process (it outlives `npm run cluster`), logging to
 * `<stateDir>/<name>.log`. Returns its pid; does nothing but return the pid when it already runs.
 */
export function startService(options: ClusterOptions, name: ClusterServiceName): number {
  const running = runningPid(options, name);
  if (running) return running;
  mkdirSync(options.stateDir, { recursive: true });
  const log = openSync(serviceLogFile(options, name), 'a');
  const child = spawn(serverBinary, [
    '--root', projectRoot, '--config', serverConfigDir, '--env', serverConfigEnv,
    'start', '--service', name,
  ], { cwd: projectRoot, env: serverEnv(options), detached: true, stdio: ['ignore', log, log] });
  child.unref();
  writeFileSync(pidFile(options, name), String(child.pid));
  return child.pid!;
}

/**
 * Stops one service: SIGTERM lets it leave the membership ring and hand its shards over;
 * SIGKILL is a crash. Resolves when the process is gone.
 */
export async function stopService(options: ClusterOptions, name: ClusterServiceName, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  const pid = runningPid(options, name);
  if (!pid) return;
  process.kill(pid, signal);
  const deadline = Date.now() + 30_000;
  while (runningPid(options, name)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      if (Date.now() > deadline + 5000) throw new Error(`${name} (pid ${pid}) did not stop`);
    }
    await sleep(100);
  }
  rmSync(pidFile(options, name), { force: true });
}

/** True when the service answers its gRPC health check with SERVING (worker: has joined the ring). */
export async function isServing(options: ClusterOptions, name: ClusterServiceName): Promise<boolean> {
  const ports = servicePorts(options, name);
  const service = healthServiceNames[name];
  if (!service) return acceptsConnections(ports.membership);
  const port = ports.grpc;
  const connection = Connection.lazy({ address: `127.0.0.1:${port}`, connectTimeout: 1000, interceptors: clientInterceptors() });
  try {
    const response = await connection.withDeadline(Date.now() + 2000, () => connection.healthService.check({ service }));
    return response.status === 1; // grpc.health.v1 SERVING
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => {});
  }
}

/**
 * Throws, naming the port, when another process already listens on one of the service's ports.
 * Without it the service exits at once ("bind: address already in use") while whatever holds the
 * port answers the health check: an `npm start` dev server on 7233 passed for the frontend, and the
 * cluster's namespace retention and search attributes were then written to that dev server.
 */
export async function refuseTakenPorts(options: Pick<ClusterOptions, 'portOffset'>, name: ClusterServiceName): Promise<void> {
  const ports = servicePorts(options, name);
  const wanted = name === 'frontend' ? [ports.grpc, ports.membership, frontendHttpBase + options.portOffset] : [ports.grpc, ports.membership];
  for (const port of wanted) {
    if (await acceptsConnections(port)) {
      throw new Error(`Temporal ${name} cannot start: 127.0.0.1:${port} is already in use by another process`
        + ' (an `npm start` dev server on 7233?); stop it and run npm run cluster again');
    }
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ port, host: '127.0.0.1', timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolveProbe(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
  });
}

export async function waitServing(options: ClusterOptions, name: ClusterServiceName, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isServing(options, name))) {
    if (!runningPid(options, name)) {
      throw new Error(`Temporal ${name} exited; see ${serviceLogFile(options, name)}:\n${tail(serviceLogFile(options, name))}`);
    }
    if (Date.now() > deadline) throw new Error(`Temporal ${name} did not serve within ${timeoutMs / 1000} s; see ${serviceLogFile(options, name)}`);
    await sleep(250);
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// Namespace

const daySeconds = 86_400;

/**
 * Creates the namespace with the configured retention, or sets the retention of an existing one
 * when it differs. Returns what it did.
 */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays: number): Promise<'created' | 'retention updated' | 'unchanged'> {
  const seconds = retentionDays * daySeconds;
  const current = await connection.workflowService.describeNamespace({ namespace }).catch((err: { code?: number }) => {
    if (err.code === 5) return undefined; // NOT_FOUND
    throw err;
  });
  if (!current) {
    await connection.workflowService.registerNamespace({
      namespace,
      description: 'courtrelay court processes',
      workflowExecutionRetentionPeriod: msNumberToTs(seconds * 1000),
    });
    return 'created';
  }
  if (Number(current.config?.workflowExecutionRetentionTtl?.seconds ?? 0) === seconds) return 'unchanged';
  await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: msNumberToTs(seconds * 1000) } });
  return 'retention updated';
}

/** The namespace's retention in days, as the frontend reports it. */
export async function namespaceRetentionDays(connection: Connection, namespace: string): Promise<number> {
  const { config } = await connection.workflowService.describeNamespace({ namespace });
  return Number(config?.workflowExecutionRetentionTtl?.seconds ?? 0) / daySeconds;
}

/**
 * Waits until a workflow start with courtrelay's search attributes is accepted: a new namespace
 * and new attributes reach each frontend's caches some seconds after they are written.
 */
async function waitNamespaceUsable(connection: Connection, namespace: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = courtrelaySearchAttributes.filter((key) => !(key.name in (customAttributes ?? {})));
      await connection.workflowService.countWorkflowExecutions({ namespace, query: `${courtrelaySearchAttributes[0]!.name} = 'probe'` });
      if (missing.length === 0) return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} not usable within ${timeoutMs / 1000} s: ${String(err)}`);
    }
    if (Date.now() > deadline) throw new Error(`search attributes not visible in ${namespace} within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------------------------
// The whole cluster

export interface ClusterUpReport {
  address: string;
  /** Each change made, in order; empty when the cluster was already up as configured. */
  changes: string[];
}

/**
 * Brings the cluster up as configured: schema, the four services, the namespace with its
 * retention, courtrelay's search attributes. Needs the binaries from install-server.sh.
 */
export async function clusterUp(options: ClusterOptions, log: (line: string) => void = () => {}): Promise<ClusterUpReport> {
  for (const binary of [serverBinary, sqlToolBinary]) {
    if (!existsSync(binary)) throw new Error(`${binary} is missing: run bash infra/temporal/install-server.sh`);
  }
  const changes: string[] = [];
  const note = (change: string) => {
    changes.push(change);
    log(change);
  };
  for (const change of await ensureSchema(options)) note(change);
  // One at a time, each serving before the next: on fresh databases the first process writes the
  // cluster's metadata record and a second one racing it exits; the frontend waits for history
  // and matching, and the worker service dials the frontend.
  for (const name of clusterServiceNames) {
    if (!runningPid(options, name)) {
      await refuseTakenPorts(options, name);
      const pid = startService(options, name);
      note(`started ${name} (pid ${pid}, gRPC ${servicePorts(options, name).grpc})`);
    }
    await waitServing(options, name);
  }

  const address = frontendAddress(options);
  const connection = await Connection.connect({ address });
  try {
    const namespaceChange = await ensureNamespace(connection, options.namespace, options.retentionDays);
    if (namespaceChange !== 'unchanged') note(`namespace ${options.namespace}: ${namespaceChange}, retention ${options.retentionDays} days`);
    // A namespace just registered reaches the frontend's namespace cache within seconds.
    const { customAttributes } = await retrying(() => connection.operatorService.listSearchAttributes({ namespace: options.namespace }), 60_000);
    const missing = courtrelaySearchAttributes.filter((key) => !(key.name in (customAttributes ?? {})));
    if (missing.length) {
      await registerSearchAttributes(connection, options.namespace);
      note(`search attributes registered: ${missing.map((k) => k.name).join(', ')}`);
    }
    await waitNamespaceUsable(connection, options.namespace);
  } finally {
    await connection.close();
  }
  return { address, changes };
}

/** Stops every service of the cluster (the databases stay). */
export async function clusterDown(options: ClusterOptions, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  // Frontend first, so no new calls arrive while history hands its shards back.
  for (const name of ['worker', 'frontend', 'matching', 'history'] as const) await stopService(options, name, signal);
}

async function retrying<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
