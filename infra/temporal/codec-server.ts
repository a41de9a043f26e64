// The codec endpoint for Temporal's Web UI (its "remote codec" protocol): the UI sends the
// encrypted payloads it shows to POST /decode and displays what comes back. It holds the payload
// keys, so run it only where the operators allowed to read parties' data can reach it: it listens
// on loopback by default, answers only the UI origin it is given (CORS), and, when
// CODEC_SERVER_TOKEN is set, only requests bearing it (the UI's "pass access token" setting).
//
//   npm run codec-server -- --port 8888 --ui-origin http://localhost:8233
//   temporal server start-dev --ui-codec-endpoint http://127.0.0.1:8888   (or the UI's settings)
import { timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { isLoopbackHost } from '../config';
import { EncryptionCodec, developmentPayloadKeys, readPayloadKeys } from './payload-codec';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const bodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(1000),
});

type WirePayload = z.infer<typeof bodySchema>['payloads'][number];

function fromWire(p: WirePayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
    data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
  };
}

function toWire(p: Payload): WirePayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  // RFC 6750: the credentials are `Bearer <token>`; a bare token is not a bearer credential.
  const bearer = /^Bearer +(\S+)$/i.exec(header ?? '');
  if (!bearer) return false;
  const given = Buffer.from(bearer[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Why the codec endpoint must not start as asked, if it must not: whoever reaches it reads every
 * party's name in clear, so beyond loopback or with NODE_ENV=production it answers only bearers of
 * CODEC_SERVER_TOKEN (32+ characters, given to the operators allowed to read them).
 */
export function codecServerProblems(o: { host: string; token?: string; nodeEnv?: string }): string[] {
  if (o.token) return o.token.length >= 32 ? [] : ['CODEC_SERVER_TOKEN: 访问令牌至少32个字符 (at least 32 characters)'];
  if (isLoopbackHost(o.host) && o.nodeEnv !== 'production') return [];
  return [`CODEC_SERVER_TOKEN: 对外提供解码服务必须设置访问令牌 (required with --host ${o.host}${o.nodeEnv === 'production' ? ' and NODE_ENV=production' : ''}; the Temporal UI sends it with its "pass access token" setting)`];
}

/** The codec endpoint as a hono app: POST /encode and /decode, CORS for `uiOrigin`, optional bearer token. */
export function createCodecApp(codec: PayloadCodec, options: { uiOrigin: string; token?: string }) {
  const app = new Hono();
  app.use('*', cors({ origin: options.uiOrigin, allowHeaders: ['Content-Type', 'X-Namespace', 'Authorization'], allowMethods: ['POST', 'OPTIONS'] }));
  for (const direction of ['encode', 'decode'] as const) {
    app.post(`/${direction}`, async (c) => {
      if (options.token && !tokenMatches(c.req.header('authorization'), options.token)) {
        return c.json({ error: 'Unauthorized', message: '需要有效的访问令牌 (a valid bearer token is required)' }, 401);
      }
      const parsed = bodySchema.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) {
        return c.json({ error: 'BadRequest', message: `请求体应为 {"payloads": [...]} (${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message})` }, 400);
      }
      try {
        const out = await codec[direction](parsed.data.payloads.map(fromWire));
        return c.json({ payloads: out.map(toWire) });
      } catch (err) {
        return c.json({ error: 'CodecFailed', message: err instanceof Error ? err.message : String(err) }, 422);
      }
    });
  }
  return app;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    port: { type: 'string', default: '8888' }, host: { type: 'string', default: '127.0.0.1' }, 'ui-origin': { type: 'string', default: 'http://localhost:8233' },
  } });
  const { loadConfig } = await import('../config');
  const config = loadConfig('codec');
  const problems = codecServerProblems({ host: values.host, token: process.env.CODEC_SERVER_TOKEN, nodeEnv: config.NODE_ENV });
  if (problems.length) {
    for (const p of problems) console.error(`codec-server: ${p}`);
    process.exit(78);
  }
  const keys = config.TEMPORAL_PAYLOAD_KEYS_FILE ? readPayloadKeys(config.TEMPORAL_PAYLOAD_KEYS_FILE) : developmentPayloadKeys;
  const app = createCodecApp(new EncryptionCodec(keys), { uiOrigin: values['ui-origin'], token: process.env.CODEC_SERVER_TOKEN || undefined });
  serve({ fetch: app.fetch, hostname: values.host, port: Number(values.port) }, () =>
    console.log(`codec-server: http://${values.host}:${values.port} for ${values['ui-origin']}${process.env.CODEC_SERVER_TOKEN ? ' (bearer token required)' : ''}`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
