// Cells for the sanitizer builds: every model × strategy, sink and echo, verified, with tiny socket
// buffers so that sends and receives complete short; then the fault paths (cancel mid-sample,
// a refused handshake, the server stopped under load). Run by scripts/test-sanitize.sh with
// SGBENCH_ADDON pointing at a sanitizer build; exits non-zero on any failure.
import net from 'node:net';
import { models, Server, Session } from '../dist/src/native.js';

const STRATEGIES = ['gather', 'coalesce', 'sequential'];
const MODES = ['sink', 'echo'];
const SHAPE = [1, 300, 4097, 65_521];
const MESSAGE = SHAPE.reduce((a, b) => a + b, 0);
const TINY = 4096;

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}

const server = Server.start({ host: '127.0.0.1', port: 0, threads: 2 });
let cells = 0;
let partial = 0;
try {
  for (const info of models()) {
    check(info.state === 'available', `${info.model} is available (${info.reason ?? ''})`);
    const depth = info.depth ? 4 : 1;
    for (const strategy of STRATEGIES) {
      for (const mode of MODES) {
        const s = await Session.open({
          model: info.model, strategy, mode, buffers: SHAPE, connections: 3, depth, verify: true,
          sndbuf: TINY, rcvbuf: TINY, port: server.port, timeoutMs: 60_000,
        });
        try {
          const r = await s.sample({ bytes: MESSAGE * 3 * 20 });
          check(r.messages === 60, `${info.model}/${strategy}/${mode}: 60 messages, got ${r.messages}`);
          check(r.bytes === r.messages * MESSAGE, `${info.model}/${strategy}/${mode}: byte count`);
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
    const s = await Session.open({ model: info.model, buffers: SHAPE, connections: 2, verify: true, sndbuf: TINY, port: server.port });
    const running = s.sample({ durationMs: 5_000 });
    setTimeout(() => s.cancel(), 100);
    const err = await running.then(() => null, (e) => e);
    check(err?.code === 'ECANCELED', `${info.model}: cancel rejects with ECANCELED, got ${err?.code}`);
    await s.close();
  }

  // A refused handshake: bad magic.
  await new Promise((resolve) => {
    const sock = net.connect(server.port, '127.0.0.1', () => sock.write(Buffer.alloc(64, 0xab)));
    sock.on('data', () => undefined);
    sock.on('close', resolve);
    sock.on('error', () => undefined);
  });
  check(server.stats().refused >= 1, 'the bad handshake was refused');
} finally {
  await server.stop();
}

// A server stopped while connections are transferring.
{
  const doomed = Server.start({ host: '127.0.0.1', port: 0 });
  const s = await Session.open({ model: 'overlapped-event', buffers: SHAPE, connections: 4, verify: true, port: doomed.port });
  const running = s.sample({ durationMs: 5_000 });
  await new Promise((r) => setTimeout(r, 100));
  await doomed.stop();
  const err = await running.then(() => null, (e) => e);
  check(err !== null, 'a sample against a stopped server fails');
  await s.close();
}

console.log(`sanitizer cells: ${cells} cells (every model × strategy × sink/echo), ${partial} short completions, fault paths ok`);
