// Whether something already listens on a loopback port: the dev server and the local cluster use the
// same default frontend port (7233), and a Temporal server started on a taken port exits while the
// one already there answers in its place — courtrelay would then run against the wrong server.
import { connect } from 'node:net';

/** True when 127.0.0.1:`port` accepts a TCP connection within a second. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ port, host: '127.0.0.1', timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolveProbe(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
  });
}

/** The ports of `ports` something already listens on. */
export async function takenPorts(ports: number[]): Promise<number[]> {
  const taken: number[] = [];
  for (const port of ports) if (await acceptsConnections(port)) taken.push(port);
  return taken;
}
