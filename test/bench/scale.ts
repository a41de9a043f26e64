// Scale: many open preservation workflows with long (statutory) timers — how fast they start
// through the API, the worker's memory with them open, and how long the supervisor's
// "soon due" list takes to read.
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { mintToken } from '../../api/http/auth';
import { parseConfig } from '../../infra/config';
import type { Actor } from '../../workflows/shared/actor';
import { currentRssMiB, Latencies, peakRssMiB, pool } from './harness';

export interface ScaleReport {
  count: number;
  withMeasures: number;
  startSeconds: number;
  startsPerSecond: number;
  setupSeconds: number;
  workerRssMiB: number;
  workerPeakRssMiB: number;
  soonDueMs: number;
  soonDueRows: number;
  allDueMs: number;
  allDueRows: number;
  latencies: ReturnType<Latencies['summary']>;
}

const court = 'BPC-110105';
const people = {
  clerk: { userId: 'scale-clerk', role: 'filing_clerk', court },
  judge: { userId: 'scale-judge', role: 'trial_judge', court },
  officer: { userId: 'scale-officer', role: 'enforcement_officer', court },
  supervisor: { userId: 'scale-supervisor', role: 'supervisor', court },
} satisfies Record<string, Actor>;

export async function runPreservationScale(options: {
  apiUrl: string; client: Client; count: number; measures: number; worker: ChildProcess; concurrency: number;
}): Promise<ScaleReport> {
  const secret = parseConfig({}).JWT_SECRET;
  const token = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([k, a]) => [k, await mintToken(secret, a)])));
  const latencies = new Latencies();
  const run = Date.now().toString(36);
  const post = async (kind: string, who: keyof typeof people, path: string, body: unknown) => {
    const res = await latencies.time(kind, () => fetch(options.apiUrl + path, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token[who]}` }, body: JSON.stringify(body),
    }));
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${kind} ${path} answered ${res.status}: ${text}`);
  };

  const ids = Array.from({ length: options.count }, (_, i) => `BQ${run}${i}`);
  const startedAt = performance.now();
  await pool(options.count, options.concurrency, async (i) => {
    await post('start: apply', 'clerk', '/preservations', {
      court, applicationNumber: ids[i], kind: 'in_suit', caseNumber: `(2026)京0105民初${i}号`,
      applicant: { partyId: `a${i}`, name: '申请人' }, respondent: { partyId: `r${i}`, name: '被申请人' },
      amount: '100000', propertyNamed: ['银行存款'],
    });
  });
  const startSeconds = (performance.now() - startedAt) / 1000;

  // Every application waits on its ruling timer. A share of them is then granted with one bank
  // freeze each: expiry, renewal and reminder timers a year out. (A measure cannot be dated before
  // its ruling, so none falls in a 30-day window yet: the list is also read over 400 days, where
  // every one of them is due.)
  const withMeasures = Math.min(options.count, options.measures);
  const setupAt = performance.now();
  await pool(withMeasures, options.concurrency, async (i) => {
    const base = `/preservations/preservation-${court}-${ids[i]}`;
    await post('update: ruling', 'judge', `${base}/ruling`, { decision: 'granted', reason: '符合保全条件' });
    await post('update: measure', 'officer', `${base}/measures`, {
      measureId: 'm1', kind: 'bank_deposit', asset: `账户${i}`, location: '某银行', rank: 1,
    });
  });
  const setupSeconds = (performance.now() - setupAt) / 1000;

  await new Promise((r) => setTimeout(r, 2000));
  const soonDue = async (withinDays: number) => {
    const started = performance.now();
    const res = await fetch(`${options.apiUrl}/measures/expiring?withinDays=${withinDays}&court=${court}`, { headers: { authorization: `Bearer ${token.supervisor}` } });
    const body = (await res.json()) as { measures: unknown[] };
    if (!res.ok) throw new Error(`soon-due list answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms: Math.round((performance.now() - started) * 10) / 10, rows: body.measures.length };
  };
  const within30 = await soonDue(30);
  const within400 = await soonDue(400);

  return {
    count: options.count,
    withMeasures,
    startSeconds: Math.round(startSeconds * 100) / 100,
    startsPerSecond: Math.round((options.count / startSeconds) * 10) / 10,
    setupSeconds: Math.round(setupSeconds * 100) / 100,
    workerRssMiB: currentRssMiB(options.worker.pid!),
    workerPeakRssMiB: peakRssMiB(options.worker.pid!),
    soonDueMs: within30.ms,
    soonDueRows: within30.rows,
    allDueMs: within400.ms,
    allDueRows: within400.rows,
    latencies: latencies.summary(),
  };
}
