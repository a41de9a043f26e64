// The one structured log every courtrelay process writes: JSON lines (pino) on stdout, one object
// per event, so a log shipper indexes fields instead of parsing sentences. Fields an operator
// searches by: `requestId` (API), `workflowId` and `caseNumber` (worker), `route`, `status`, `ms`.
// Secrets never reach a line: the paths below are redacted wherever they appear.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger } from 'pino';

/**
 * Keys censored in any logged object (one level deep and in `headers`): bearer tokens, cookies,
 * passwords and keys. A line never carries a request body, but a logged error's context might.
 */
export const redactedPaths = [
  'authorization', 'cookie', 'token', 'password', 'secret', 'apiKey', 'idToken', 'accessToken',
  '*.authorization', '*.cookie', '*.token', '*.password', '*.secret', '*.apiKey', '*.idToken', '*.accessToken',
  'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie',
];

/**
 * A JSON logger at LOG_LEVEL, named after the process (`api`, `worker`). `destination` is for tests
 * (capture the lines); production writes stdout.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name: string, destination?: DestinationStream): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    base: { name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  }, destination);
}
