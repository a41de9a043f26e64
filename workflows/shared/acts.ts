// Repeated and flooding acts (issue 12). A person who sends the same act again — a double click, a
// client that retried without an idempotency key, a reply sent twenty times at once — is doing
// the one act they already did: the repeat is acknowledged with the earlier result and records
// nothing (no history entry, no audit row, no notice). A repeat is the same Update, by the same
// person, with the same input (compared in a canonical form), while nothing else has been recorded
// in the process since: the same reply after the party withdrew it, the same send-back in a later
// round of review, a renewal asked again after the measure lapsed, are new acts (and are validated
// as such).
//
// Every accepted Update still adds events to the workflow's history, so each person and each
// process has a limit on acts; past it the validator refuses (TooManyActs), which costs no history.
//
// Repeats by Update ID across continue-as-new. The API turns an Idempotency-Key into an Update ID
// (api/http/temporal-calls.ts `updateIdFor`), and Temporal answers a repeated Update ID with the
// first outcome — but only within the run that took it. A client whose first request got a 503
// (deadline passed, the act admitted and done later) and which repeats it after the process handed
// over to a new run reached a run that never saw that ID: the act was refused (its stage had moved)
// or done twice. So the ledger remembers the recent acts' Update IDs with their answers
// (`rememberedUpdates`, within `rememberedBytes`) and carries them into the continuation, where a
// repeat is answered with the recorded answer and records nothing. No patch: a run replayed from
// before this rule carried no IDs, so every lookup misses and it issues the commands it issued.
import { ApplicationFailure, currentUpdateInfo, patched } from '@temporalio/workflow';
import type { Actor } from './actor';

/** How many acts one person, and all persons together, may take in one process (repeats included). */
export type ActLimits = { perActor: number; perProcess: number };

/**
 * Generous for a real process (a transfer with dozens of creditors over years takes a few hundred
 * acts), small enough that a flood cannot bring a history near Temporal's limit between two
 * continue-as-new points. One person's limit is well above what one officer needs on one
 * preservation — 200 measures (its cap), each renewed, then released — : at 200 an officer who had
 * recorded every measure could renew none of them (an outside break found it).
 */
export const defaultActLimits: ActLimits = { perActor: 1000, perProcess: 5000 };

/** What a run carries into its continuation: counts, each person's last act, recent acts' Update IDs. */
export type ActLedgerState<R> = {
  counts: Record<string, number>;
  total: number;
  last: Record<string, { key: string; position: number; result: R }>;
  /** The latest acts' Update IDs with their answers, oldest first (absent in runs before it). */
  updates?: Array<{ id: string; result: R }>;
};

/** How many acts' Update IDs a process remembers: a client repeats within minutes, not hundreds of acts later. */
export const rememberedUpdates = 200;
/**
 * How much of the carried input the remembered answers may take (characters of JSON): a
 * preservation's answer is its whole state (a few KB), and continue-as-new input has the payload
 * limit of every Temporal payload (2 MB, with a warning from 512 KB); the oldest are forgotten first.
 */
export const rememberedBytes = 256 * 1024;

type Last<R> = { key: string; position?: number; result?: R; pending: Promise<R> };

/**
 * A copy of an act still running is a repeat even when its person started another act since. Before
 * it only the person's latest act was compared: in the soak a renewal of m1, a renewal of m3 by the
 * same officer, then the other copies of the m1 renewal, arrived in one workflow task, and the
 * second copy renewed m1 a second time (term 3 for one request). Handlers ask it only where the two
 * rules differ, so histories recorded before it replay as they ran.
 */
const runningCopiesPatch = 'act-ledger-running-copies';

/** JSON with object keys sorted, so two inputs equal in content compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Who acts, for the limits: a party by party id, court staff by user id. */
export function actorKey(actor: Actor): string {
  return actor.role === 'party' && actor.partyId ? `party:${actor.partyId}` : `user:${actor.userId}`;
}

/** The same Update by the same user with the same input (the actor's other fields aside). */
function actKey(name: string, input: { actor: Actor }): string {
  return `${name}:${input.actor.userId}:${canonicalJson({ ...input, actor: undefined })}`;
}

/**
 * One process's record of acts for repeats and limits. Call `check` first in an Update's validator
 * (it answers true for a repeat, which skips the act's own checks: the act already passed them) and
 * take the handler through `run`. Counts change only in handlers: validators are not run on replay.
 */
export class ActLedger<R> {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private readonly last = new Map<string, Last<R>>();
  /** Acts still running, by person and act (`runningCopiesPatch`); none at a quiet point. */
  private readonly running = new Map<string, Last<R>>();
  /** Update ID → answer and its size, oldest first (`rememberedUpdates`, `rememberedBytes`). */
  private readonly updates = new Map<string, { result: R; size: number }>();
  private updateBytes = 0;

