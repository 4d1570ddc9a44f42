/** Limits and defaults in one place. Limits mirror native/core/limits.h. */

/** Linux UIO_MAXIOV and the count Wine passes to sendmsg: at most this many buffers a call. */
export const MAX_BUFFERS = 1024;
/** Largest message the server accepts in a handshake (sum of the buffer sizes). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
export const MAX_CONNECTIONS = 100_000;
export const MAX_DEPTH = 256;

export const DEFAULT_DEPTH = 1;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest per-sample time bound accepted (24 h). */
export const MAX_TIMEOUT_MS = 24 * 3600 * 1000;
/** One sample is one native call of about this long. */
export const DEFAULT_SAMPLE_MS = 250;
export const DEFAULT_SAMPLES = 10;
export const DEFAULT_WARMUP_MS = 250;
export const DEFAULT_HOST = '127.0.0.1';
/** Steal time above this share of a cell's CPU time gets a warning. */
export const STEAL_WARN_FRACTION = 0.05;
