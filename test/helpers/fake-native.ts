/**
 * A stand-in for the addon in runner tests that do not measure: it returns plausible counters at
 * once (or after `delayMs`), so the CSV and summary logic can be checked without sockets.
 */
import type { SweepNative, SweepSession } from '../../src/runner/sweep.js';
import type { CellSpec, ModelInfo, SampleBudget, SampleCounters } from '../../src/types.js';

export interface FakeNative extends SweepNative {
  opened: CellSpec[];
  serversStarted: { host: string; cpu: number }[];
  serversStopped: number;
}

export function fakeNative(options: { delayMs?: number; failKey?: (spec: CellSpec) => boolean } = {}): FakeNative {
  const models: ModelInfo[] = [
    { model: 'overlapped-event', state: 'available', mechanism: 'fake-uring', depth: true },
    { model: 'blocking', state: 'available', mechanism: 'fake-writev', depth: false },
    { model: 'completion-port', state: 'unavailable', mechanism: 'iocp', reason: 'Windows only' },
  ];
  const fake: FakeNative = {
    opened: [],
    serversStarted: [],
    serversStopped: 0,
    models: () => models,
    async openSession(spec): Promise<SweepSession> {
      fake.opened.push(spec);
      const message = spec.buffers.reduce((a, b) => a + b, 0);
      let n = 0;
      let cancelled = false;
      return {
        async sample(budget: SampleBudget): Promise<SampleCounters> {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          if (cancelled) throw Object.assign(new Error('cancelled'), { code: 'ECANCELED' });
          if (options.failKey?.(spec)) throw new Error('fake failure');
          n++;
          const messages = 'bytes' in budget ? Math.ceil(budget.bytes / message) : 1000 + 37 * n;
          const bytes = messages * message;
          return {
            bytes,
            messages,
            sendCalls: spec.strategy === 'sequential' ? messages * spec.buffers.length : messages,
            recvCalls: Math.ceil(bytes / 65536),
            partialSends: n % 2,
            partialRecvs: 0,
            wallNs: 1_000_000 + 1000 * n,
            clientCpuNs: 900_000,
            serverCpuNs: 800_000,
            latency: spec.mode === 'echo' ? { count: messages, p50Us: 10, p99Us: 20, p999Us: 30, maxUs: 40 } : null,
          };
        },
        cancel() {
          cancelled = true;
        },
        async close() {},
      };
    },
    startServer(opts) {
      fake.serversStarted.push(opts);
      return {
        port: 40000 + fake.serversStarted.length,
        stop: async () => {
          fake.serversStopped++;
        },
      };
    },
  };
  return fake;
}
