/**
 * What a report shows, as plain data: sections of panels, each panel one chart. The page's script
 * (client-script.ts) draws exactly one chart per panel from this model, embedded as JSON.
 */

/** One point of a line chart; `lo`/`hi` are the 95 % interval where known. */
export interface LinePoint {
  series: string;
  x: number;
  y: number;
  lo: number | null;
  hi: number | null;
}

/** A small multiple: one metric against buffer count, one line per strategy. */
export interface LinePanel {
  kind: 'lines';
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  yLog: boolean;
  points: LinePoint[];
}

/** One cell of the gather ÷ coalesce heat map. */
export interface HeatCell {
  buffers: number;
  size: string;
  ratio: number;
  low: number;
  high: number;
  /** `gather`/`copy` beyond the noise, `same` within it, `unknown` without a margin of error. */
  verdict: 'gather' | 'copy' | 'same' | 'unknown';
}

/** Heat map over buffer count × buffer size of one setting group and connection count. */
export interface HeatPanel {
  kind: 'heatmap';
  id: string;
  title: string;
  xDomain: number[];
  yDomain: string[];
  cells: HeatCell[];
}

/** One cell of a comparison: NEW ÷ BASE throughput. */
export interface CompareRow {
  label: string;
  ratio: number;
  low: number;
  high: number;
  verdict: 'regression' | 'improvement' | 'same' | 'unknown';
}

/** Ratio per cell with intervals, regressions highlighted. */
export interface ComparePanel {
  kind: 'compare';
  id: string;
  title: string;
  rows: CompareRow[];
}

export type Panel = LinePanel | HeatPanel | ComparePanel;

/** Panels of one setting group inside a section, laid out `columns` wide. */
export interface PanelBlock {
  title: string;
  columns: number;
  panels: Panel[];
}

/** Which shared legend the page draws above a section's panels. */
export type LegendKind = 'strategy' | 'ratio' | 'compare';

export interface Section {
  id: string;
  title: string;
  note: string;
  legend: LegendKind;
  blocks: PanelBlock[];
}

/** Everything the page needs; serialised into the HTML. */
export interface ReportModel {
  title: string;
  sources: string[];
  environment: [label: string, value: string][];
  advice: { legend: string; intervals: string; sentences: { text: string; outcome: string }[] };
  /** Sentences about the comparison (regressions first), empty without a BASE file. */
  comparison: string[];
  /** Cells that failed or could not be drawn, one line each. */
  notes: string[];
  strategies: string[];
  /** Ratios span [1/ratioExtent, ratioExtent] on every heat map, so colours compare across panels. */
  ratioExtent: number;
  sections: Section[];
}

/** Number of charts the page must draw for `model`: one per panel. */
export function panelCount(model: ReportModel): number {
  return model.sections.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.panels.length, 0), 0);
}
