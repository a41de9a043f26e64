// Once per `vitest run`: a real Temporal server, a migrated template database that each test file
// clones, and the workflow bundle built once for every test worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, migrate } from '../../infra/db/database';
import type { ClusterOptions } from '../../infra/temporal/cluster';
import { clusterServices, containerServices, dockerEngineAvailable, localServices } from './services';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    postgresUrl: string;
    templateDatabase: string;
    workflowBundlePath: string;
    runId: string;
    /**
     * The suite's Temporal cluster (COURTRELAY_TEST_TEMPORAL=cluster), for tests that kill and
     * restart its services; null on the dev server or in containers, which are one process.
     */
    temporalCluster: ClusterOptions | null;
  }
}

export function databaseUrl(postgresUrl: string, name: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), 'courtrelay-test-'));
  const onCluster = process.env.COURTRELAY_TEST_TEMPORAL === 'cluster';
  const docker = !onCluster && dockerEngineAvailable();
  console.log(onCluster
    ? 'test harness: COURTRELAY_TEST_TEMPORAL=cluster; a Temporal cluster (frontend, history, matching, worker) on the local PostgreSQL'
    : docker
      ? 'test harness: Docker engine found; PostgreSQL and Temporal come from testcontainers'
      : 'test harness: no Docker engine here; using the local PostgreSQL and the Temporal CLI dev server (.tools/bin/temporal)');
  const services = onCluster ? await clusterServices(workDir) : docker ? await containerServices() : await localServices(workDir);

  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const templateDatabase = `courtrelay_tpl_${runId}`;
  const templateUrl = databaseUrl(services.postgresUrl, templateDatabase);
  await ensureDatabase(templateUrl);
  await migrate(templateUrl, console.warn);

  const { code } = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../fixtures/workflows/index.ts', import.meta.url)),
    logger: { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} },
  });
  const workflowBundlePath = join(workDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, code);

  project.provide('temporalAddress', services.temporalAddress);
  project.provide('postgresUrl', services.postgresUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('runId', runId);
  project.provide('temporalCluster', services.cluster ?? null);

  return async () => {
    await services.stop();
    const admin = new pg.Client({ connectionString: services.postgresUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'courtrelay\\_%' and datname like $1",
      [`%${runId}%`],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
    rmSync(workDir, { recursive: true, force: true });
  };
}
