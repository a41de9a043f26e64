// `npm run soak [-- --processes 40 --kills 4 --seed 7 --concurrency 16]`: the determinism soak of
// issue 12. Random but lawful acts with deliberate collisions drive transfers and preservations
// through the API on the compressed profile while the worker is SIGKILLed and started again at
// random moments; then every process is read through the API on a fresh worker, its effects are
// checked to be there exactly once, and every history is replayed. Prints processes, acts, kills,
// replays and failures; exits 1 on any failure. Its own Temporal dev server and database unless
// SOAK_TEMPORAL_ADDRESS, SOAK_DATABASE_URL and SOAK_WORKFLOW_BUNDLE name the test suite's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pool as inParallel } from '../bench/harness';
import { SoakClient } from './client';
import { checkPreservation, checkTransfer, replayAll, type Failure } from './check';
import { startEngine } from './engine';
import { drivePreservation } from './preservation';
import { Random, sleep } from './random';
import { driveTransfer } from './transfer';

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: '40' },
    kills: { type: 'string', default: '4' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    concurrency: { type: 'string', default: '16' },
    // Its own server suggests continue-as-new at this history length (0: Temporal's default); on
    // the test suite's server the processes get it as their own limit (WORKFLOW_HISTORY_EVENT_LIMIT).
    'continue-at': { type: 'string', default: '60' },
  },
});
const wholeNumber = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`soak: --${name} must be a whole number ≥ ${min} (got ${value})`);
  return n;
};
const processes = wholeNumber('processes', values.processes, 2);
const kills = wholeNumber('kills', values.kills, 0);
const seed = wholeNumber('seed', values.seed, 0);
const concurrency = wholeNumber('concurrency', values.concurrency, 1);
const continueAt = wholeNumber('continue-at', values['continue-at'], 0);

Runtime.install({ logger: new DefaultLogger('WARN') });
const startedAt = Date.now();
const seconds = () => Math.round((Date.now() - startedAt) / 100) / 10;
const log = (line: string) => console.log(`soak [${seconds()} s] ${line}`);

const engine = await startEngine({
  temporalAddress: process.env.SOAK_TEMPORAL_ADDRESS || undefined,
  databaseUrl: process.env.SOAK_DATABASE_URL || undefined,
  bundlePath: process.env.SOAK_WORKFLOW_BUNDLE || undefined,
  taskQueue: `soak-${seed}-${process.pid}`,
  suggestContinueAsNewAt: continueAt || undefined,
});
log(`seed ${seed}: ${processes} processes (transfers and preservations alternate), ${kills} worker kills, ${concurrency} at a time; work files in ${engine.workDir}`);
const client = new SoakClient(engine.apiUrl, engine.config.JWT_SECRET, `soak-${seed}-${process.pid}`);
const random = new Random(seed);
const salt = Date.now() + seed;
const failures: Failure[] = [];
const kinds = new Map<string, 'transfer' | 'preservation'>();

// Kills at random moments while acts are in flight: spread over the expected drive time (a
// process walks about 12 s of compressed law), the worker sometimes back at once, sometimes after
// a pause of up to 3 s, so Updates, timers and activities are cut at every point of their life.
let driving = true;
let killed = 0;
let killedWhileDriving = 0;
const killRandom = random.fork(0x6b696c6c);
const averageGapMs = Math.max(1000, (Math.ceil(processes / concurrency) * 12_000) / (kills + 1));
const killing = (async () => {
  while (killed < kills) {
    await sleep(driving ? killRandom.int(averageGapMs / 2, averageGapMs * 1.5) : killRandom.int(500, 2000));
    await engine.workers.kill();
    killed++;
    if (driving) killedWhileDriving++;
    if (killRandom.chance(0.3)) await sleep(killRandom.int(500, 3000));
    await engine.workers.start();
  }
})();

let driverErrors = 0;
await inParallel(processes, concurrency, async (index) => {
  const rnd = random.fork(index + 1);
  const kind = index % 2 === 0 ? 'transfer' : 'preservation';
  try {
    const id = kind === 'transfer' ? await driveTransfer(client, index, salt, rnd) : await drivePreservation(client, index, salt, rnd);
    if (id) kinds.set(id, kind);
    else failures.push({ processId: `${kind} #${index}`, check: 'start', detail: 'the start was refused' });
  } catch (err) {
    driverErrors++;
    failures.push({ processId: `${kind} #${index}`, check: 'driver', detail: String(err).slice(0, 300) });
  }
  if ((index + 1) % Math.max(1, Math.floor(processes / 10)) === 0) log(`${index + 1}/${processes} processes driven, ${client.figures.acts} acts, ${killed} kills`);
});
driving = false;
await killing;
log(`driving done: ${client.figures.acts} acts, ${killed} kills (${killedWhileDriving} while acts were in flight)`);

