/** The machine and build a run is measured on, as recorded in the environment columns of every row. */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, hostname, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

/** Values of the environment columns, named as the columns are. */
export interface RunEnvironment {
  host: string;
  /** Platform and, where known, the distribution: `linux (Ubuntu 24.04.1 LTS)`. */
  os: string;
  kernel: string;
  cpu_model: string;
  /** CPUs this process may run on. */
  cores: number;
  sgbench_version: string;
}

function readDistribution(): string | null {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
    return pretty?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The version field of sgbench's own package.json. */
export function sgbenchVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sgbench' && pkg.version) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

/** Describes this machine and build. */
export function runEnvironment(): RunEnvironment {
  const distribution = process.platform === 'linux' ? readDistribution() : null;
  return {
    host: hostname(),
    os: distribution ? `${process.platform} (${distribution})` : process.platform,
    kernel: release(),
    cpu_model: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    sgbench_version: sgbenchVersion(),
  };
}

/**
 * A run id that sorts by time and is unique on one host: `20250101T120000Z-1a2b3c`.
 * It names the result files and fills the `run_id` column.
 */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
