import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv, readCsv } from './csv.js';
import { LINUX_EXE, ROOT, runWine, scratchFile, startWineServe, winPath, WIN_ADDON, WIN_EXE, WIN_NODE, WINDOWS_MODELS } from './wine.js';

const STRATEGIES = ['gather', 'coalesce', 'sequential'] as const;
const DIRECTIONS = ['reverse', 'bidir'] as const;
// 65 connections need two waiting threads of at most 64 events on the event-based models.
const CONNECTIONS = [1, 65];
const BUFFERS = 16;
const SIZE = 64;
const RECV_ARRAY = BUFFERS * SIZE;

const cellArgs = (model: string, strategy: string, direction: string, connections: number) => [
  'run', '--model', model, '--strategy', strategy, '--buffers', String(BUFFERS), '--size', String(SIZE),
  '--connections', String(connections), `--${direction}`, '--verify', '--warmup', '0', '--timeout', '120000',
];

describe.each(WINDOWS_MODELS)('%s under Wine, verified', (model) => {
  const cells = STRATEGIES.flatMap((s) => DIRECTIONS.flatMap((d) => CONNECTIONS.map((c) => [s, d, c] as const)));
  test.concurrent.each(cells)('%s --%s × %i connections: the server streams to every connection', async (strategy, direction, connections) => {
    const samples = scratchFile(`${model}-${strategy}-${direction}-${connections}.samples.csv`);
    const r = await runWine(WIN_EXE, [
      ...cellArgs(model, strategy, direction, connections), '--duration', '150', '--samples', '2', '--samples-out', winPath(samples),
    ]);
    expect(r.stderr, r.stdout).toBe('');
    expect(r.code).toBe(0);
    const cell = parseCsv(r.stdout).rows[0]!;
    expect(cell.errors).toBe('');
    expect(cell.direction).toBe(direction);
    expect(cell.verify).toBe('true');
    const rows = readCsv(samples).rows;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.direction).toBe(direction);
      expect(Number(row.bytes)).toBeGreaterThan(0);
      expect(Number(row.recv_calls)).toBeGreaterThan(0);
      // Every connection received at least once a sample.
      expect(Number(row.min_conn_bytes)).toBeGreaterThan(0);
      if (direction === 'bidir') expect(Number(row.send_calls)).toBeGreaterThan(0);
      else expect(Number(row.send_calls)).toBe(0);
    }
  }, 300_000);

  test.concurrent.each(DIRECTIONS)('--%s with a byte budget: each of 65 connections takes its share, at most one receive array more', async (direction) => {
    const connections = 65;
    const share = 8 * RECV_ARRAY;
    const samples = scratchFile(`${model}-${direction}-budget.samples.csv`);
    const r = await runWine(WIN_EXE, [
      ...cellArgs(model, 'gather', direction, connections), '--bytes', String(connections * share), '--samples', '1',
      '--samples-out', winPath(samples),
    ]);
    expect(r.stderr, r.stdout).toBe('');
    expect(r.code).toBe(0);
    const row = readCsv(samples).rows[0]!;
    // Reverse: what the client received; bidir: that plus what the server confirmed of the
    // client's own stream, which is exactly its budget (whole messages of 1 KiB).
    const sent = direction === 'bidir' ? share : 0;
    expect(Number(row.min_conn_bytes)).toBeGreaterThanOrEqual(share + sent);
    expect(Number(row.max_conn_bytes)).toBeLessThan(share + sent + RECV_ARRAY);
    expect(Number(row.bytes)).toBeGreaterThanOrEqual(connections * (share + sent));
    expect(Number(row.bytes)).toBeLessThan(connections * (share + sent + RECV_ARRAY));
  }, 300_000);
});

test('the Windows server (--log) ends reverse and bidir streams without a word when the clients close', async () => {
  const { port, process: serve } = await startWineServe(['--log']);
  try {
    for (const direction of DIRECTIONS) {
      for (const model of ['overlapped-event', 'blocking']) {
        const r = await runWine(WIN_EXE, [
          ...cellArgs(model, 'coalesce', direction, 4), '--port', String(port), '--duration', '100', '--samples', '2',
        ]);
        expect(r.stderr, r.stdout).toBe('');
        expect(r.code).toBe(0);
        const cell = parseCsv(r.stdout).rows[0]!;
        expect(cell.errors).toBe('');
        expect(Number(cell.bytes_per_s)).toBeGreaterThan(0);
      }
    }
    // The server notices the closes within a wait of its loops (100 ms).
    await new Promise((done) => setTimeout(done, 1_000));
    expect(serve.stderr()).toBe('');
  } finally {
    serve.kill('SIGKILL');
    await serve.exited;
  }
}, 300_000);