// Timers still running (measure terms, appeal windows) fire; then every open process is at rest.
const ids = [...kinds.keys()];
const settleUntil = Date.now() + 45_000;
let open = ids.length;
while (Date.now() < settleUntil) {
  const states = await inParallel(ids.length, 8, async (i) => (await engine.client.workflow.getHandle(ids[i]!).describe()).status.name);
  open = states.filter((s) => s === 'RUNNING').length;
  if (open === 0) break;
  await sleep(3000);
}

// A fresh worker: every read below replays the process's whole history.
await engine.workers.kill();
await engine.workers.start();
log(`settled (${open} processes still open, waiting for acts that never came); reading every process on a fresh worker`);
let closed = 0;
await inParallel(ids.length, 4, async (i) => {
  const id = ids[i]!;
  const acts = client.acts.filter((a) => a.processId === id);
  const check = kinds.get(id) === 'transfer' ? checkTransfer : checkPreservation;
  try {
    if ((await check(client, engine.client, engine.pool, id, acts, failures)) === 'closed') closed++;
  } catch (err) {
    failures.push({ processId: id, check: 'check', detail: String(err).slice(0, 300) });
  }
});
for (const line of engine.workers.nondeterminism()) failures.push({ processId: '(worker log)', check: 'nondeterminism', detail: line });
log('replaying every history');
const { runs: replays, continued } = await replayAll(engine.client, engine.bundlePath, ids, failures, { workDir: engine.workDir, temporalAddress: engine.config.TEMPORAL_ADDRESS! });
await engine.stop();
// Every act sent and its answer, for reading a failure afterwards.
writeFileSync(join(engine.workDir, 'acts.json'), JSON.stringify(client.acts, null, 1));

const byCheck: Record<string, number> = {};
for (const f of failures) byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
// Refusals are the process's own answers (a deadline had moved it on); they are listed so a
// refusal that should not happen (a 409 right after an act returned) shows.
const refusals: Record<string, number> = {};
for (const a of client.acts.filter((x) => x.outcome === 'refused')) {
  const why = `${a.action} ${a.status} ${(a.answer as { error?: string } | null)?.error ?? ''}`;
  refusals[why] = (refusals[why] ?? 0) + 1;
}
// Acts left without a final answer, by what they last got (a 500 is in api.log in the work directory).
const unanswered: Record<string, number> = {};
for (const a of client.acts.filter((x) => x.outcome === 'unknown')) {
  const why = `${a.action} ${a.status || 'no answer'}`;
  unanswered[why] = (unanswered[why] ?? 0) + 1;
}
const transfers = [...kinds.values()].filter((k) => k === 'transfer').length;
const result = {
  seed, processes: ids.length, transfers, preservations: ids.length - transfers, closed, open: ids.length - closed,
  acts: client.figures.acts, acked: client.figures.acked, refused: client.figures.refused, unanswered: client.figures.unknown,
  repeatsAfter503: client.figures.retriedAfter503, reads: client.figures.reads,
  kills: killed, killsWhileDriving: killedWhileDriving, workers: engine.workers.generation, replays, continued,
  failures: failures.length, failuresByCheck: byCheck, driverErrors, seconds: seconds(),
};
console.log('');
console.log(`processes   ${result.processes} (${transfers} transfers, ${result.preservations} preservations; ${closed} closed, ${result.open} open)`);
console.log(`acts        ${result.acts} sent: ${result.acked} acknowledged, ${result.refused} refused (4xx), ${result.unanswered} unanswered; ${result.repeatsAfter503} repeats after a 503`);
console.log(`refusals    ${Object.entries(refusals).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ×${n}`).join('; ')}`);
console.log(`unanswered  ${Object.entries(unanswered).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ×${n}`).join('; ') || 'none'}`);
console.log(`kills       ${killed} SIGKILLs (${killedWhileDriving} while acts were in flight), ${engine.workers.generation} worker processes`);
console.log(`replays     ${replays} histories replayed (${continued} processes continued as new at least once)`);
console.log(`failures    ${failures.length}${failures.length ? ` ${JSON.stringify(byCheck)}` : ''}`);
for (const f of failures.slice(0, 30)) console.log(`  ${f.check}: ${f.processId}: ${f.detail}`);
console.log(`soak-result ${JSON.stringify(result)}`);
process.exit(failures.length ? 1 : 0);
