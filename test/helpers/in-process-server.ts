import { afterAll, beforeAll } from 'vitest';
import { Server } from '../../src/native.js';

/** Starts the event-based server on 127.0.0.1 for the test file; `port()` after beforeAll. */
export function useServer(): { port: () => number; server: () => Server } {
  let server: Server | undefined;
  beforeAll(() => {
    server = Server.start({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    port: () => server!.port,
    server: () => server!,
  };
}
