// The API process on its own (docker-compose runs it apart from the worker).
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig, type Config } from '../infra/config';
import { createAppPool } from '../infra/db/app-role';
import { connectClient } from '../infra/temporal/connect';
import { createApp } from './app';
import type { ApiDeps } from './deps';

export function startApiServer(deps: ApiDeps, config: Config): Promise<ServerType> {
  const app = createApp(deps);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: config.API_HOST, port: config.API_PORT }, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = createAppPool(config, 'api');
  const client = await connectClient(config);
  await startApiServer({ config, client, pool }, config);
  console.log(`api: listening on http://${config.API_HOST}:${config.API_PORT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
