// How the soak talks to the API: as a careful client does, every act with an Idempotency-Key, sent
// again with the same key after a 503 (the API's Temporal deadline passed while a killed worker's
// task timed out) or a dropped connection, so the repeat reaches the same Update. Every act and its
// outcome is kept for the checks: what was acknowledged must be recorded exactly once.
import { mintToken } from '../../api/http/auth';
import type { Actor } from '../../workflows/shared/actor';
import { sleep } from './random';

export type Outcome = 'acked' | 'refused' | 'unknown';

export interface SentAct {
  processId: string;
  /** The route's last segment(s), e.g. `consents`, `measures/m1/renewal`. */
  route: string;
  /** The entry the act must leave in the process's record (transfer history, preservation audit). */
  action: string;
  actor: Actor;
  body: unknown;
  /** Acts sent together as identical copies share a burst id; the workflow must record one. */
  burst?: string;
  outcome: Outcome;
  status: number;
  error?: string;
  answer?: unknown;
}

export interface Figures {
  acts: number;
  acked: number;
  refused: number;
  unknown: number;
  retriedAfter503: number;
  reads: number;
}

export class SoakClient {
  readonly acts: SentAct[] = [];
  readonly figures: Figures = { acts: 0, acked: 0, refused: 0, unknown: 0, retriedAfter503: 0, reads: 0 };
  private readonly tokens = new Map<string, Promise<string>>();
  private keys = 0;

  constructor(private readonly apiUrl: string, private readonly secret: string, private readonly keyPrefix: string) {}

  private token(actor: Actor): Promise<string> {
    const id = JSON.stringify(actor);
    let token = this.tokens.get(id);
    if (!token) this.tokens.set(id, (token = mintToken(this.secret, actor)));
    return token;
  }

  /**
   * Registers enforcement cases as the court's case system would (issue 15: only registered cases
   * join a transfer); not an act of any process, so not recorded with the acts.
   */
  async register(actor: Actor, rows: unknown[]): Promise<void> {
    const res = await this.fetchJson('POST', '/enforcement-cases/import', actor, { rows });
    if (res.status !== 200 || res.body.rejected?.length) throw new Error(`registering cases answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  private async fetchJson(method: string, path: string, actor: Actor, body: unknown, key?: string): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token(actor)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    const res = await fetch(this.apiUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  /**
   * Sends one act (POST `path`) and records it. 503 and network errors are sent again after a
   * pause with the same key, for up to `patienceMs`; after that the outcome is unknown (the act may
   * still have taken effect). Any other answer is final: 2xx acked, 4xx refused.
   */
  async act(processId: string, path: string, action: string, actor: Actor, body: unknown, options: { burst?: string; patienceMs?: number } = {}): Promise<SentAct> {
    const key = `${this.keyPrefix}-${++this.keys}`;
    const route = path.slice(path.indexOf('/', 1) + 1);
    const sent: SentAct = { processId, route, action, actor, body, burst: options.burst, outcome: 'unknown', status: 0 };
    this.acts.push(sent);
    this.figures.acts++;
    const giveUpAt = Date.now() + (options.patienceMs ?? 120_000);
    for (;;) {
      try {
        const res = await this.fetchJson('POST', path, actor, body, key);
        sent.status = res.status;
        sent.answer = res.body;
        if (res.status !== 503) {
          sent.outcome = res.status < 300 ? 'acked' : res.status >= 500 ? 'unknown' : 'refused';
          if (res.status >= 500) sent.error = JSON.stringify(res.body);
          break;
        }
      } catch (err) {
        sent.error = String(err);
      }
      if (Date.now() > giveUpAt) break;
      this.figures.retriedAfter503++;
      await sleep(1000);
    }
    this.figures[sent.outcome]++;
    return sent;
  }

  /**
   * The same act sent `copies` times at once, each with its own key (a double click, a flood);
   * answers with an acknowledged copy when there is one.
   */
  async burst(processId: string, path: string, action: string, actor: Actor, body: unknown, copies: number): Promise<SentAct> {
    const burst = `${this.keyPrefix}-burst-${++this.keys}`;
    const sent = await Promise.all(Array.from({ length: copies }, () => this.act(processId, path, action, actor, body, { burst })));
    return sent.find((a) => a.outcome === 'acked') ?? sent.find((a) => a.outcome === 'unknown') ?? sent[0]!;
  }

  /** A GET as `actor`; 503 (worker gone) is asked again for up to `patienceMs`. */
  async read(path: string, actor: Actor, patienceMs = 60_000): Promise<{ status: number; body: any }> {
    const giveUpAt = Date.now() + patienceMs;
    for (;;) {
      this.figures.reads++;
      const res = await this.fetchJson('GET', path, actor, undefined).catch((err: unknown) => ({ status: 0, body: { error: String(err) } }));
      if ((res.status !== 503 && res.status !== 0) || Date.now() > giveUpAt) return res;
      await sleep(1000);
    }
  }
}
