// Cells for the sanitizer builds: every model × strategy, sink and echo, verified, with tiny socket
// buffers so that sends and receives complete short; then the fault paths (a refused handshake, the
// server stopped under load, and in the addon a cancel mid-sample). Run by scripts/test-sanitize.sh;
// exits non-zero on any failure.
//
//   node scripts/sanitize-cells.mjs                 the addon named by SGBENCH_ADDON, in this process
//                                                   (ASan + UBSan: the runtime is LD_PRELOADed)
//   node scripts/sanitize-cells.mjs --native EXE    each cell a child process of EXE, a sgbench-native
//                                                   built with TSan; this node is not instrumented
//
// Why TSan goes through the executable: node, V8 and libuv are not built with TSan, so the
// happens-before edges of the addon's hand-off to the JS thread (a thread-safe function queued
// through libuv) are invisible to it, and TSan inside node reports races on the settle callbacks
// of the first cell that are not races. sgbench-native runs the same core and backends (server
// loops and acceptor, client workers, session) with every thread instrumented.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STRATEGIES = ['gather', 'coalesce', 'sequential'];
const MODES = ['sink', 'echo'];
const SHAPE = [1, 300, 4097, 65_521];
const MESSAGE = SHAPE.reduce((a, b) => a + b, 0);
const TINY = 4096;
const CONNECTIONS = 3;
const MESSAGES = CONNECTIONS * 20;
// A peer that goes away mid-transfer surfaces as EPIPE on a send (sink: the client is sending) or
// ECONNRESET on a receive (echo, or a send that meets the reset first).
const PEER_GONE = ['EPIPE', 'ECONNRESET'];
const SANITIZER_REPORT = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|WARNING: ThreadSanitizer|ThreadSanitizer: reported/;

let step = 'start';
// The whole script is bounded too (test-sanitize.sh also wraps it in timeout(1)).
const watchdog = setTimeout(() => {
  console.error(`sanitizer cells: timed out during ${step}`);
  process.exit(1);
}, Number(process.env.SANITIZE_CELLS_TIMEOUT_MS ?? 240_000));
watchdog.unref();

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}

const nativeAt = process.argv.indexOf('--native');
const summary = nativeAt >= 0 ? await nativeCells(process.argv[nativeAt + 1]) : await addonCells();
clearTimeout(watchdog);
console.log(summary);

// --- In this process, through the addon ---------------------------------------------------------

async function addonCells() {
  const { models, Server, Session } = await import('../dist/src/native.js');
  const server = Server.start({ host: '127.0.0.1', port: 0, threads: 2 });
  let cells = 0;
  let partial = 0;
  try {
    for (const info of models()) {
      check(info.state === 'available', `${info.model} is available (${info.reason ?? ''})`);
      const depth = info.depth ? 4 : 1;
      for (const strategy of STRATEGIES) {
        for (const mode of MODES) {
          step = `cell ${info.model}/${strategy}/${mode}`;
          const s = await Session.open({
            model: info.model, strategy, mode, buffers: SHAPE, connections: CONNECTIONS, depth, verify: true,
            sndbuf: TINY, rcvbuf: TINY, port: server.port, timeoutMs: 30_000,
          });
          try {
            const r = await s.sample({ bytes: MESSAGE * MESSAGES });
            check(r.messages === MESSAGES, `${step}: ${MESSAGES} messages, got ${r.messages}`);
            check(r.bytes === r.messages * MESSAGE, `${step}: byte count`);
            partial += r.partialSends + r.partialRecvs;
            await s.sample({ durationMs: 100 });
          } finally {
            await s.close();
          }
          cells++;
        }
      }
    }
    check(partial > 0, 'short completions were forced');

    // Cancel in the middle of a sample, for every model.
    for (const info of models()) {
      step = `cancel ${info.model}`;
      const s = await Session.open({ model: info.model, buffers: SHAPE, connections: 2, verify: true, sndbuf: TINY, port: server.port, timeoutMs: 30_000 });
      const outcome = s.sample({ durationMs: 5_000 }).then(() => null, (e) => e);
      setTimeout(() => s.cancel(), 100);
      const err = await outcome;
      check(err?.code === 'ECANCELED', `${info.model}: cancel rejects with ECANCELED, got ${err?.code}`);
      await s.close();
    }

    step = 'refused handshake';
    await badHandshake(server.port);
    check(server.stats().refused >= 1, 'the bad handshake was refused');
  } finally {
    await server.stop();
  }

  // A server stopped while connections are transferring, sink and echo.
  for (const mode of MODES) {
    step = `server stopped under load (${mode})`;
    const doomed = Server.start({ host: '127.0.0.1', port: 0 });
    const s = await Session.open({ model: 'overlapped-event', mode, buffers: SHAPE, connections: 4, verify: true, port: doomed.port, timeoutMs: 30_000 });
    // The handler is attached at once: the sample fails while doomed.stop() is still running, and
    // a rejection without a handler by then would end the process.
    const outcome = s.sample({ durationMs: 5_000 }).then(() => null, (e) => e);
    await new Promise((r) => setTimeout(r, 100));
    await doomed.stop();
    const err = await outcome;
    check(PEER_GONE.includes(err?.code), `${step}: the sample fails with ${PEER_GONE.join(' or ')}, got ${err?.code ?? 'success'}`);
    await s.close();
  }

  return `sanitizer cells (addon): ${cells} cells (every model × strategy × sink/echo), ${partial} short completions, fault paths ok`;
}

function badHandshake(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(Buffer.alloc(64, 0xab)));
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('the server did not close a connection with a bad handshake within 10 s'));
    }, 10_000);
    sock.on('data', () => undefined);
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// --- Child processes of sgbench-native -----------------------------------------------------------

