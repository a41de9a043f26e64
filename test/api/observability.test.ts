// The operator's view on real Temporal and PostgreSQL: the API's /metrics after some requests and
// acts (route patterns, acts by outcome and reason, the database gauges, no case data in labels),
// the worker's own Prometheus exporter (the Temporal SDK runtime's), and the JSON log lines of the
// API and the worker (request id, route, status, ms; workflowId and case numbers; no tokens).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { createApiMetrics, metricsApp, type ApiMetrics } from '../../api/http/metrics';
import { freshPollers } from '../../api/routes/health';
import { caseNumbersIn } from '../../activities/log-context';
import { createWorker } from '../../activities/worker';
import type { Config } from '../../infra/config';
import { createLogger } from '../../infra/log';
import { installWorkerRuntime } from '../../infra/temporal/logging';
import { compressed } from '../../workflows/clock/statute-profile';
import { actors, courts, enforcementCase, newCreditCode, proposal, registerCases, triggerFor } from '../fixtures/transfer';
import { projectRoot } from '../../infra/paths';
import { freePort } from '../setup/services';
import { apiCaller, type ApiCall } from '../support/api-client';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testClient, testConfig, uniqueTaskQueue } from '../support/temporal';

type Line = Record<string, unknown>;
const apiLines: Line[] = [];
const workerLines: Line[] = [];
const rawLines: string[] = [];
const sink = (into: Line[]) => ({ write(line: string) { rawLines.push(line); into.push(JSON.parse(line) as Line); } });

const metricsToken = 'metrics-token-for-the-observability-test';
let config: Config;
let db: TestDatabase;
let client: Client;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let metrics: ApiMetrics;
let call: ApiCall;
let app: ReturnType<typeof createApp>;

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const promqlWords = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'topk', 'bottomk', 'rate', 'irate', 'increase', 'delta', 'histogram_quantile',
  'absent', 'by', 'without', 'offset', 'and', 'or', 'unless', 'on', 'ignoring', 'group_left', 'group_right', 'bool',
]);

/** The series names a PromQL expression reads: what is left after label matchers, groupings, ranges, strings and functions. */
function seriesIn(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '').replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '').replace(/\boffset\s+\w+/g, '');
  return [...new Set([...bare.matchAll(/[A-Za-z_:][\w:]*/g)].map((m) => m[0]).filter((w) => !promqlWords.has(w)))];
}

/** Series names in Prometheus text (one per sample line). */
function exposed(text: string): Set<string> {
  return new Set(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0]!));
}