  constructor(
    /** How many acts the process has recorded (a transfer's seq): a repeat is one only if this has not moved. */
    private readonly position: () => number,
    private readonly limits: ActLimits = defaultActLimits,
    carried?: ActLedgerState<R>,
  ) {
    if (!carried) return;
    for (const [k, n] of Object.entries(carried.counts)) this.counts.set(k, n);
    this.total = carried.total;
    for (const [k, l] of Object.entries(carried.last)) this.last.set(k, { ...l, pending: Promise.resolve(l.result) });
    for (const u of carried.updates ?? []) this.remember(u.id, u.result);
  }

  private remember(id: string, result: R): void {
    const size = JSON.stringify(result ?? null).length;
    this.updates.delete(id);
    this.updates.set(id, { result, size });
    this.updateBytes += size;
    for (const [oldest, { size: s }] of this.updates) {
      if (this.updates.size <= rememberedUpdates && this.updateBytes <= rememberedBytes) break;
      this.updates.delete(oldest);
      this.updateBytes -= s;
    }
  }

  /** The recorded answer when the Update being handled repeats one this process already took (see above). */
  private answered(): { result: R } | undefined {
    const id = currentUpdateInfo()?.id;
    return id === undefined ? undefined : this.updates.get(id);
  }

  private repeatOf(name: string, input: { actor: Actor }): Last<R> | undefined {
    const last = this.last.get(actorKey(input.actor));
    if (!last || last.key !== actKey(name, input)) return undefined;
    // Still running (sent at once), or done and nothing recorded since.
    return last.position === undefined || last.position === this.position() ? last : undefined;
  }

  private runningCopyOf(name: string, input: { actor: Actor }): Last<R> | undefined {
    return this.running.get(`${actorKey(input.actor)}\n${actKey(name, input)}`);
  }

  /** For validators: true for a repeat (acknowledge it); refuses when a limit is reached. */
  check(name: string, input: { actor: Actor }): boolean {
    // The same Update taken in an earlier run: answered as it was, whatever the stage is now.
    if (this.answered()) return true;
    const who = actorKey(input.actor);
    if ((this.counts.get(who) ?? 0) >= this.limits.perActor) {
      throw ApplicationFailure.create({
        type: 'TooManyActs', nonRetryable: true,
        message: `同一人在本案中的操作次数已达上限（${this.limits.perActor}次），请联系承办法官 (act limit per person reached)`,
      });
    }
    if (this.total >= this.limits.perProcess) {
      throw ApplicationFailure.create({
        type: 'TooManyActs', nonRetryable: true,
        message: `本案操作次数已达上限（${this.limits.perProcess}次），请联系执行指挥中心 (act limit per process reached)`,
      });
    }
    return this.repeatOf(name, input) !== undefined || this.runningCopyOf(name, input) !== undefined;
  }

  /** For handlers: runs the act, or answers a repeat with the earlier act's result. */
  run(name: string, input: { actor: Actor }, act: () => Promise<R>): Promise<R> {
    const known = this.answered();
    if (known) return Promise.resolve(known.result);
    const updateId = currentUpdateInfo()?.id;
    const who = actorKey(input.actor);
    this.counts.set(who, (this.counts.get(who) ?? 0) + 1);
    this.total++;
    const copy = this.runningCopyOf(name, input);
    const earlier = this.repeatOf(name, input) ?? (copy && patched(runningCopiesPatch) ? copy : undefined);
    if (earlier) {
      if (updateId !== undefined) void earlier.pending.then((result) => this.remember(updateId, result), () => undefined);
      return earlier.pending;
    }
    const entry: Last<R> = { key: actKey(name, input), pending: undefined as unknown as Promise<R> };
    this.last.set(who, entry);
    const runningKey = `${who}\n${entry.key}`;
    this.running.set(runningKey, entry);
    const settled = () => { if (this.running.get(runningKey) === entry) this.running.delete(runningKey); };
    entry.pending = act().then((result) => {
      settled();
      entry.result = result;
      entry.position = this.position();
      if (updateId !== undefined) this.remember(updateId, result);
      return result;
    }, (err: unknown) => {
      // A failed act is not done: the next identical request tries it again.
      settled();
      if (this.last.get(who) === entry) this.last.delete(who);
      throw err;
    });
    return entry.pending;
  }

  /** What a continuation carries (call when every handler has finished). */
  state(): ActLedgerState<R> {
    const last: ActLedgerState<R>['last'] = {};
    for (const [k, l] of this.last) if (l.position !== undefined) last[k] = { key: l.key, position: l.position, result: l.result as R };
    const updates = [...this.updates].map(([id, { result }]) => ({ id, result }));
    return { counts: Object.fromEntries(this.counts), total: this.total, last, ...(updates.length ? { updates } : {}) };
  }
}
