/** The heat-map section: gather ÷ coalesce throughput over buffer count × size, per group and connections. */
import type { Advice } from '../advise/crossover.js';
import { formatBytes } from '../advise/format-size.js';
import type { HeatCell, HeatPanel, PanelBlock, Section } from './report-model.js';

const VERDICT = { higher: 'gather', lower: 'copy', same: 'same', unknown: 'unknown' } as const;

/** One panel per setting group × connections found in `advice`; null when there is nothing to compare. */
export function heatmapSection(advice: readonly Advice[]): Section | null {
  const blocks = new Map<string, PanelBlock>();
  const panels = new Map<string, HeatPanel>();
  for (const a of advice) {
    const panelId = `heatmap/${a.groupId}/c${a.connections}`;
    let panel = panels.get(panelId);
    if (panel === undefined) {
      panel = { kind: 'heatmap', id: panelId, title: `${a.connections} connection${a.connections === 1 ? '' : 's'}`, xDomain: [], yDomain: [], cells: [] };
      panels.set(panelId, panel);
      let block = blocks.get(a.groupId);
      if (block === undefined) {
        block = { title: a.groupLabel, columns: 0, panels: [] };
        blocks.set(a.groupId, block);
      }
      block.panels.push(panel);
      block.columns = Math.min(block.panels.length, 3);
    }
    for (const s of a.sizes) {
      const cell: HeatCell = { buffers: a.buffers, size: formatBytes(s.bufferBytes), ratio: s.ratio, low: s.low, high: s.high, verdict: VERDICT[s.verdict] };
      panel.cells.push(cell);
    }
  }
  for (const panel of panels.values()) {
    panel.xDomain = [...new Set(panel.cells.map((c) => c.buffers))].sort((a, b) => a - b);
    const bytes = advice.filter((a) => panel.id === `heatmap/${a.groupId}/c${a.connections}`).flatMap((a) => a.sizes.map((s) => s.bufferBytes));
    panel.yDomain = [...new Set(bytes)].sort((a, b) => a - b).map(formatBytes);
  }
  if (panels.size === 0) return null;
  return {
    id: 'heatmap',
    title: 'Gather ÷ coalesce',
    note: 'Throughput of gather divided by coalesce for each buffer count × size. Green: gathering faster; purple: copying faster; white: equal. Outlined cells differ beyond the noise (the whole 95 % interval on one side of 1); cells marked ≈ are within it.',
    legend: 'ratio',
    blocks: [...blocks.values()],
  };
}
