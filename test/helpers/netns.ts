/**
 * Two network namespaces joined by a veth pair, for tests that need a real network path. Names are
 * unique per call; `remove()` deletes both namespaces (and with them the veth pair) and never throws.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Throws with the reason when this process cannot create namespaces. */
export function requireNetnsSupport(): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`creating network namespaces needs root (uid 0); this test runs as uid ${process.getuid?.() ?? 'unknown'}`);
  }
  for (const [program, pkg] of [['ip', 'iproute2'], ['tc', 'iproute2']] as const) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) {
      throw new Error(`${program} is not installed: apt-get install -y ${pkg}`);
    }
  }
}

export interface VethPair {
  /** Namespace, interface and address of each end. */
  a: { ns: string; dev: string; addr: string };
  b: { ns: string; dev: string; addr: string };
  /** `ip netns exec <ns>` prefix for spawning a program inside one end. */
  exec(ns: string, program: string, args: string[]): [string, string[]];
  remove(): void;
}

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe', timeout: 10_000 });
}

/** Creates the pair with addresses 10.201.0.1/24 (a) and 10.201.0.2/24 (b), both up. */
export function createVethPair(): VethPair {
  const id = randomBytes(3).toString('hex');
  const pair: VethPair = {
    a: { ns: `sgbench-${id}-a`, dev: `sgb${id}a`, addr: '10.201.0.1' },
    b: { ns: `sgbench-${id}-b`, dev: `sgb${id}b`, addr: '10.201.0.2' },
    exec: (ns, program, args) => ['ip', ['netns', 'exec', ns, program, ...args]],
    remove: () => {
      for (const ns of [pair.a.ns, pair.b.ns]) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore', timeout: 10_000 });
    },
  };
  try {
    ip(['netns', 'add', pair.a.ns]);
    ip(['netns', 'add', pair.b.ns]);
    ip(['link', 'add', pair.a.dev, 'netns', pair.a.ns, 'type', 'veth', 'peer', 'name', pair.b.dev, 'netns', pair.b.ns]);
    for (const end of [pair.a, pair.b]) {
      ip(['-n', end.ns, 'addr', 'add', `${end.addr}/24`, 'dev', end.dev]);
      ip(['-n', end.ns, 'link', 'set', end.dev, 'up']);
      ip(['-n', end.ns, 'link', 'set', 'lo', 'up']);
    }
  } catch (err) {
    pair.remove();
    throw err;
  }
  return pair;
}

/** Whether a namespace of this name exists. */
export function namespaceExists(ns: string): boolean {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').some((l) => l.split(' ')[0] === ns);
}
