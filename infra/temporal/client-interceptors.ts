// The gRPC interceptors of every Temporal client connection courtrelay opens: the SDK's own retry
// interceptor, and under it a guard for a connection closed while a call waits to be retried.
//
// Why: the SDK retries UNAVAILABLE calls from a timer (up to 10 attempts, about 20 s in all), and
// neither an abort (the API's Temporal deadline answering 503) nor closing the connection stops a
// timer already set. When it fires after `connection.close()`, grpc-js throws "Channel has been
// shut down" from inside the timer: an uncaught exception (seen on the cluster when the frontend
// was SIGKILLed under the API and the API's client was closed some seconds later; `npm start`
// stopping while Temporal is unreachable would crash the same way), and the call's promise never
// settles. With the guard, that attempt ends the call as CANCELLED instead.
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];
type InterceptingCall = ReturnType<Interceptor>;

const cancelled = 1; // grpc status CANCELLED: not retried

/** An attempt that cannot start: it reports CANCELLED to whoever started it, and does nothing else. */
function closedCall(details: string): InterceptingCall {
  const call = {
    start(metadata: unknown, listener?: { onReceiveStatus?: (status: { code: number; details: string; metadata: unknown }) => void }) {
      setImmediate(() => listener?.onReceiveStatus?.({ code: cancelled, details, metadata }));
    },
    cancelWithStatus() {},
    getPeer: () => '',
    sendMessageWithContext() {},
    sendMessage() {},
    startRead() {},
    halfClose() {},
    getAuthContext: () => null,
  };
  return call as unknown as InterceptingCall;
}

/** Below the retry interceptor: a retry attempt on a closed connection ends the call instead of throwing from a timer. */
export const closedConnectionGuard: Interceptor = (options, nextCall) => {
  try {
    return nextCall(options) as InterceptingCall;
  } catch (err) {
    return closedCall(`Temporal connection closed before a retry: ${(err as Error).message}`);
  }
};

/** For `Connection.connect`/`Connection.lazy`: the SDK's default retries, guarded. */
export function clientInterceptors(): Interceptor[] {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), closedConnectionGuard];
}
