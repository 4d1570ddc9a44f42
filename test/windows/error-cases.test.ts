import { createServer, Socket, type Server } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { parseCsv } from './csv.js';
import { runWine, startWineServe, WIN_EXE } from './wine.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function listen(onConnection: (s: Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

const cell = (port: number, extra: string[] = []) => [
  'run', '--port', String(port), '--model', 'overlapped-event', '--buffers', '16', '--size', '64',
  '--bytes', '64k', '--samples', '1', '--warmup', '0', '--timeout', '20000', ...extra,
];

test('connection refused: exit 1, Error: with WSAECONNREFUSED (10061)', async () => {
  const port = await listen(() => {});
  servers.pop()!.close();
  const r = await runWine(WIN_EXE, cell(port));
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd()).toMatch(/^Error: connect failed: WSAECONNREFUSED \(10061\).*\[model=overlapped-event\]$/);
  // The CSV row still says what failed.
  expect(parseCsv(r.stdout).rows[0]!.errors).toMatch(/WSAECONNREFUSED/);
});

test('peer reset mid-stream: exit 1, Error: with WSAECONNRESET (10054)', async () => {
  // A raw peer that takes some data, then resets the connection (RST, not FIN).
  const port = await listen((s) => {
    let seen = 0;
    s.on('data', (d) => {
      seen += d.length;
      if (seen >= 4096) s.resetAndDestroy();
    });
  });
  const r = await runWine(WIN_EXE, cell(port, ['--peer', 'raw', '--bytes', '256M', '--timeout', '20000']));
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd()).toMatch(/^Error: WSA\w+ failed: WSAECONNRESET \(10054\).*\[model=overlapped-event\]$/);
});

test('bad handshake from the server side: the client says the peer is not sgbench and exits 1', async () => {
  const port = await listen((s) => {
    s.once('data', () => s.end(Buffer.alloc(64, 0x41)));
  });
  const r = await runWine(WIN_EXE, cell(port));
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd()).toMatch(/^Error: handshake failed: ERR_SGBENCH_PROTOCOL \(3\): the peer's reply is not sgbench's/);
});

test('bad handshake to the Windows server: it answers with the reason, closes, and keeps serving', async () => {
  const { port, process: serve } = await startWineServe(['--log']);
  try {
    const reply = await new Promise<string>((resolve, reject) => {
      const s = new Socket();
      let got = Buffer.alloc(0);
      s.on('data', (d) => (got = Buffer.concat([got, d])));
      s.on('error', reject);
      s.on('close', () => resolve(got.toString('latin1')));
      s.setTimeout(20_000, () => reject(new Error('the server neither answered nor closed in 20 s')));
      s.connect(port, '127.0.0.1', () => s.write(Buffer.alloc(64, 0x5a)));
    });
    expect(reply).toMatch(/bad magic/);
    const ok = await runWine(WIN_EXE, cell(port, ['--verify']));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(parseCsv(ok.stdout).rows[0]!.errors).toBe('');
  } finally {
    serve.kill('SIGKILL');
    await serve.exited;
  }
}, 120_000);