/** The value of one series line `name{labels} value` in Prometheus text, undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(token?: string): Promise<Response> {
  return metricsApp(metrics, metricsToken).request('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

beforeAll(async () => {
  // A minute a day: no deadline of the transfer started here falls due while the test runs.
  const dir = mkdtempSync(join(tmpdir(), 'observability-profile-'));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify({ ...compressed, name: 'observability-test', clock: { mode: 'compressed', msPerDay: 60_000 } }));
  config = testConfig({
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue('observe'), STATUTE_PROFILE_FILE: join(dir, 'profile.json'),
    LOG_LEVEL: 'debug', WORKER_METRICS_PORT: String(await freePort()), METRICS_TOKEN: metricsToken,
  });
  // This file's process (vitest forks) installs the worker's runtime itself, before any connection.
  installWorkerRuntime(config, createLogger(config, 'worker', sink(workerLines)));
  db = await freshDatabase();
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await createWorker({ config, connection, pool: db.pool, workflowBundle: { codePath: inject('workflowBundlePath') } });
  running = worker.run();
  client = await testClient();
  metrics = createApiMetrics(db.pool, { pollers: () => freshPollers({ client, config }) });
  app = createApp({ config, client, pool: db.pool, metrics, log: createLogger(config, 'api', sink(apiLines)) });
  call = apiCaller(app, config);
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await client?.connection.close();
  await db?.close();
});

const code = newCreditCode();
const trigger = triggerFor(code, [enforcementCase(courts.enforcement, ['k1'])]);
const caseNumber = trigger.cases[0]!.caseNumber;
let apiScrape = '';
let workerScrape = '';

describe('operating courtrelay', () => {
  it('finds the case numbers an activity\'s input names, bounded', () => {
    expect(caseNumbersIn({ sync: { state: { cases: [{ caseNumber: 'A' }, { caseNumber: 'B' }] } } })).toEqual(['A', 'B']);
    expect(caseNumbersIn({ caseNumber: 'C', state: { enforcementCaseNumber: 'D' } })).toEqual(['C', 'D']);
    expect(caseNumbersIn({ cases: Array.from({ length: 9 }, (_, i) => ({ caseNumber: `N${i}` })) })).toHaveLength(5);
    expect(caseNumbersIn(null)).toEqual([]);
    expect(caseNumbersIn({ a: { b: { c: { caseNumber: 'deep' } } } })).toEqual([]);
  });

  it('counts requests by route pattern and status, acts by outcome and reason, and reads what waits from PostgreSQL', async () => {
    await registerCases(db.pool, code, trigger.cases);
    expect((await call(actors.panel, 'POST', '/transfers', trigger)).status).toBe(403);
    expect((await call(actors.officer, 'POST', '/transfers', trigger)).status).toBe(201);
    expect((await call(actors.officer, 'GET', `/transfers/${code}`)).status).toBe(200);
    const early = await call(actors.officer, 'POST', `/transfers/${code}/proposal`, proposal);
    expect(early.status, JSON.stringify(early.body)).toBeGreaterThanOrEqual(400);
    expect((await call(actors.officer, 'GET', '/no-such-route')).status).toBe(404);
    // What the gauges read: an overdue deadline, a failed notice, a process failing for good.
    await db.pool.query(`insert into deadlines (deadline_key, process_kind, process_id, name, label, due_at, status)
      values ('obs-1', 'transfer', 'transfer-obs', 'consentReply', '答复期限', now() - interval '1 day', 'open')`);
    await db.pool.query(`insert into process_notices (notice_key, process_kind, process_id, kind, recipient_kind, recipient, body, status)
      values ('obs-n1', 'preservation', 'p-obs', 'ruling', 'party', 'party-obs', '通知', 'failed')`);
    await db.pool.query(`insert into process_failures (workflow_id, activity_type, workflow_type, run_id, attempt, retryable, error_type, message)
      values ('transfer-obs', 'writeEffects', 'transfer', 'run-obs', 1, false, 'DataRejected', 'refused')`);

    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong-token-of-the-same-length-as-it-isnt')).status).toBe(401);
    const res = await scrape(metricsToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    apiScrape = await res.text();

    expect(sample(apiScrape, 'courtrelay_http_requests_total{method="POST",route="/transfers",status="201"}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_http_requests_total{method="POST",route="/transfers",status="403"}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_http_requests_total{method="GET",route="/transfers/:creditCode",status="200"}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_http_request_duration_seconds_count{method="POST",route="/transfers"}')).toBe(2);
    expect(sample(apiScrape, 'courtrelay_acts_total{act="transfer.trigger",outcome="accepted",reason=""}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_acts_total{act="transfer.trigger",outcome="refused",reason="Forbidden"}')).toBe(1);
    expect(sample(apiScrape, `courtrelay_acts_total{act="transfer.propose",outcome="refused",reason="${early.body.error}"}`)).toBe(1);
    expect(sample(apiScrape, 'courtrelay_deadlines_overdue{kind="transfer"}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_notices{status="failed"}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_notices_oldest_age_seconds{status="failed"}')).toBeGreaterThanOrEqual(0);
    expect(sample(apiScrape, 'courtrelay_process_failures{retryable="false"}')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_metrics_database_up')).toBe(1);
    expect(sample(apiScrape, 'courtrelay_worker_pollers{type="workflow"}')).toBeGreaterThanOrEqual(1);
    const open = apiScrape.split('\n').filter((l) => l.startsWith('courtrelay_processes_open{kind="transfer"'));
    expect(open.reduce((n, l) => n + Number(l.split(' ')[1]), 0)).toBe(1);
    // No case data in any label: neither the credit code of the path nor the case number.
    expect(apiScrape).not.toContain(code);
    expect(apiScrape).not.toContain(caseNumber);
  });

  it('serves the worker\'s own series from the Temporal SDK runtime\'s Prometheus exporter', async () => {
    const url = `http://${config.METRICS_HOST}:${config.WORKER_METRICS_PORT}/metrics`;
    workerScrape = await waitFor('the worker to report a completed workflow task', async () => {
      const text = await (await fetch(url)).text();
      return /^temporal_workflow_task_execution_latency/m.test(text) ? text : undefined;
    });
    expect(workerScrape).toMatch(/^temporal_worker_task_slots_available\{/m);
    expect(workerScrape).toMatch(/^temporal_sticky_cache_size\{/m);
  });

  it('writes one JSON line per request and the worker\'s lines with workflowId and case numbers, never a token', async () => {
    const line = apiLines.find((l) => l.msg === 'request' && l.act === 'transfer.trigger' && l.status === 201);
    expect(line).toMatchObject({ level: 'info', name: 'api', method: 'POST', route: '/transfers', role: 'enforcement_officer' });
    expect(line!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line!.ms).toBe('number');
    expect(apiLines.find((l) => l.status === 403)).toMatchObject({ act: 'transfer.trigger', reason: 'Forbidden' });

    const res = await app.request('/transfers', { headers: { 'x-request-id': 'court-proxy-0001', authorization: 'Bearer not-a-token' } });
    expect(res.headers.get('x-request-id')).toBe('court-proxy-0001');
    expect(apiLines.at(-1)).toMatchObject({ requestId: 'court-proxy-0001', status: 401, route: '/transfers' });

    const workerLine = await waitFor('a worker log line naming the transfer and its case number', () =>
      workerLines.find((l) => l.workflowId === `transfer-${code}` && (l.caseNumbers as string[] | undefined)?.includes(caseNumber)));
    expect(workerLine).toMatchObject({ name: 'worker', activityType: expect.any(String) });
    for (const raw of rawLines) {
      expect(raw).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}/);
    }
  });

  it('alerts and the dashboard read only series the API\'s and the worker\'s /metrics expose (or Prometheus\'s own up)', () => {
    expect(apiScrape && workerScrape, 'the scrapes of the tests above').toBeTruthy();
    const known = new Set([...exposed(apiScrape), ...exposed(workerScrape), 'up']);
    const rules = parse(readFileSync(join(projectRoot, 'infra/observability/alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string; for?: string }> }> };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.map((a) => a.alert)).toEqual(expect.arrayContaining([
      'CourtrelayActsFailing', 'CourtrelayProcessFailures', 'CourtrelayNoticesFailing', 'CourtrelayOverdueDeadlinesRising',
      'CourtrelayNoWorkerPolling', 'CourtrelayApi5xx', 'CourtrelayApiSlow',
    ]));
    for (const rule of alerts) {
      const names = seriesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      expect(names.filter((n) => !known.has(n)), `${rule.alert}: ${rule.expr}`).toEqual([]);
    }
    const dashboard = JSON.parse(readFileSync(join(projectRoot, 'infra/observability/grafana/dashboards/courtrelay.json'), 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => [p.title, t.expr] as const));
    expect(exprs.length).toBeGreaterThan(10);
    for (const [title, expr] of exprs) expect(seriesIn(expr).filter((n) => !known.has(n)), `${title}: ${expr}`).toEqual([]);
    // The checker itself: an unknown series is caught.
    expect(seriesIn('sum by (act) (rate(courtrelay_acts_totl{outcome="failed"}[5m])) > 0')).toEqual(['courtrelay_acts_totl']);
  });
});
