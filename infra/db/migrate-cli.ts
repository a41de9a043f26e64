// `npm run migrate`, and the one-shot `migrate` service of docker-compose: the database, its
// schema, its reference data, and (on a cluster courtrelay does not run) the search attributes.
import { Client, Connection } from '@temporalio/client';
import { ensureBackgroundWork } from '../background';
import { loadConfig, temporalAddress, usesEmbeddedTemporal } from '../config';
import { registerSearchAttributes } from '../temporal/dev-server';
import { createPool, ensureDatabase, migrate } from './database';
import { prepareDatabase } from './prepare';
import { setRoleLogins } from './role-logins';
import { configuredDataConverter } from '../temporal/payload-codec';

const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
const applied = await migrate(config.DATABASE_URL, console.warn);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
const pool = createPool(config.DATABASE_URL);
await prepareDatabase(pool);
const logins = await setRoleLogins(pool, { api: config.DATABASE_API_PASSWORD, worker: config.DATABASE_WORKER_PASSWORD });
if (logins.length) console.log(`logins set for ${logins.join(', ')}`);
await pool.end();
if (!usesEmbeddedTemporal(config)) {
  const connection = await Connection.connect({ address: temporalAddress(config) });
  await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  console.log(`search attributes registered in namespace ${config.TEMPORAL_NAMESPACE}`);
  await ensureBackgroundWork(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: configuredDataConverter(config) }), config);
  console.log('schedules and the notice dispatcher are in place');
  await connection.close();
}
