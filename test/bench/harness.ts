// The benchmark's own services and processes: a fresh Temporal dev server and database, a worker
// process and an API process, and what is measured about them (latencies, peak memory).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../infra/paths';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export class Latencies {
  private readonly byKind = new Map<string, number[]>();

  async time<T>(kind: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      const list = this.byKind.get(kind) ?? [];
      list.push(performance.now() - started);
      this.byKind.set(kind, list);
    }
  }

  summary(): Record<string, { count: number; p50: number; p95: number; p99: number }> {
    return Object.fromEntries(
      [...this.byKind.entries()].map(([kind, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const round = (n: number) => Math.round(n * 10) / 10;
        return [kind, { count: values.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) }];
      }),
    );
  }
}

/** Peak resident memory of a live process, from the kernel's high-water mark. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? NaN);
  return Math.round((kib / 1024) * 10) / 10;
}

export function currentRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? NaN);
  return Math.round((kib / 1024) * 10) / 10;
}

export function startProcess(script: string, env: Record<string, string>, logDir: string, name: string): Promise<ChildProcess> {
  const log = openSync(join(logDir, `${name}.log`), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', log],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(': ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready; see ${join(logDir, `${name}.log`)}`)));
  });
}

/** Runs `task` for items 0..count-1 with at most `concurrency` at a time. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}
