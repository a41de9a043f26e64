// The API's Prometheus series (prom-client): what people asked of it, how it answered and how fast,
// which acts were taken or refused and why, and — read from PostgreSQL when scraped — what is
// waiting: notices, open processes by stage, overdue deadlines, processes whose activity keeps
// failing. Labels carry route patterns, act names and error types only, never a case number, a
// credit code or a name: /metrics is read without a court identity.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type pg from 'pg';
import { isTerminal, transferStages } from '../../workflows/transfer/stages';
import { terminalStages as preservationTerminalStages } from '../../workflows/preservation/stages';

/** Seconds the PostgreSQL-backed gauges reuse one reading: scrapes from two Prometheus replicas, or a dashboard refresh, cost one round of queries. */
export const databaseGaugeCacheMs = 10_000;

// Buckets in seconds: a read answers in milliseconds, an act waits for its Update (tens to hundreds
// of ms), and the API's Temporal deadline (10 s by default) bounds the slowest.
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface DatabaseReading {
  processes: Array<{ kind: string; stage: string; n: number }>;
  notices: Array<{ status: string; n: number; oldestSeconds: number | null }>;
  overdue: Array<{ kind: string; n: number }>;
  failures: { processes: number; nonRetryable: number };
}

const endedStages = [...transferStages.filter(isTerminal), ...preservationTerminalStages];

/**
 * One reading of what is waiting, four indexed aggregates in one round trip each: notices not yet
 * delivered (transfer_notices, process_notices through notice_outbox), processes not yet ended by
 * stage, deadlines past due and not met (status overdue, or open with due_at past), and
 * process_failures.
 */
async function readDatabase(pool: Pick<pg.Pool, 'query'>): Promise<DatabaseReading> {
  const [processes, notices, overdue, failures] = await Promise.all([
    pool.query<{ kind: string; stage: string; n: number }>(
      `select 'transfer' as kind, stage, count(*)::int as n from transfers where stage <> all($1) group by stage
       union all
       select 'preservation', stage, count(*)::int from preservations where stage <> all($1) group by stage`, [endedStages]),
    pool.query<{ status: string; n: number; oldest_seconds: number | null }>(
      `select status, count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as oldest_seconds
         from notice_outbox where status in ('pending', 'sending', 'failed') group by status`),
    pool.query<{ kind: string; n: number }>(
      `select process_kind as kind, count(*)::int as n from deadlines
        where status = 'overdue' or (status = 'open' and due_at < now()) group by process_kind`),
    pool.query<{ processes: number; non_retryable: number }>(
      'select count(distinct workflow_id)::int as processes, count(distinct workflow_id) filter (where not retryable)::int as non_retryable from process_failures where resolved_at is null'),
  ]);
  return {
    processes: processes.rows,
    notices: notices.rows.map((r) => ({ status: r.status, n: r.n, oldestSeconds: r.oldest_seconds })),
    overdue: overdue.rows,
    failures: { processes: failures.rows[0]!.processes, nonRetryable: failures.rows[0]!.non_retryable },
  };
}

/** The API's registry and the series its middleware and routes record into. */
export interface ApiMetrics {
  registry: Registry;
  /** courtrelay_http_requests_total{method, route, status}. */
  requests: Counter<'method' | 'route' | 'status'>;
  /** courtrelay_http_request_duration_seconds{method, route}. */
  latency: Histogram<'method' | 'route'>;
  /** courtrelay_acts_total{act, outcome, reason}: outcome accepted|refused; reason the error type ('' when accepted). */
  acts: Counter<'act' | 'outcome' | 'reason'>;
}

export interface ApiMetricsOptions {
  /** Adds prom-client's Node.js process series (CPU, memory, event loop lag): the running server's. */
  processMetrics?: boolean;
  /** Workers polling the task queue by task type (the API's /healthz probe), read at scrape time and cached like the database gauges. */
  pollers?: () => Promise<Record<'workflow' | 'activity', number>>;
}

/**
 * A fresh registry with the API's series. The database gauges read `pool` at scrape time (cached
 * `databaseGaugeCacheMs`); a failed reading leaves them empty and sets
 * courtrelay_metrics_database_up to 0 instead of failing the scrape; likewise the pollers gauge
 * (courtrelay_worker_pollers, absent when Temporal does not answer).
 */
