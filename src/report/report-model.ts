/**
 * What a report shows, as plain data: sections of panels, each panel one chart. The page's script
 * (client-script.ts) draws exactly one chart per panel from this model, embedded as JSON.
 */
import type { CompareReport, Verdict } from '../compare/report.js';

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

/** One cell and metric of a comparison: NEW ÷ BASE with its interval and verdict. */
export interface CompareRow {
  label: string;
  ratio: number;
  low: number;
  high: number;
  /** In the words of `sgbench compare` (src/compare/report.ts). */
  verdict: Verdict;
  /** The cell varied beyond compare's noisy limit, so its threshold was widened. */
  noisy: boolean;
  /** Holm-adjusted p of compare's test; null when the interval comes from `rme_pct`. */
  p: number | null;
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

/** The comparison of NEW with BASE at the top of a two-run report. */
export interface ReportComparison {
  /**
   * `compare`: the verdicts of `sgbench compare` on both runs' sample CSVs. `rme`: a sample CSV is
   * missing, so intervals come from `rme_pct` with a fixed threshold, and the page says so.
   */
  basis: 'compare' | 'rme';
  /** Which files the verdicts come from, or which sample CSV is missing. */
  basisNote: string;
  /** The headline, the suite gate, then every regressed or undecided cell. */
  sentences: string[];
  /** What `sgbench compare --json` prints for the same files (without `schema` and `exitCode`); null on the `rme` basis. */
  gate: CompareReport | null;
}

/** Everything the page needs; serialised into the HTML. */
export interface ReportModel {
  title: string;
  sources: string[];
  environment: [label: string, value: string][];
  advice: { legend: string; intervals: string; sentences: { text: string; outcome: string }[] };
  /** Null without a BASE file. */
  comparison: ReportComparison | null;
  /** Problems the reader must see (a missing sample CSV, compare's warnings); also printed by the CLI. */
  warnings: string[];
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
