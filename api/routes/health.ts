// Whether the engine can do its work: Temporal and PostgreSQL reachable, and a worker polling the
// task queue — without one every act waits and no deadline fires, so that is not ok either (issue
// 12: /healthz said ok with the worker down). Processes whose activity keeps failing are reported
// in the detail (how many, never which: /healthz needs no token); the supervisor's board names them.
// So are processes Temporal closed without their workflow finishing (terminated, failed, timed out,
// cancelled: ../http/ended-by-engine.ts). Neither makes the status degraded: the engine is up and
// every other process moves; a load balancer taking the API out of service would help none of them.
// They are for whoever watches /healthz (an alert on `processes.endedByEngine > 0`) and the board.
import { createRoute, z } from '@hono/zod-openapi';
import { countProcessFailures } from '../../activities/failures';
import { countEndedProcesses } from '../http/ended-by-engine';
import type { ApiDeps } from '../deps';
import { routesApp } from '../http/openapi';

const dependencyStatus = z.object({ up: z.boolean(), detail: z.string().optional() });
const healthBody = z
  .object({
    status: z.enum(['ok', 'degraded']),
    error: z.string().optional().openapi({ description: 'Unhealthy, when degraded (the API\'s error shape)' }),
    message: z.string().optional().openapi({ description: 'what is down, when degraded' }),
    temporal: dependencyStatus,
    postgres: dependencyStatus,
    worker: dependencyStatus.openapi({ description: 'a worker has polled the task queue for workflow and activity tasks lately' }),
    processes: z.object({
      failing: z.number().int().optional().openapi({ description: 'processes with an activity failing for good or three times running; absent when PostgreSQL did not answer' }),
      failingForGood: z.number().int().optional(),
      endedByEngine: z.number().int().optional().openapi({
        description: 'processes whose latest run Temporal closed without the workflow finishing (terminated, failed, timed out, cancelled); '
          + 'absent when Temporal\'s visibility did not answer within the probe timeout. Not degraded: the supervisor\'s board names them',
      }),
      detail: z.string().optional(),
    }).optional(),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Whether Temporal and PostgreSQL are reachable and a worker polls the task queue',
  description: 'Also counts, without naming them, processes whose activity keeps failing (`processes.failing`) and processes '
    + 'Temporal stopped without their workflow finishing — terminated, failed, timed out or cancelled (`processes.endedByEngine`). '
    + 'Neither makes the answer degraded (the engine is up); the supervisor\'s board names them, and alerting on either above 0 is advised.',
  responses: {
    200: { description: 'All up (processes may still be counted as failing or stopped by the engine)', content: { 'application/json': { schema: healthBody } } },
    503: { description: 'A dependency is down or no worker polls the task queue', content: { 'application/json': { schema: healthBody } } },
  },
});

const probeTimeoutMs = 3000;

/**
 * A poller is current when it polled within this long: a live worker's long poll returns empty
 * after about a minute and polls again at once, so a worker seen less recently is gone.
 */
export const pollerFreshMs = 90_000;

async function withinProbeTimeout<T>(check: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check(),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${probeTimeoutMs / 1000} s`)), probeTimeoutMs); }),
    ]);
  } finally {
    // Each probe's timer would otherwise stay armed after the answer (and hold a stopping process open).
    clearTimeout(timer);
  }
}

async function probe(check: () => Promise<string | void>): Promise<z.infer<typeof dependencyStatus>> {
  try {
    const detail = await withinProbeTimeout(check);
    return detail ? { up: true, detail } : { up: true };
  } catch (err) {
    return { up: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

type ProcessCounts = { failing?: number; failingForGood?: number; endedByEngine?: number; detail?: string };

/** The processes part of the answer: counts and one detail in Chinese and English, or undefined when neither count could be read. */
function processesPart(failures: { processes: number; nonRetryable: number } | undefined, ended: number | undefined): ProcessCounts | undefined {
  if (!failures && ended === undefined) return undefined;
  const details = [
    ...(failures && failures.processes > 0 ? [[`${failures.processes}个程序运行受阻`, `${failures.processes} processes have an activity failing`]] : []),
    ...(ended ? [[`${ended}个程序已被流程引擎终止或运行失败而停止`, `${ended} processes were terminated, failed, timed out or cancelled by the workflow engine and have stopped`]] : []),
  ];
  return {
    ...(failures ? { failing: failures.processes, failingForGood: failures.nonRetryable } : {}),
    ...(ended !== undefined ? { endedByEngine: ended } : {}),
    ...(details.length ? { detail: `${details.map(([zh]) => zh).join('；')}，见监督看板 (${details.map(([, en]) => en).join('; ')}; see the supervisor's board)` } : {}),
  };
}

// temporal.api.enums.v1 numbering: TaskQueueKind NORMAL = 1; TaskQueueType WORKFLOW = 1, ACTIVITY = 2.
const taskQueueTypes = [['workflow', 1], ['activity', 2]] as const;

/** Workers that polled the task queue within `pollerFreshMs`, by task type (workflow, activity). */
export async function freshPollers(deps: Pick<ApiDeps, 'client' | 'config'>): Promise<Record<'workflow' | 'activity', number>> {
  const { TEMPORAL_NAMESPACE: namespace, TEMPORAL_TASK_QUEUE: name } = deps.config;
  const counts = { workflow: 0, activity: 0 };
  for (const [label, taskQueueType] of taskQueueTypes) {
    const answer = await deps.client.workflowService.describeTaskQueue({ namespace, taskQueue: { name, kind: 1 }, taskQueueType });
    counts[label] = (answer.pollers ?? []).filter((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return Date.now() - seconds * 1000 < pollerFreshMs;
    }).length;
  }
  return counts;
}

async function workerPolls(deps: ApiDeps): Promise<string> {
  const name = deps.config.TEMPORAL_TASK_QUEUE;
  const counts = await freshPollers(deps);
  const missing = taskQueueTypes.map(([label]) => label).filter((label) => counts[label] === 0);
  const pollers = counts.workflow + counts.activity;
  if (missing.length) {
    throw new Error(`没有工作进程在轮询任务队列 "${name}"（${missing.join('、')}），所有操作都将等待 `
      + `(no worker has polled task queue "${name}" for ${missing.join(' and ')} tasks in the last ${pollerFreshMs / 1000} s; start one with npm run worker)`);
  }
  return `${pollers} pollers on task queue "${name}"`;
}

export function healthRoutes(deps: ApiDeps) {
  return routesApp().openapi(healthRoute, async (c) => {
    const [temporal, postgres, failures, ended] = await Promise.all([
      probe(async () => { await deps.client.workflowService.getSystemInfo({}); }),
      probe(async () => { await deps.pool.query('select 1'); }),
      countProcessFailures(deps.pool).catch(() => undefined),
      withinProbeTimeout(() => countEndedProcesses(deps.client)).then((c) => c.processes, () => undefined),
    ]);
    const worker = temporal.up ? await probe(() => workerPolls(deps)) : { up: false, detail: 'Temporal unreachable' };
    const up = temporal.up && postgres.up && worker.up;
    const processes = processesPart(failures, ended);
    const down = [['Temporal', temporal], ['PostgreSQL', postgres], ['worker', worker]].filter(([, s]) => !(s as { up: boolean }).up).map(([name]) => name);
    const refusal = up ? {} : { error: 'Unhealthy', message: `服务不可用：${down.join('、')} (not ready: ${down.join(', ')} down)` };
    return c.json({ status: up ? ('ok' as const) : ('degraded' as const), ...refusal, temporal, postgres, worker, ...(processes ? { processes } : {}) }, up ? 200 : 503);
  });
}