test('across platforms: the Windows client against the Linux server and the Linux client against the Windows server, verified', async () => {
  const linuxServe = spawn(LINUX_EXE, ['serve', '--port', '0', '--log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let linuxOut = '';
  let linuxErr = '';
  linuxServe.stdout.on('data', (d: Buffer) => (linuxOut += d.toString()));
  linuxServe.stderr.on('data', (d: Buffer) => (linuxErr += d.toString()));
  const { port: winPort, process: winServe } = await startWineServe(['--log']);
  try {
    const deadline = Date.now() + 10_000;
    while (!/listening on [^:\s]+:(\d+)/.test(linuxOut) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    const linuxPort = Number(/listening on [^:\s]+:(\d+)/.exec(linuxOut)![1]);
    for (const direction of DIRECTIONS) {
      for (const model of ['overlapped-event', 'completion-port']) {
        const win = await runWine(WIN_EXE, [
          ...cellArgs(model, 'gather', direction, 4), '--port', String(linuxPort), '--duration', '100', '--samples', '2',
        ]);
        expect(win.stderr, `${model} --${direction} to Linux`).toBe('');
        expect(win.code).toBe(0);
        expect(Number(parseCsv(win.stdout).rows[0]!.bytes_per_s)).toBeGreaterThan(0);
      }
      for (const model of ['readiness', 'overlapped-event']) {
        const linux = spawnSync(LINUX_EXE, [
          ...cellArgs(model, 'sequential', direction, 4), '--port', String(winPort), '--duration', '100', '--samples', '2',
        ], { encoding: 'utf8', timeout: 120_000 });
        expect(linux.stderr, `Linux ${model} --${direction} to Windows`).toBe('');
        expect(linux.status).toBe(0);
        const cell = parseCsv(linux.stdout).rows[0]!;
        expect(cell.errors).toBe('');
        expect(Number(cell.bytes_per_s)).toBeGreaterThan(0);
      }
    }
    await new Promise((done) => setTimeout(done, 1_000));
    expect(linuxErr).toBe('');
    expect(winServe.stderr()).toBe('');
  } finally {
    linuxServe.kill('SIGKILL');
    winServe.kill('SIGKILL');
    await winServe.exited;
  }
}, 300_000);

test('cancel() in Windows node.exe ends a reverse or bidir sample with ECANCELED at once, on every model', async () => {
  const script = scratchFile('cancel-reverse.mjs');
  const native = pathToFileURL(join(ROOT, 'dist', 'src', 'native.js')).href.replace('file:///', 'file:///Z:/');
  writeFileSync(
    script,
    `import { Server, Session } from ${JSON.stringify(native)};
const server = Server.start({ port: 0 });
const out = [];
for (const model of ${JSON.stringify(WINDOWS_MODELS)}) {
  for (const direction of ${JSON.stringify(DIRECTIONS)}) {
    const s = await Session.open({ model, direction, buffers: [64, 4096], connections: 2, verify: true, port: server.port });
    const running = s.sample({ durationMs: 20000 });
    setTimeout(() => s.cancel(), 300);
    const t0 = Date.now();
    const code = await running.then(() => 'resolved', (e) => e.code ?? String(e));
    out.push({ model, direction, code, ms: Date.now() - t0 });
    await s.close();
  }
}
await server.stop();
console.log(JSON.stringify(out));
`,
  );
  const r = await runWine(WIN_NODE, [winPath(script)], { SGBENCH_ADDON: winPath(WIN_ADDON) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const results = JSON.parse(r.stdout) as Array<{ model: string; direction: string; code: string; ms: number }>;
  expect(results).toHaveLength(WINDOWS_MODELS.length * DIRECTIONS.length);
  for (const x of results) {
    expect(x.code, `${x.model} --${x.direction}`).toBe('ECANCELED');
    // 300 ms to the cancel, then well within Wine's pace, far from the 20 s slice.
    expect(x.ms, `${x.model} --${x.direction}`).toBeLessThan(5_000);
  }
}, 300_000);
