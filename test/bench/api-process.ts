// The benchmark's API process: the production app plus two routes that drive the floor workflow
// the same way (HTTP → Temporal Update), so the two are measured alike.
import { serve } from '@hono/node-server';
import { loadConfig } from '../../infra/config';
import { createAppPool } from '../../infra/db/app-role';
import { connectClient } from '../../infra/temporal/connect';
import { createApp } from '../../api/app';
import { floorFinishUpdate, floorStepUpdate } from './floor-workflow';

const config = loadConfig();
const pool = createAppPool(config, 'api', 20);
const client = await connectClient(config);
const app = createApp({ config, client, pool });

app.post('/bench/floor/:id', async (c) => {
  await client.workflow.start('benchFloor', { taskQueue: config.TEMPORAL_TASK_QUEUE, workflowId: c.req.param('id') });
  return c.json({ started: true }, 201);
});
app.post('/bench/floor/:id/step/:n', async (c) => {
  const result = await client.workflow.getHandle(c.req.param('id')).executeUpdate(floorStepUpdate, { args: [{ step: Number(c.req.param('n')) }] });
  return c.json({ result });
});
app.post('/bench/floor/:id/finish', async (c) => {
  const result = await client.workflow.getHandle(c.req.param('id')).executeUpdate(floorFinishUpdate);
  return c.json({ result });
});

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: config.API_PORT }, () => console.log('api-process: ready'));
