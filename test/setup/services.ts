// Where the test suite's PostgreSQL and Temporal come from. With a Docker engine, testcontainers
// gives both; without one (as on the development machines), the local PostgreSQL and the Temporal
// CLI dev server that the project installs itself. COURTRELAY_TEST_TEMPORAL=cluster runs the suite
// on a production-shaped cluster instead (four server processes on fresh PostgreSQL databases).
import { spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseConfig } from '../../infra/config';
import { startDevServer } from '../../infra/temporal/dev-server';
import { Connection } from '@temporalio/client';
import { clusterDown, clusterPorts, clusterUp, dropClusterDatabases, ensureNamespace, type ClusterOptions } from '../../infra/temporal/cluster';
import { courtrelaySearchAttributes } from '../../workflows/search-attributes';

export interface TestServices {
  temporalAddress: string;
  /** A URL to the PostgreSQL server's maintenance database; test databases are made beside it. */
  postgresUrl: string;
  /** The cluster's options when the suite runs on a production-shaped cluster (its services can be killed and restarted). */
  cluster?: ClusterOptions;
  stop(): Promise<void>;
}

export function dockerEngineAvailable(): boolean {
  if (process.env.COURTRELAY_TEST_DOCKER === '0') return false;
  const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000, encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim().length > 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The retention of the namespace the suite runs on, dev server or cluster: courtrelay's default (TEMPORAL_RETENTION_DAYS). */
export const testRetentionDays = parseConfig({}).TEMPORAL_RETENTION_DAYS;

export async function localServices(workDir: string): Promise<TestServices> {
  const port = await freePort();
  const log = openSync(join(workDir, 'temporal.log'), 'a');
  const server = await startDevServer({ dbFile: join(workDir, 'temporal.sqlite'), port, uiPort: port, namespace: 'default', headless: true, logFile: log });
  // As `npm start` does: the dev server's own namespace keeps a closed process a day only.
  const connection = await Connection.connect({ address: server.address });
  try {
    await ensureNamespace(connection, 'default', testRetentionDays);
  } finally { await connection.close(); }
  return {
    temporalAddress: server.address,
    postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    stop: () => server.stop(),
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port offset whose every cluster port is free, away from the standard ones (offset 0). Ports
 * stay below 32768: Temporal keeps membership ports in a smallint column, and the kernel's
 * ephemeral ports start there.
 */
export async function freeClusterOffset(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 1000 * (1 + Math.floor(Math.random() * 24)) + 10 * Math.floor(Math.random() * 90);
    const free = await Promise.all(clusterPorts(offset).map(portFree));
    if (free.every(Boolean)) return offset;
  }
  throw new Error('no free port range for a test cluster');
}

/** Options for a private cluster of a test run: its own ports, databases and state folder. */
export async function testClusterOptions(workDir: string, label: string): Promise<ClusterOptions> {
  const id = `${label}_${process.pid}_${Date.now().toString(36)}`;
  return {
    stateDir: join(workDir, `cluster-${label}`),
    portOffset: await freeClusterOffset(),
    postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    databaseName: `temporal_t_${id}`,
    visibilityDatabaseName: `temporal_visibility_t_${id}`,
    namespace: 'default',
    retentionDays: testRetentionDays,
  };
}

export async function clusterServices(workDir: string): Promise<TestServices> {
  const options = await testClusterOptions(workDir, 'suite');
  const stop = async () => {
    await clusterDown(options, 'SIGKILL');
    await dropClusterDatabases(options);
  };
  try {
    const { address } = await clusterUp(options);
    return { temporalAddress: address, postgresUrl: options.postgresUrl, cluster: options, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function containerServices(): Promise<TestServices> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const postgres = await new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').withPassword('postgres').start();
  const temporal = await new GenericContainer('temporalio/temporal:1.5.1')
    .withCommand([
      'server', 'start-dev', '--ip', '0.0.0.0', '--headless',
      ...courtrelaySearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${searchAttributeCliType(key.type)}`]),
    ])
    .withExposedPorts(7233)
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  const url = new URL(postgres.getConnectionUri());
  url.pathname = '/postgres';
  return {
    temporalAddress: `${temporal.getHost()}:${temporal.getMappedPort(7233)}`,
    postgresUrl: url.toString(),
    stop: async () => {
      await temporal.stop();
      await postgres.stop();
    },
  };
}

function searchAttributeCliType(type: string): string {
  return type.split('_').map((part) => part[0] + part.slice(1).toLowerCase()).join('');
}
