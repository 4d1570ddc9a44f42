import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, CLI, finished, ROOT } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

// Needs root (network namespaces, veth, nftables) and the `ip` and `nft` commands
// (apt-get install -y iproute2 nftables). Fails, with the reason, where they are missing.
const SERVER_NS = `sgb-srv-${process.pid}`;
const CLIENT_NS = `sgb-cli-${process.pid}`;
const VETH = `sgbv${process.pid % 100_000}`;
const SERVER_IP = '10.203.0.1';
const PORT = 7100;
const SAMPLES = 3;
const MESSAGE = 4 * 4096;

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function ipn(ns: string, ...args: string[]): string {
  return sh('ip', ['-n', ns, ...args]);
}

/** Deletes namespaces this test left behind in runs that were killed before their clean-up. */
function removeStaleNamespaces(): void {
  for (const line of sh('ip', ['netns', 'list']).split('\n')) {
    const m = /^(sgb-(?:srv|cli)-(\d+))\b/.exec(line);
    if (!m) continue;
    const pid = Number(m[2]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive || pid === process.pid) spawnSync('ip', ['netns', 'del', m[1]!]);
  }
}

function retransmittedSegments(ns: string): number {
  const snmp = sh('ip', ['netns', 'exec', ns, 'cat', '/proc/net/snmp']).split('\n').filter((l) => l.startsWith('Tcp:'));
  const [names, values] = snmp.map((l) => l.split(/\s+/));
  return Number(values![names!.indexOf('RetransSegs')]);
}

async function sweep(dir: string, name: string) {
  const out = join(dir, `${name}.csv`);
  const t0 = performance.now();
  const args = [
    'run', '--target', `${SERVER_IP}:${PORT}`, '--model', 'overlapped-event,readiness', '--strategy', 'gather,coalesce',
    '--buffers', '4', '--sizes', '4k', '--connections', '2', '--samples', String(SAMPLES), '--duration', '400ms',
    '--warmup', '0', '--verify', '--timeout', '20s', '--out', out,
  ];
  const child = spawn('ip', ['netns', 'exec', CLIENT_NS, process.execPath, CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = await finished(child);
  return { result, ms: performance.now() - t0, cells: readCsv(out), samples: readCsv(join(dir, `${name}.samples.csv`)) };
}

describe('5 % packet loss between two network namespaces (veth, nftables numgen drop)', () => {
  let dir: string;
  let server: ServeProcess | undefined;
  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test needs root: it creates network namespaces, a veth pair and nftables rules');
    for (const tool of ['ip', 'nft']) {
      if (spawnSync(tool, ['-V']).error) throw new Error(`this test needs \`${tool}\` (apt-get install -y iproute2 nftables)`);
    }
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-loss-'));
    removeStaleNamespaces();
    sh('ip', ['netns', 'add', SERVER_NS]);
    sh('ip', ['netns', 'add', CLIENT_NS]);
    sh('ip', ['link', 'add', `${VETH}s`, 'netns', SERVER_NS, 'type', 'veth', 'peer', 'name', `${VETH}c`, 'netns', CLIENT_NS]);
    ipn(SERVER_NS, 'addr', 'add', `${SERVER_IP}/24`, 'dev', `${VETH}s`);
    ipn(CLIENT_NS, 'addr', 'add', '10.203.0.2/24', 'dev', `${VETH}c`);
    for (const [ns, dev] of [[SERVER_NS, `${VETH}s`], [CLIENT_NS, `${VETH}c`]] as const) {
      ipn(ns, 'link', 'set', 'lo', 'up');
      ipn(ns, 'link', 'set', dev, 'up');
    }
    server = await startServe(['--host', SERVER_IP, '--port', String(PORT)], '', ['ip', 'netns', 'exec', SERVER_NS]);
  }, 300_000);
  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    spawnSync('ip', ['netns', 'del', SERVER_NS]);
    spawnSync('ip', ['netns', 'del', CLIENT_NS]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    expect(sh('ip', ['netns', 'list'])).not.toMatch(new RegExp(`${SERVER_NS}|${CLIENT_NS}`));
  });

  test('data verifies, counts agree, throughput drops, nothing hangs', { timeout: 300_000 }, async () => {
    const clean = await sweep(dir, 'clean');
    expect(clean.result.code).toBe(0);
    const retransBefore = retransmittedSegments(CLIENT_NS);

    sh('ip', ['netns', 'exec', SERVER_NS, 'nft', 'add table inet sgbloss']);
    sh('ip', ['netns', 'exec', SERVER_NS, 'nft', 'add chain inet sgbloss in { type filter hook input priority 0 ; }']);
    sh('ip', ['netns', 'exec', SERVER_NS, 'nft', `add rule inet sgbloss in tcp dport ${PORT} numgen random mod 100 < 5 drop`]);
    const lossy = await sweep(dir, 'lossy');
    const dropped = sh('ip', ['netns', 'exec', SERVER_NS, 'nft', 'list table inet sgbloss']);
    const retrans = retransmittedSegments(CLIENT_NS) - retransBefore;

    expect(lossy.result.code).toBe(0);
    expect(lossy.cells.rows).toHaveLength(clean.cells.rows.length);
    for (const row of lossy.samples.rows) {
      // The server's verified count of what arrived equals whole messages sent, retransmissions or not.
      expect(Number(row.bytes)).toBe(Number(row.messages) * MESSAGE);
      expect(Number(row.bytes)).toBeGreaterThan(0);
    }
    for (const row of lossy.cells.rows) expect(row.errors).toBe('');
    const rate = (rows: Record<string, string>[]) => rows.reduce((a, r) => a + Number(r.bytes_per_s), 0) / rows.length;
    const cleanRate = rate(clean.cells.rows);
    const lossyRate = rate(lossy.cells.rows);
    console.log(
      `packet loss: clean ${(cleanRate / 1e6).toFixed(1)} MB/s, 5 % drop ${(lossyRate / 1e6).toFixed(1)} MB/s ` +
        `(${lossy.cells.rows.length} cells in ${(lossy.ms / 1000).toFixed(1)} s), ${retrans} segments retransmitted`,
    );
    expect(retrans).toBeGreaterThan(0);
    expect(lossyRate).toBeLessThan(cleanRate);
    expect(dropped).toMatch(/drop/);
  });
});
