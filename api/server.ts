// The API process on its own (docker-compose runs it apart from the worker).
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig, type Config } from '../infra/config';
import { createAppPool } from '../infra/db/app-role';
import { connectClient } from '../infra/temporal/connect';
import { createApp } from './app';
import type { ApiDeps } from './deps';
import { createLogger } from '../infra/log';
import { createApiMetrics, metricsApp } from './http/metrics';
import { freshPollers } from './routes/health';

/**
 * Serves the API on API_HOST:API_PORT and, with API_METRICS_PORT set, its /metrics on
 * METRICS_HOST:API_METRICS_PORT (closed with the API's server). Unset deps.metrics/deps.log: the
 * process's own (JSON log on stdout at LOG_LEVEL, prom-client with Node.js process series).
 */
export async function startApiServer(given: ApiDeps, config: Config): Promise<ServerType> {
  const deps = { ...given, metrics: given.metrics ?? createApiMetrics(given.pool, { processMetrics: true, pollers: () => freshPollers(given) }), log: given.log ?? createLogger(config, 'api') };
  const app = createApp(deps);
  if (config.API_METRICS_PORT) {
    const metricsServer = await listen(metricsApp(deps.metrics, config.METRICS_TOKEN).fetch, config.METRICS_HOST, config.API_METRICS_PORT);
    deps.log.info({ address: `http://${config.METRICS_HOST}:${config.API_METRICS_PORT}/metrics` }, 'metrics listening');
    const api = await listen(app.fetch, config.API_HOST, config.API_PORT);
    api.on('close', () => metricsServer.close());
    return api;
  }
  return listen(app.fetch, config.API_HOST, config.API_PORT);
}

function listen(fetch: (request: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const config = loadConfig('writer');
  const pool = createAppPool(config, 'api');
  const client = await connectClient(config);
  const log = createLogger(config, 'api');
  await startApiServer({ config, client, pool, log }, config);
  log.info({ address: `http://${config.API_HOST}:${config.API_PORT}` }, 'api: listening');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
