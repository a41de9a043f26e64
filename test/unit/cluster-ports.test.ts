// `npm run cluster` must not take another process's port for its own service. A frontend whose
// port is held (by an `npm start` dev server on 7233) exits at once, while the holder answers the
// health check; the cluster then reported itself up and set the holder's namespace retention.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterPorts, refuseTakenPorts, servicePorts } from '../../infra/temporal/cluster';
import { DevServerRefused, startDevServer } from '../../infra/temporal/dev-server';

let holder: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (holder ? holder.close(() => done()) : done()));
  holder = undefined;
});

function listen(port: number): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject).listen(port, '127.0.0.1', () => resolveListen(server));
  });
}

/** An offset in the high range whose ports this test can use (other clusters sit below 32768). */
async function freeOffset(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = 40_000 + Math.floor(Math.random() * 15_000);
    const probes = await Promise.all(clusterPorts(offset).map((port) => listen(port).then((s) => new Promise<boolean>((r) => s.close(() => r(true))), () => false)));
    if (probes.every(Boolean)) return offset;
  }
  throw new Error('no free port range for the test');
}

describe('cluster ports', () => {
  it('refuses to start a service whose gRPC port another process holds, naming the port', async () => {
    const portOffset = await freeOffset();
    const { grpc } = servicePorts({ portOffset }, 'frontend');
    holder = await listen(grpc);
    await expect(refuseTakenPorts({ portOffset }, 'frontend')).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${grpc} 已被其他进程占用`));
    // Another service's ports are its own business.
    await expect(refuseTakenPorts({ portOffset }, 'history')).resolves.toBeUndefined();
  });

  it('refuses the frontend when its HTTP port is held, and starts when all are free', async () => {
    const portOffset = await freeOffset();
    await expect(refuseTakenPorts({ portOffset }, 'frontend')).resolves.toBeUndefined();
    holder = await listen(7243 + portOffset);
    await expect(refuseTakenPorts({ portOffset }, 'frontend')).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${7243 + portOffset} 已被其他进程占用`));
  });
});

describe('the dev server (npm start)', () => {
  it('refuses a taken port, naming it, instead of running against whatever answers there (a local cluster on 7233)', async () => {
    const port = (await freeOffset()) + 7233;
    holder = await listen(port);
    const refused = await startDevServer({ dbFile: '/tmp/courtrelay-unused/temporal.sqlite', port, uiPort: port + 1, namespace: 'default', headless: true })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DevServerRefused);
    expect((refused as Error).message).toContain(`127.0.0.1:${port}`);
    expect((refused as Error).message).toContain('TEMPORAL_ADDRESS');
  });
});
