/**
 * sgbench against iperf3 on loopback, in one run.
 *
 * Large messages: one connection, 1×128 KiB, strategy gather, models `blocking` and
 * `overlapped-event`, each for the same time as iperf3 (`-l 128K -t SECONDS -J`); the
 * repetitions interleave the three so that drift on the host hits them alike. Printed: medians
 * over the repetitions and the ratio of medians sgbench / iperf3.
 *
 * Small messages: 16×64 B, gather (one vectored call) vs sequential (16 calls), messages/s
 * with medians and the ratio gather / sequential per model.
 *
 * Usage: npm run bench:iperf3 -- [--reps 3] [--seconds 5]
 * Needs iperf3 on the PATH (`apt-get install iperf3`) and a built addon and dist/.
 * Exit: 0 done, 2 iperf3 missing or failing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { Server, Session } from '../src/native.js';
import type { CellSpec, ModelName, SampleCounters } from '../src/types.js';

interface Options {
  reps: number;
  seconds: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { reps: 3, seconds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = Number(argv[i + 1]);
    if (a === '--reps' && Number.isInteger(v) && v >= 1) opts.reps = v;
    else if (a === '--seconds' && v > 0) opts.seconds = v;
    else {
      console.error(`Error: unknown or invalid argument ${a}\n  hint: --reps N (≥ 1), --seconds S (> 0)`);
      process.exit(2);
    }
    i++;
  }
  return opts;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const gbit = (bps: number): string => (bps / 1e9).toFixed(2);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

interface IperfResult {
  bitsPerSecond: number;
  /** CPU seconds per GiB of the iperf3 client and server processes (from cpu_utilization_percent). */
  clientCpuPerGiB: number;
  serverCpuPerGiB: number;
}