// Runs exe with args; resolves {code, signal, stdout, stderr}. Killed after timeoutMs. A child's
// stderr is passed on so that test-sanitize.sh sees any report in the log.
function child(exe, args, timeoutMs, onStarted) {
  return new Promise((resolve, reject) => {
    const p = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.stdout.on('data', (d) => {
      stdout += d;
      onStarted?.(stdout, p);
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (stderr) process.stderr.write(stderr);
      if (SANITIZER_REPORT.test(stderr)) return reject(new Error(`sanitizer report from ${args[0]} (above)`));
      if (timedOut) return reject(new Error(`${exe} ${args.join(' ')}: killed after ${timeoutMs} ms`));
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function cellArgs(model, strategy, mode, depth) {
  return [
    'run', '--model', model, '--strategy', strategy, '--mode', mode, '--shape', SHAPE.join(','),
    '--connections', String(CONNECTIONS), '--depth', String(depth), '--verify',
    '--sndbuf', String(TINY), '--rcvbuf', String(TINY), '--warmup', '0', '--timeout', '30000',
  ];
}

// Established connections whose local port is `port`, from /proc/net/tcp.
function established(port) {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
    .filter((l) => {
      const f = l.trim().split(/\s+/);
      return f[1]?.endsWith(`:${hex}`) && f[3] === '01';
    }).length;
}

async function nativeCells(exe) {
  check(exe, '--native needs the path of sgbench-native');
  const { parse } = await import('csv-parse/sync');
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-sanitize-'));
  let cells = 0;
  let partial = 0;
  try {
    const listed = await child(exe, ['models'], 30_000);
    check(listed.code === 0, `${exe} models exits 0`);
    const models = listed.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)).map((f) => ({
      model: f[0], state: f[1], depth: /depth: yes/.test(f.join(' ')),
    }));
    check(models.length >= 5, `${exe} models lists the Linux models`);

    // The in-process server: client and server threads in one instrumented process.
    for (const info of models) {
      check(info.state === 'available', `${info.model} is available`);
      for (const strategy of STRATEGIES) {
        for (const mode of MODES) {
          step = `cell ${info.model}/${strategy}/${mode}`;
          const out = join(dir, `${cells}.csv`);
          const args = [...cellArgs(info.model, strategy, mode, info.depth ? 4 : 1), '--samples', '2',
            '--bytes', String(MESSAGE * MESSAGES), '--samples-out', out];
          const r = await child(exe, args, 90_000);
          check(r.code === 0, `${step}: exit 0, got ${r.code ?? r.signal}`);
          const samples = parse(readFileSync(out), { columns: true });
          check(samples.length === 2, `${step}: 2 samples, got ${samples.length}`);
          for (const s of samples) {
            check(Number(s.messages) === MESSAGES, `${step}: ${MESSAGES} messages, got ${s.messages}`);
            check(Number(s.bytes) === MESSAGES * MESSAGE, `${step}: byte count`);
            partial += Number(s.partial_sends) + Number(s.partial_recvs);
          }
          cells++;
        }
      }
    }
    check(partial > 0, 'short completions were forced');

    // `serve` as its own process: a refused handshake, a cell against it, then a stop under load.
    for (const mode of MODES) {
      step = `serve (${mode})`;
      let port = 0;
      let serveProc;
      let listening;
      const up = new Promise((resolve) => (listening = resolve));
      // Bounded: the stop below ends it; the 120 s kill is for a serve that does not stop.
      const serve = child(exe, ['serve', '--host', '127.0.0.1', '--port', '0', '--threads', '2', '--log'], 120_000, (out, p) => {
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (m && !port) {
          port = Number(m[1]);
          serveProc = p;
          listening();
        }
      });
      serve.then(listening, listening);  // a serve that ends before listening ends the wait too
      await up;
      try {
        check(port > 0, `${step}: serve reports its port`);
        await badHandshake(port);
        const ok = await child(exe, [...cellArgs('readiness', 'gather', mode, 1), '--port', String(port), '--samples', '1', '--bytes', String(MESSAGE * MESSAGES)], 90_000);
        check(ok.code === 0, `${step}: a cell against serve exits 0, got ${ok.code ?? ok.signal}`);

        step = `server stopped under load (${mode})`;
        const doomed = child(exe, [...cellArgs('overlapped-event', 'gather', mode, 4), '--port', String(port), '--samples', '1', '--duration', '20000'], 90_000);
        doomed.catch(() => undefined);  // awaited below; a failure meanwhile is not unhandled
        const deadline = Date.now() + 20_000;
        while (established(port) < CONNECTIONS + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        check(established(port) >= CONNECTIONS + 1, `${step}: the cell connected within 20 s`);
        await new Promise((r) => setTimeout(r, 300));
        serveProc.kill('SIGTERM');
        const stopped = await serve;
        check(stopped.code === 0 && /stopped \(SIGTERM\)/.test(stopped.stdout), `${step}: serve stops cleanly on SIGTERM, got ${stopped.code ?? stopped.signal}`);
        check(/refused a handshake/.test(stopped.stderr), `${step}: serve logged the refused handshake`);
        const failed = await doomed;
        check(failed.code !== 0 && failed.code !== null, `${step}: the cell fails with an exit code, got ${failed.code ?? failed.signal}`);
        check(PEER_GONE.some((c) => failed.stderr.includes(c)), `${step}: the cell fails with ${PEER_GONE.join(' or ')}: ${failed.stderr.trim()}`);
      } finally {
        serveProc?.kill('SIGKILL');
        await serve.catch(() => undefined);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `sanitizer cells (${exe}): ${cells} cells (every model × strategy × sink/echo), ${partial} short completions, fault paths ok`;
}