export function createApiMetrics(pool: Pick<pg.Pool, 'query'>, options: ApiMetricsOptions = {}): ApiMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  let cached: { at: number; reading: Promise<DatabaseReading | undefined> } | undefined;
  const reading = (): Promise<DatabaseReading | undefined> => {
    if (!cached || Date.now() - cached.at > databaseGaugeCacheMs) {
      cached = { at: Date.now(), reading: readDatabase(pool).catch(() => undefined) };
    }
    return cached.reading;
  };

  let pollersCache: { at: number; counts: Promise<Record<'workflow' | 'activity', number> | undefined> } | undefined;
  const { pollers } = options;
  if (pollers) {
    new Gauge({
      name: 'courtrelay_worker_pollers', help: 'Workers that polled the task queue in the last 90 s, by task type (workflow, activity); 0 means acts wait and deadlines do not fire',
      labelNames: ['type'], registers,
      async collect() {
        if (!pollersCache || Date.now() - pollersCache.at > databaseGaugeCacheMs) {
          pollersCache = { at: Date.now(), counts: pollers().catch(() => undefined) };
        }
        this.reset();
        const counts = await pollersCache.counts;
        if (counts) for (const [type, n] of Object.entries(counts)) this.set({ type }, n);
      },
    });
  }
  new Gauge({
    name: 'courtrelay_metrics_database_up', help: '1 when the last reading of the database gauges succeeded', registers,
    async collect() { this.set((await reading()) ? 1 : 0); },
  });
  new Gauge({
    name: 'courtrelay_processes_open', help: 'Transfers and preservations not yet ended, by kind and stage (read model)',
    labelNames: ['kind', 'stage'], registers,
    async collect() {
      this.reset();
      for (const r of (await reading())?.processes ?? []) this.set({ kind: r.kind, stage: r.stage }, r.n);
    },
  });
  new Gauge({
    name: 'courtrelay_notices', help: 'Notices not delivered, by status (pending, sending, failed), both outboxes',
    labelNames: ['status'], registers,
    async collect() {
      this.reset();
      for (const status of ['pending', 'sending', 'failed']) this.set({ status }, 0);
      for (const r of (await reading())?.notices ?? []) this.set({ status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'courtrelay_notices_oldest_age_seconds', help: 'Age of the oldest notice not delivered, by status (0 when none)',
    labelNames: ['status'], registers,
    async collect() {
      this.reset();
      for (const status of ['pending', 'sending', 'failed']) this.set({ status }, 0);
      for (const r of (await reading())?.notices ?? []) this.set({ status: r.status }, r.oldestSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'courtrelay_deadlines_overdue', help: 'Statutory deadlines past due and not met, by process kind',
    labelNames: ['kind'], registers,
    async collect() {
      this.reset();
      for (const kind of ['transfer', 'preservation']) this.set({ kind }, 0);
      for (const r of (await reading())?.overdue ?? []) this.set({ kind: r.kind }, r.n);
    },
  });
  new Gauge({
    name: 'courtrelay_process_failures', help: 'Processes with an activity failing for good or three times running (process_failures), by retryable',
    labelNames: ['retryable'], registers,
    async collect() {
      this.reset();
      const f = (await reading())?.failures;
      if (!f) return;
      this.set({ retryable: 'false' }, f.nonRetryable);
      this.set({ retryable: 'true' }, f.processes - f.nonRetryable);
    },
  });

  return {
    registry,
    requests: new Counter({ name: 'courtrelay_http_requests_total', help: 'API requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers }),
    latency: new Histogram({ name: 'courtrelay_http_request_duration_seconds', help: 'API answer time by method and route pattern', labelNames: ['method', 'route'], buckets: latencyBuckets, registers }),
    acts: new Counter({ name: 'courtrelay_acts_total', help: 'Acts (POST with a permission action) accepted or refused, by act and the refusal\'s error type', labelNames: ['act', 'outcome', 'reason'], registers }),
  };
}

/**
 * The metrics listener's app: GET /metrics in Prometheus text format. With `token` set, only a
 * request bearing it (`Authorization: Bearer <token>`) is answered; others get 401.
 */
export function metricsApp(metrics: Pick<ApiMetrics, 'registry'>, token?: string): Hono {
  const app = new Hono();
  const expected = token ? createHash('sha256').update(`Bearer ${token}`).digest() : undefined;
  app.get('/metrics', async (c) => {
    if (expected) {
      const given = createHash('sha256').update(c.req.header('authorization') ?? '').digest();
      if (!timingSafeEqual(given, expected)) return c.json({ error: 'Unauthorized', message: '缺少或错误的监控令牌 (METRICS_TOKEN bearer token required)' }, 401);
    }
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });
  return app;
}
