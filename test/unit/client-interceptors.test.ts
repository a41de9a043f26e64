// A Temporal client connection closed while a call waits to be retried (Temporal unreachable, as
// when the cluster's frontend was SIGKILLed under the API): the call ends, and nothing is thrown
// from the retry timer (infra/temporal/client-interceptors.ts). Without the guard the call never
// settled and grpc-js threw "Channel has been shut down" as an uncaught exception.
import { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { clientInterceptors } from '../../infra/temporal/client-interceptors';
import { freePort } from '../setup/services';

describe('Temporal client interceptors', () => {
  it('a call retrying against an unreachable server ends as CANCELLED when the connection is closed', async () => {
    // A port nothing listens on: every attempt is refused and retried from a timer.
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: clientInterceptors() });
    let attempts = 0;
    const call = connection.workflowService.getSystemInfo({}).finally(() => attempts++);
    // Let the first attempts fail so that a retry is waiting on its timer.
    await new Promise((r) => setTimeout(r, 400));
    expect(attempts).toBe(0);
    await connection.close();
    await expect(call).rejects.toMatchObject({ code: 1 });
  });
});
