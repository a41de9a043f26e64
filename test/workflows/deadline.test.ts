// The deadline primitive on a real Temporal server under the compressed profile (100 ms a day):
// it reminds at its lead times, escalates once when due, and does not count paused time.
import { fileURLToPath } from 'node:url';
import { activityInfo } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeadlineState } from '../../workflows/clock/deadline';
import { compressed, leadTime } from '../../workflows/clock/statute-profile';
import {
  completeSignal, deadlineStateQuery, pauseSignal, resumeSignal,
  type DeadlineProbeActivities, type DeadlineProbeInput, type DeadlineProbeResult,
} from '../fixtures/workflows/deadline-probe';
import { testClient, uniqueTaskQueue } from '../support/temporal';
import { courtrelayDataConverter } from '../../infra/temporal/payload-codec';

type Event = { kind: 'remind' | 'escalate'; at: number; leadMs?: number; state: DeadlineState };

const taskQueue = uniqueTaskQueue('deadline');
const events = new Map<string, Event[]>();
const record = (workflowId: string, event: Event) => events.set(workflowId, [...(events.get(workflowId) ?? []), event]);

// Activities learn which workflow called them from the activity context.
function activities(): DeadlineProbeActivities {
  const workflowId = () => activityInfo().workflowExecution?.workflowId ?? 'outside a workflow';
  return {
    async probeRemind({ leadMs, state }) { record(workflowId(), { kind: 'remind', at: Date.now(), leadMs, state }); },
    async probeEscalate({ state }) { record(workflowId(), { kind: 'escalate', at: Date.now(), state }); },
  };
}

let client: Client;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  // The probe is bundled here so this suite does not depend on the shared fixture bundle's exports.
  const { code } = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../fixtures/workflows/deadline-probe.ts', import.meta.url)),
    logger: { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} },
  });
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle: { code }, activities: activities(), dataConverter: courtrelayDataConverter() });
  running = worker.run();
  client = await testClient();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await client?.connection.close();
});

const days = (amount: number) => leadTime(compressed, { amount, unit: 'days', article: 'test' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(name: string, input: Omit<DeadlineProbeInput, 'profile'>) {
  const workflowId = `deadline-${name}-${taskQueue}`;
  // Taken before starting, so elapsed times measured from it are never overstated.
  const startedAt = Date.now();
  const handle = await client.workflow.start('deadlineProbe', { taskQueue, workflowId, args: [{ profile: compressed, ...input }] });
  return { handle, workflowId, startedAt };
}

describe('Deadline on a real Temporal server (compressed profile)', () => {
  it('reminds at each lead time, then escalates once when due and reads as overdue', async () => {
    // decisionService: 5 days = 500 ms; reminders 3 days and 1 day before.
    const { handle, workflowId, startedAt } = await start('remind', { period: 'decisionService', reminders: compressed.deadlineReminders });
    const result = await handle.result() as DeadlineProbeResult;

    const seen = events.get(workflowId) ?? [];
    expect(seen.map((event) => [event.kind, event.leadMs])).toEqual([['remind', days(3)], ['remind', days(1)], ['escalate', undefined]]);
    expect(seen[0]!.at - startedAt).toBeGreaterThanOrEqual(days(2));
    expect(seen[2]!.at - startedAt).toBeGreaterThanOrEqual(days(5));
    expect(result.outcome).toBe('escalated');
    expect(result.state).toMatchObject({ name: 'decisionService', overdue: true, escalated: true, completed: false, provisional: false, remindersSent: [days(3), days(1)] });
    expect(seen[2]!.state.escalated).toBe(true);
  });

  it('does not count paused time: no reminder while paused, and the due moves by the pause', async () => {
    // consentReply: 15 days = 1.5 s; reminder 3 days (300 ms) before.
    const { handle, workflowId, startedAt } = await start('pause', { period: 'consentReply', reminders: [compressed.deadlineReminders[0]!] });
    const before = await handle.query(deadlineStateQuery);
    await handle.signal(pauseSignal);
    await sleep(1_500);
    const paused1 = await handle.query(deadlineStateQuery);
    await sleep(300);
    const paused2 = await handle.query(deadlineStateQuery);
    expect(paused1).toMatchObject({ paused: true, overdue: false, remindersSent: [] });
    expect(paused2.remainingMs).toBe(paused1.remainingMs);
    expect(events.get(workflowId) ?? []).toEqual([]);

    await handle.signal(resumeSignal);
    const resumed = await handle.query(deadlineStateQuery);
    expect(resumed.paused).toBe(false);
    expect(Date.parse(resumed.dueAt) - Date.parse(before.dueAt)).toBeGreaterThanOrEqual(1_700);

    const result = await handle.result() as DeadlineProbeResult;
    expect(result.outcome).toBe('escalated');
    const seen = events.get(workflowId) ?? [];
    expect(seen.map((event) => event.kind)).toEqual(['remind', 'escalate']);
    expect(seen[1]!.at - startedAt).toBeGreaterThanOrEqual(days(15) + 1_700);
  });

  it('completes without escalating when the act is done in time', async () => {
    const { handle, workflowId } = await start('complete', { period: 'acceptanceRuling', reminders: [] });
    await handle.signal(completeSignal);
    const result = await handle.result() as DeadlineProbeResult;
    expect(result.outcome).toBe('completed');
    expect(result.state).toMatchObject({ completed: true, overdue: false, escalated: false });
    expect(events.get(workflowId) ?? []).toEqual([]);
  });
});
