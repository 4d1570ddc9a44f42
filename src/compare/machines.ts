/** Warnings when BASE and NEW were not measured on the same kind of machine. */

import type { MachineIdentity } from './sample-file.js';

const FIELDS: [keyof MachineIdentity, string][] = [
  ['host', 'host'],
  ['cpuModel', 'CPU model'],
  ['kernel', 'kernel'],
];

/** A warning per field that differs between the sides (or varies inside a side); empty when alike. */
export function machineWarnings(
  base: { label: string; machines: readonly MachineIdentity[] },
  next: { label: string; machines: readonly MachineIdentity[] },
): string[] {
  const warnings: string[] = [];
  const differing: string[] = [];
  for (const [field, name] of FIELDS) {
    const b = distinct(base.machines.map((m) => m[field]));
    const n = distinct(next.machines.map((m) => m[field]));
    if (b.join('\n') !== n.join('\n')) differing.push(`${name}: ${b.join(' + ') || '(empty)'} vs ${n.join(' + ') || '(empty)'}`);
  }
  if (differing.length > 0) {
    warnings.push(
      `${base.label} and ${next.label} come from different machines (${differing.join('; ')}): a difference may be the ` +
        `machine's, not the code's. Hint: refresh the baseline on the same runner type, or measure both in one job with --ab.`,
    );
  }
  return warnings;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
