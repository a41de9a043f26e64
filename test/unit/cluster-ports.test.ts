// `npm run cluster` must not take another process's port for its own service. A frontend whose
// port is held (by an `npm start` dev server on 7233) exits at once, while the holder answers the
// health check; the cluster then reported itself up and set the holder's namespace retention.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterPorts, refuseTakenPorts, servicePorts } from '../../infra/temporal/cluster';

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
    await expect(refuseTakenPorts({ portOffset }, 'frontend')).rejects.toThrow(`127.0.0.1:${grpc} is already in use`);
    // Another service's ports are its own business.
    await expect(refuseTakenPorts({ portOffset }, 'history')).resolves.toBeUndefined();
  });

  it('refuses the frontend when its HTTP port is held, and starts when all are free', async () => {
    const portOffset = await freeOffset();
    await expect(refuseTakenPorts({ portOffset }, 'frontend')).resolves.toBeUndefined();
    holder = await listen(7243 + portOffset);
    await expect(refuseTakenPorts({ portOffset }, 'frontend')).rejects.toThrow(`127.0.0.1:${7243 + portOffset} is already in use`);
  });
});
