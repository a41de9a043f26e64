// `npm run bench [-- --quick]`: how fast and how big, on this machine. Writes
// bench-reports/latest.json and bench-reports/latest.md. A benchmark, not a test: nothing here
// passes or fails on a time.
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createPool, dropDatabase, ensureDatabase, migrate } from '../../infra/db/database';
import { prepareDatabase } from '../../infra/db/prepare';
import { projectRoot } from '../../infra/paths';
import { startDevServer, stopProcess } from '../../infra/temporal/dev-server';
import { freePort } from '../setup/services';
import { peakRssMiB, startProcess } from './harness';
import { runFloor, runLifecycles, type LifecycleReport } from './lifecycle';
import { runPreservationScale, type ScaleReport } from './scale';
import { runAuditAppend, type AuditAppendReport } from './audit-append';
import { renderMarkdown } from './report';
import { compressed } from '../../workflows/clock/statute-profile';
import { courtrelayDataConverter } from '../../infra/temporal/payload-codec';

const quick = process.argv.includes('--quick');
// --audit-only: the audit-append figures alone (PostgreSQL only, no Temporal), in seconds.
const auditOnly = process.argv.includes('--audit-only');
const settings = quick
  ? { lifecycles: 20, concurrency: 5, openPreservations: 300, preservationsWithMeasures: 50, auditAppendsPerWriter: 100 }
  : { lifecycles: 200, concurrency: 20, openPreservations: 10_000, preservationsWithMeasures: 1_000, auditAppendsPerWriter: 500 };

function machine() {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporal: 'Temporal CLI dev server v1.5.1 (Server 1.29.1), SQLite',
    postgres: 'local PostgreSQL on 127.0.0.1:5432',
  };
}

function writeReport(name: string, report: Record<string, unknown>): void {
  const out = join(projectRoot, 'bench-reports');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(out, `${name}.md`), renderMarkdown(report));
  console.log(renderMarkdown(report));
}

if (auditOnly) {
  const url = `postgres://postgres@127.0.0.1:5432/courtrelay_bench_audit_${process.pid}`;
  await ensureDatabase(url);
  await migrate(url);
  try {
    const auditAppend = await runAuditAppend(url, settings.auditAppendsPerWriter);
    writeReport(quick ? 'latest-audit-quick' : 'latest-audit', {
      generatedAt: new Date().toISOString(), mode: quick ? 'quick, audit only' : 'audit only', machine: machine(), settings, auditAppend,
    });
  } finally {
    await dropDatabase(url);
  }
  process.exit(0);
}

const workDir = mkdtempSync(join(tmpdir(), 'courtrelay-bench-'));
const port = await freePort();
console.log(`bench: ${quick ? 'quick' : 'full'} run; work files in ${workDir}`);
const server = await startDevServer({
  dbFile: join(workDir, 'temporal.sqlite'), port, uiPort: port, namespace: 'default', headless: true,
  logFile: openSync(join(workDir, 'temporal.log'), 'a'),
});
const databaseUrl = `postgres://postgres@127.0.0.1:5432/courtrelay_bench_${process.pid}`;
await ensureDatabase(databaseUrl);
await migrate(databaseUrl);
const setupPool = createPool(databaseUrl, 2);
await prepareDatabase(setupPool);
await setupPool.end();
const auditAppend: AuditAppendReport = await runAuditAppend(databaseUrl, settings.auditAppendsPerWriter);

const { code } = await bundleWorkflowCode({
  workflowsPath: join(projectRoot, 'test/bench/workflows.ts'),
  logger: { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} },
});
const bundlePath = join(workDir, 'bench-bundle.js');
writeFileSync(bundlePath, code);

const apiPort = await freePort();
// Lifecycles run at statutory speed would take months: every period, timer and Update of the real
// workflow stays, at one minute a day, so no deadline fires while a lifecycle is driven.
const profileFile = join(workDir, 'bench-profile.json');
writeFileSync(profileFile, JSON.stringify({ ...compressed, name: 'bench', clock: { mode: 'compressed', msPerDay: 60_000 } }));
const env = {
  TEMPORAL_ADDRESS: server.address,
  TEMPORAL_TASK_QUEUE: 'courtrelay-bench',
  DATABASE_URL: databaseUrl,
  WORKFLOW_BUNDLE: bundlePath,
  API_PORT: String(apiPort),
  STATUTE_PROFILE_FILE: profileFile,
};
const worker = await startProcess(join(projectRoot, 'test/support/worker-process.ts'), env, workDir, 'worker');
const api = await startProcess(join(projectRoot, 'test/bench/api-process.ts'), env, workDir, 'api');
// The scale run keeps the law's own periods: its timers are a year and more away.
const statutoryApiPort = await freePort();
const statutoryApi = await startProcess(join(projectRoot, 'test/bench/api-process.ts'),
  { ...env, STATUTE_PROFILE_FILE: '', STATUTE_PROFILE: 'statutory', API_PORT: String(statutoryApiPort) }, workDir, 'api-statutory');
const client = new Client({ connection: await Connection.connect({ address: server.address }), namespace: 'default', dataConverter: courtrelayDataConverter() });
const apiUrl = `http://127.0.0.1:${apiPort}`;

let lifecycle: LifecycleReport | undefined;
let scale: ScaleReport | undefined;
try {
  lifecycle = await runLifecycles({ apiUrl, client, ...settings });
  const floor = await runFloor({ apiUrl, updatesPerLifecycle: lifecycle.updatesPerLifecycle, ...settings });
  lifecycle.floor = floor;
  lifecycle.ratioToFloor = Math.round((lifecycle.lifecyclesPerSecond / floor.lifecyclesPerSecond) * 1000) / 1000;
  lifecycle.workerPeakRssMiB = peakRssMiB(worker.pid!);
  lifecycle.apiPeakRssMiB = peakRssMiB(api.pid!);
  scale = await runPreservationScale({
    apiUrl: `http://127.0.0.1:${statutoryApiPort}`, client, worker, count: settings.openPreservations,
    measures: settings.preservationsWithMeasures, concurrency: settings.concurrency,
  });
} finally {
  await stopProcess(api);
  await stopProcess(statutoryApi);
  await stopProcess(worker);
  await client.connection.close();
  await server.stop();
  await dropDatabase(databaseUrl);
}

writeReport(quick ? 'latest-quick' : 'latest', {
  generatedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: machine(),
  settings,
  lifecycle,
  scale,
  auditAppend,
});
rmSync(workDir, { recursive: true, force: true });
process.exit(0);
