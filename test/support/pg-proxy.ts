// A TCP proxy in front of PostgreSQL that a fault test can switch off: while down it refuses new
// connections and cuts the open ones, as a database restart or network cut would.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface PgProxy {
  port: number;
  /** Cut every open connection and refuse new ones until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startPgProxy(target: { host: string; port: number }): Promise<PgProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        if (typeof address === 'object' && address) port = address.port;
        resolve();
      });
    });

  await listen();
  const down = async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    get port() {
      return port;
    },
    // While down, nothing listens on the port: connections are refused, as by a stopped server.
    down,
    async up() {
      if (!server) await listen();
    },
    close: down,
  };
}
