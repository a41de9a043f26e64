// LOG_LEVEL for the Temporal worker's own log (bundling, task failures, shutdown). Installed once,
// before the first worker connection creates the SDK's runtime.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Config } from '../config';

const levels = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

export function installWorkerLogging(config: Pick<Config, 'LOG_LEVEL'>): void {
  Runtime.install({ logger: new DefaultLogger(levels[config.LOG_LEVEL]) });
}
