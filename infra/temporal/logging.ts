// The worker's Temporal runtime, installed once before the first connection creates it: its log
// (the SDK's own, Core's native lines and every activity's `log`) goes to the process's JSON
// logger at LOG_LEVEL, and with WORKER_METRICS_PORT set the SDK's Prometheus exporter serves the
// worker's series (task slots, poll and schedule-to-start latencies, activity failures, sticky
// cache) on METRICS_HOST:WORKER_METRICS_PORT/metrics.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { Config } from '../config';
import type { Logger } from '../log';

const coreLevels = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;
const pinoLevels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

/**
 * The SDK's Logger interface over pino: the SDK's metadata (workflowId, runId, activityType,
 * taskQueue, attempt, sdkComponent, and the caseNumbers courtrelay's activity interceptor adds)
 * become fields of the JSON line.
 */
export function temporalLoggerFor(log: Logger): TemporalLogger {
  const emit = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    log[pinoLevels[level]]({ ...meta }, message);
  };
  return {
    log: emit,
    trace: (message, meta) => emit('TRACE', message, meta),
    debug: (message, meta) => emit('DEBUG', message, meta),
    info: (message, meta) => emit('INFO', message, meta),
    warn: (message, meta) => emit('WARN', message, meta),
    error: (message, meta) => emit('ERROR', message, meta),
  };
}

/** The runtime's options for `config` (exported for tests; `installWorkerRuntime` installs them). */
export function workerRuntimeOptions(config: Pick<Config, 'LOG_LEVEL' | 'METRICS_HOST' | 'WORKER_METRICS_PORT'>, log: Logger): RuntimeOptions {
  const level = coreLevels[config.LOG_LEVEL];
  return {
    logger: temporalLoggerFor(log),
    telemetryOptions: {
      logging: { filter: { core: level === 'DEBUG' ? 'DEBUG' : 'WARN', other: 'ERROR' }, forward: {} },
      ...(config.WORKER_METRICS_PORT
        ? { metrics: { prometheus: { bindAddress: `${config.METRICS_HOST}:${config.WORKER_METRICS_PORT}`, useSecondsForDurations: true } } }
        : {}),
    },
  };
}

/** Installs the worker's runtime (once per process, before any NativeConnection). */
export function installWorkerRuntime(config: Pick<Config, 'LOG_LEVEL' | 'METRICS_HOST' | 'WORKER_METRICS_PORT'>, log: Logger): void {
  Runtime.install(workerRuntimeOptions(config, log));
}
