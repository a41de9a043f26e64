// Lifecycle throughput and the floor, both driven through HTTP at the same concurrency.
import type { Client } from '@temporalio/client';
import { mintToken } from '../../api/http/auth';
import { parseConfig } from '../../infra/config';
import { Latencies, pool } from './harness';
import { creditCodeFor, lifecycleActors, lifecycleSteps, registrationStep, sendStep, type LifecycleActor } from '../fixtures/transfer-lifecycle';

export interface FloorReport {
  lifecyclesPerSecond: number;
  seconds: number;
  latencies: ReturnType<Latencies['summary']>;
}

export interface LifecycleReport {
  lifecycles: number;
  concurrency: number;
  updatesPerLifecycle: number;
  seconds: number;
  lifecyclesPerSecond: number;
  wrongStageRetries: number;
  historyEvents: number;
  latencies: ReturnType<Latencies['summary']>;
  floor?: FloorReport;
  ratioToFloor?: number;
  workerPeakRssMiB?: number;
  apiPeakRssMiB?: number;
}

async function tokens(): Promise<Record<LifecycleActor, string>> {
  const secret = parseConfig({}).JWT_SECRET;
  const entries = await Promise.all(Object.entries(lifecycleActors).map(async ([k, actor]) => [k, await mintToken(secret, actor)] as const));
  return Object.fromEntries(entries) as Record<LifecycleActor, string>;
}

export async function runLifecycles(options: { apiUrl: string; client: Client; lifecycles: number; concurrency: number }): Promise<LifecycleReport> {
  const latencies = new Latencies();
  const auth = await tokens();
  const salt = Date.now();
  let retries = 0;
  let updatesPerLifecycle = 0;
  const started = performance.now();
  const codes = await pool(options.lifecycles, options.concurrency, async (i) => {
    const code = creditCodeFor(i, salt);
    const steps = lifecycleSteps(code);
    updatesPerLifecycle = steps.length - 1;
    const registered = await sendStep(options.apiUrl, auth, registrationStep(code));
    if (registered.status !== 200) throw new Error(`registering the case of ${code} answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    for (const step of steps) {
      const result = await latencies.time(step.kind, () => sendStep(options.apiUrl, auth, step));
      retries += result.retries;
      if (result.status >= 300) throw new Error(`${step.kind} for ${code} answered ${result.status}: ${JSON.stringify(result.body)}`);
    }
    return code;
  });
  const seconds = (performance.now() - started) / 1000;
  const history = await options.client.workflow.getHandle(`transfer-${codes[0]}`).fetchHistory();
  return {
    lifecycles: options.lifecycles,
    concurrency: options.concurrency,
    updatesPerLifecycle,
    seconds: Math.round(seconds * 100) / 100,
    lifecyclesPerSecond: Math.round((options.lifecycles / seconds) * 100) / 100,
    wrongStageRetries: retries,
    historyEvents: history.events?.length ?? 0,
    latencies: latencies.summary(),
  };
}

export async function runFloor(options: { apiUrl: string; lifecycles: number; concurrency: number; updatesPerLifecycle: number }): Promise<FloorReport> {
  const latencies = new Latencies();
  const run = `floor-${Date.now()}`;
  const started = performance.now();
  await pool(options.lifecycles, options.concurrency, async (i) => {
    const id = `${run}-${i}`;
    const post = async (path: string) => {
      const res = await fetch(`${options.apiUrl}${path}`, { method: 'POST' });
      if (!res.ok) throw new Error(`floor ${path} answered ${res.status}`);
      await res.arrayBuffer();
    };
    await latencies.time('start', () => post(`/bench/floor/${id}`));
    // The transfer's last Update ends its part of the lifecycle; the floor's `finish` stands for it.
    for (let n = 1; n < options.updatesPerLifecycle; n++) await latencies.time('update', () => post(`/bench/floor/${id}/step/${n}`));
    await latencies.time('update', () => post(`/bench/floor/${id}/finish`));
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    lifecyclesPerSecond: Math.round((options.lifecycles / seconds) * 100) / 100,
    seconds: Math.round(seconds * 100) / 100,
    latencies: latencies.summary(),
  };
}