/** One iperf3 run: a one-off server (`-s -1`) and a client, both on loopback. */
async function iperf3(seconds: number): Promise<IperfResult> {
  const port = await freePort();
  const server = spawn('iperf3', ['-s', '-1', '-B', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const serverExit = new Promise<void>((resolve) => server.on('exit', () => resolve()));
  try {
    // The server needs a moment to listen; the client retries a refused connection.
    let out = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      const r = spawnSync('iperf3', ['-c', '127.0.0.1', '-p', String(port), '-l', '128K', '-t', String(seconds), '-J'], {
        encoding: 'utf8',
        timeout: (seconds + 30) * 1000,
      });
      out = r.stdout;
      // iperf3 -J reports "unable to connect ... refused" in its JSON, whatever its exit status.
      if (!/refused/i.test(out + r.stderr)) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const j = JSON.parse(out) as {
      error?: string;
      end?: {
        sum_received?: { bits_per_second?: number; bytes?: number; seconds?: number };
        cpu_utilization_percent?: { host_total?: number; remote_total?: number };
      };
    };
    if (j.error) throw new Error(`iperf3: ${j.error}`);
    const r = j.end?.sum_received;
    const cpu = j.end?.cpu_utilization_percent;
    if (typeof r?.bits_per_second !== 'number' || !r.bytes || !r.seconds) {
      throw new Error('iperf3 JSON has no end.sum_received.{bits_per_second,bytes,seconds}');
    }
    const gib = r.bytes / 2 ** 30;
    return {
      bitsPerSecond: r.bits_per_second,
      clientCpuPerGiB: ((cpu?.host_total ?? NaN) / 100) * (r.seconds / gib),
      serverCpuPerGiB: ((cpu?.remote_total ?? NaN) / 100) * (r.seconds / gib),
    };
  } finally {
    server.kill('SIGTERM');
    await serverExit;
  }
}

interface Totals {
  bytes: number;
  messages: number;
  wallNs: number;
  /** null once any sample's CPU clock was unknown: a partial sum would understate the cost. */
  clientCpuNs: number | null;
  serverCpuNs: number | null;
  partialSends: number;
}

function addKnown(total: number | null, v: number | null): number | null {
  return total === null || v === null ? null : total + v;
}

/** Opens one cell, warms up, then samples `total` ms in slices of `sliceMs`; sums the counters. */
async function runCell(port: number, spec: Partial<CellSpec> & Pick<CellSpec, 'buffers'>, totalMs: number, sliceMs: number): Promise<Totals> {
  const s = await Session.open({ ...spec, port, connections: 1 });
  try {
    await s.sample({ durationMs: 200 });
    const t: Totals = { bytes: 0, messages: 0, wallNs: 0, clientCpuNs: 0, serverCpuNs: 0, partialSends: 0 };
    for (let done = 0; done < totalMs; done += sliceMs) {
      const r: SampleCounters = await s.sample({ durationMs: sliceMs });
      t.bytes += r.bytes;
      t.messages += r.messages;
      t.wallNs += r.wallNs;
      t.clientCpuNs = addKnown(t.clientCpuNs, r.clientCpuNs);
      t.serverCpuNs = addKnown(t.serverCpuNs, r.serverCpuNs);
      t.partialSends += r.partialSends;
    }
    return t;
  } finally {
    await s.close();
  }
}

/** Median CPU cost, or "unknown" when any repetition's clock did not move. */
function cpuText(values: number[]): string {
  return values.some(Number.isNaN) ? 'unknown' : median(values).toFixed(3);
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const v = spawnSync('iperf3', ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    console.error('Error: iperf3 not found on the PATH\n  hint: apt-get install -y iperf3');
    return 2;
  }
  console.log(`loopback, ${cpus().length} CPUs, ${opts.reps} repetitions, ${opts.seconds} s per large-message measurement`);
  console.log(`iperf3: ${v.stdout.split('\n')[0]}`);

  const server = Server.start();
  try {
    const large: ModelName[] = ['blocking', 'overlapped-event'];
    const big: Record<string, number[]> = { iperf3: [], blocking: [], 'overlapped-event': [] };
    const cpu: Record<string, { client: number[]; server: number[] }> = {};
    for (const m of ['iperf3', ...large]) cpu[m] = { client: [], server: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      // Rotate the order per repetition so that no contender always runs first.
      const order = ['iperf3', ...large];
      for (let k = 0; k < rep % order.length; k++) order.push(order.shift()!);
      for (const who of order) {
        if (who === 'iperf3') {
          const r = await iperf3(opts.seconds);
          big.iperf3!.push(r.bitsPerSecond);
          cpu.iperf3!.client.push(r.clientCpuPerGiB);
          cpu.iperf3!.server.push(r.serverCpuPerGiB);
        } else {
          const t = await runCell(server.port, { model: who as ModelName, strategy: 'gather', buffers: [131072] }, opts.seconds * 1000, 1000);
          big[who]!.push((t.bytes * 8) / (t.wallNs / 1e9));
          const gib = t.bytes / 2 ** 30;
          cpu[who]!.client.push(t.clientCpuNs === null ? NaN : t.clientCpuNs / 1e9 / gib);
          cpu[who]!.server.push(t.serverCpuNs === null ? NaN : t.serverCpuNs / 1e9 / gib);
        }
      }
      console.log(
        `  rep ${rep + 1}: iperf3 ${gbit(big.iperf3!.at(-1)!)}, blocking ${gbit(big.blocking!.at(-1)!)}, overlapped-event ${gbit(big['overlapped-event']!.at(-1)!)} Gbit/s`,
      );
    }
    const ip = median(big.iperf3!);
    console.log('\n1×128 KiB, one connection (medians):');
    const cost = (who: string): string =>
      `(client ${cpuText(cpu[who]!.client)}, server ${cpuText(cpu[who]!.server)} CPU s/GiB)`;
    console.log(`  iperf3 -l 128K           ${gbit(ip).padStart(7)} Gbit/s                ${cost('iperf3')}`);
    for (const m of large) {
      const g = median(big[m]!);
      console.log(
        `  sgbench ${m.padEnd(17)}${gbit(g).padStart(7)} Gbit/s  ratio ${(g / ip).toFixed(2)}×  ${cost(m)}`,
      );
    }

    console.log('\n16×64 B, one connection, messages/s (medians):');
    const small = Array<number>(16).fill(64);
    for (const m of large) {
      const rate: Record<'gather' | 'sequential', number[]> = { gather: [], sequential: [] };
      for (let rep = 0; rep < opts.reps; rep++) {
        for (const strategy of rep % 2 ? (['sequential', 'gather'] as const) : (['gather', 'sequential'] as const)) {
          const t = await runCell(server.port, { model: m, strategy, buffers: small }, 1500, 300);
          rate[strategy].push(t.messages / (t.wallNs / 1e9));
        }
      }
      const g = median(rate.gather);
      const s = median(rate.sequential);
      console.log(
        `  ${m.padEnd(17)} gather ${(g / 1e3).toFixed(0).padStart(6)} k/s  sequential ${(s / 1e3).toFixed(0).padStart(6)} k/s  gather/sequential ${(g / s).toFixed(1)}×`,
      );
    }
  } finally {
    await server.stop();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
