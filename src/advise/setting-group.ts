/**
 * Cells that differ only in strategy, buffer count, size and connections belong to one setting
 * group (model plus mode, depth, receive shape, …). Advice and charts compare within a group.
 */
import type { CellRecord } from '../report/cell-record.js';

/** A setting besides the model that splits cells into groups, with how to name a value of it. */
const SETTINGS: { name: string; get: (c: CellRecord) => string; label: (v: string) => string }[] = [
  { name: 'mode', get: (c) => c.mode, label: (v) => `${v} mode` },
  { name: 'depth', get: (c) => String(c.depth ?? ''), label: (v) => `depth ${v}` },
  { name: 'recv_shape', get: (c) => c.recvShape, label: (v) => `receive ${v}` },
  { name: 'nodelay', get: (c) => c.nodelay, label: (v) => `TCP_NODELAY ${v}` },
  { name: 'affinity', get: (c) => c.affinity, label: (v) => `affinity ${v}` },
  { name: 'peer', get: (c) => c.peer, label: (v) => `peer ${v}` },
  { name: 'threads', get: (c) => c.threads, label: (v) => `${v} threads` },
  { name: 'variant', get: (c) => c.variant, label: (v) => `variant ${v}` },
];

/** A group of cells measured under the same model and settings. */
export interface SettingGroup {
  /** Stable identifier within one file. */
  id: string;
  model: string;
  /** The settings that vary across the file, as `name → value`; the rest are the same everywhere. */
  settings: Record<string, string>;
  /** `overlapped-event` or `overlapped-event, echo mode, depth 4`. */
  label: string;
  cells: CellRecord[];
}

/**
 * Splits cells into setting groups, in order of first appearance. Only settings that take more than
 * one value in `cells` enter the labels, so a plain sweep reads `overlapped-event`, not a list of defaults.
 */
export function groupBySettings(cells: readonly CellRecord[]): SettingGroup[] {
  const varying = SETTINGS.filter((s) => new Set(cells.map(s.get)).size > 1);
  const groups = new Map<string, SettingGroup>();
  for (const cell of cells) {
    const settings = Object.fromEntries(varying.map((s) => [s.name, s.get(cell)]));
    const id = [cell.model, ...varying.map((s) => `${s.name}=${s.get(cell)}`)].join('/');
    let group = groups.get(id);
    if (group === undefined) {
      const label = [cell.model, ...varying.map((s) => s.label(s.get(cell)))].join(', ');
      group = { id, model: cell.model, settings, label, cells: [] };
      groups.set(id, group);
    }
    group.cells.push(cell);
  }
  return [...groups.values()];
}
