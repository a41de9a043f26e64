// `npm run cluster [up|status|stop]`: the local production-shaped Temporal cluster (see
// cluster.ts). `up` (the default) is idempotent: run it again and it reports "no changes".
import { resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { projectRoot } from '../paths';
import {
  ClusterRefused, clusterDown, clusterServiceNames, clusterUp, frontendAddress, isServing, namespaceRetentionDays, runningPid, serviceLogFile,
  type ClusterOptions,
} from './cluster';

const config = loadConfig();
const options: ClusterOptions = {
  stateDir: resolve(projectRoot, config.COURTRELAY_DATA_DIR, 'cluster'),
  portOffset: 0,
  postgresUrl: config.DATABASE_URL,
  databaseName: 'temporal',
  visibilityDatabaseName: 'temporal_visibility',
  namespace: config.TEMPORAL_NAMESPACE,
  retentionDays: config.TEMPORAL_RETENTION_DAYS,
};
const command = process.argv[2] ?? 'up';

if (command === 'up') {
  const report = await clusterUp(options, (line) => console.log(`cluster: ${line}`)).catch((err: unknown) => {
    if (!(err instanceof ClusterRefused)) throw err;
    console.error(`cluster: ${err.message}`);
    process.exit(1);
  });
  const connection = await Connection.connect({ address: report.address });
  const retention = await namespaceRetentionDays(connection, options.namespace);
  await connection.close();
  console.log(`cluster: ${report.changes.length ? `${report.changes.length} change(s)` : 'no changes (already up as configured)'}
  frontend   ${report.address} (health SERVING)
  namespace  ${options.namespace}, retention ${retention} days
  logs       ${options.stateDir}/<service>.log
Point courtrelay at it:  export TEMPORAL_ADDRESS=${report.address}   then npm start (or npm run worker / api)`);
} else if (command === 'status') {
  for (const name of clusterServiceNames) {
    const pid = runningPid(options, name);
    const serving = pid ? await isServing(options, name) : false;
    console.log(`${name.padEnd(9)} ${pid ? `pid ${pid}` : 'stopped'}${pid ? (serving ? ', serving' : ', not serving') : ''}  (${serviceLogFile(options, name)})`);
  }
  console.log(`frontend address ${frontendAddress(options)}`);
} else if (command === 'stop') {
  await clusterDown(options);
  console.log('cluster: stopped (its databases stay; npm run cluster starts it again)');
} else {
  console.error(`npm run cluster: unknown command "${command}" (use up, status or stop)`);
  process.exit(64);
}
