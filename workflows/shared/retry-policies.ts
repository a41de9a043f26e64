// The retry policy of every activity a process calls, stated once instead of left to the SDK's
// default. Keyed writes and reads are retried without an attempt limit: a database that is down
// comes back, and the process must wait for it rather than fail. What no retry can fix fails at
// once instead (activities/failures.ts makes such errors non-retryable), and an activity failing
// three times running shows on the supervisor's board, so waiting is never silent.
import type { RetryPolicy } from '@temporalio/common';

/** ApplicationFailure types of errors no retry can fix (a value the database refuses, input its schema refuses). */
export const unfixableFailureTypes = ['DataRejected', 'InvalidActivityInput'];

/** Short keyed PostgreSQL writes and reads (read model, audit, deadlines, notices, documents, calendars). */
export const writeRetry: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  // No maximumAttempts: unlimited (the SDK refuses 0).
  nonRetryableErrorTypes: unfixableFailureTypes,
};
