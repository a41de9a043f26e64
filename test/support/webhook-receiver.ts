// A real local webhook receiver for notice delivery tests: listens on a free port, checks each
// request's signature, answers 500 to the first `failFirst` requests, and keeps a notice once per
// Idempotency-Key (a repeat is answered 200 and counted, not kept) — what a court's receiving system does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '../../activities/notices/webhook';

export interface ReceivedNotice {
  key: string;
  body: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  /** Notices kept, once per key. */
  delivered: ReceivedNotice[];
  /** Every request that reached the receiver, with what it answered. */
  requests: { key: string; status: number; duplicate: boolean }[];
  failNext(count: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebhookReceiver(options: { secret: string; failFirst?: number }): Promise<WebhookReceiver> {
  let failing = options.failFirst ?? 0;
  const delivered: ReceivedNotice[] = [];
  const requests: WebhookReceiver['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const key = String(req.headers['idempotency-key'] ?? '');
      const timestamp = String(req.headers['x-courtrelay-timestamp'] ?? '');
      const answer = (status: number, duplicate = false) => {
        requests.push({ key, status, duplicate });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ duplicate }));
      };
      if (req.headers['x-courtrelay-signature'] !== signWebhook(options.secret, timestamp, raw) || !key) return answer(401);
      if (failing > 0) {
        failing--;
        return answer(500);
      }
      if (delivered.some((d) => d.key === key)) return answer(200, true);
      delivered.push({ key, body: JSON.parse(raw) as Record<string, unknown> });
      answer(200);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    delivered,
    requests,
    failNext(count) { failing = count; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
