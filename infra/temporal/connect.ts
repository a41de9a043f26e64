// One way to reach Temporal for every process, so moving from the embedded dev server to a
// self-hosted cluster or Temporal Cloud is configuration (address, namespace, mTLS or API key).
import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { temporalAddress, type Config } from '../config';
import { clientInterceptors } from './client-interceptors';
import { configuredDataConverter } from './payload-codec';

type Tls = NonNullable<ConnectionOptions['tls']>;

function tlsOptions(config: Config): Tls | undefined {
  const wantsTls = config.TEMPORAL_TLS_CERT || config.TEMPORAL_TLS_CA || config.TEMPORAL_API_KEY;
  if (!wantsTls) return undefined;
  const tls: Tls = {};
  if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
  if (config.TEMPORAL_TLS_CA) tls.serverRootCACertificate = readFileSync(config.TEMPORAL_TLS_CA);
  if (config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY) {
    tls.clientCertPair = { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) };
  }
  return tls;
}

function connectionOptions(config: Config) {
  return { address: temporalAddress(config), tls: tlsOptions(config), apiKey: config.TEMPORAL_API_KEY };
}

export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(config), interceptors: clientInterceptors() });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: configuredDataConverter(config) });
}

export async function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config) as NativeConnectionOptions);
}
