/** Reading result CSVs and writing the HTML report: the entry points for the CLI and `run --report`. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readSampleFileSync } from '../compare/sample-file.js';
import { buildReportModel, type RunInput } from './build-report-model.js';
import { panelCount } from './report-model.js';
import { readCellCsv } from './read-cell-csv.js';
import { readSampleRme } from './read-sample-csv.js';
import { renderReportHtml } from './render-html.js';
import { samplesPathsBeside } from './samples-beside.js';

/** Options of `writeReport`. */
export interface WriteReportOptions {
  /**
   * Sample CSV of the (NEW) run: error bars and intervals from the samples instead of `rme_pct`,
   * and with a BASE, the comparison `sgbench compare` makes. @default the one beside the cell CSV (samples-beside.ts), if it exists
   */
  samplesPath?: string;
  /** A BASE cell CSV: the report opens with the comparison of this run (NEW) against it. */
  basePath?: string;
  /** Sample CSV of the BASE run. @default the one beside the BASE cell CSV, if it exists */
  baseSamplesPath?: string;
}

/** What `writeReport` wrote. */
export interface WrittenReport {
  outPath: string;
  /** Charts the page draws, one per panel. */
  panels: number;
  bytes: number;
  /** What the page warns about (a missing sample CSV, compare's warnings), for the CLI to print. */
  warnings: string[];
}

/**
 * Reads the cell CSV at `cellCsvPath` and writes a self-contained HTML report to `outPath`
 * (parent directories are created).
 * @throws CsvFormatError when a CSV is unreadable or malformed; the message names the file.
 * @throws CompareInputError when `sgbench compare` refuses the sample CSVs of a comparison.
 */
export function writeReport(cellCsvPath: string, outPath: string, options: WriteReportOptions = {}): WrittenReport {
  const comparing = options.basePath !== undefined;
  const run = readRun(cellCsvPath, options.samplesPath, comparing);
  const base = options.basePath === undefined ? undefined : readRun(options.basePath, options.baseSamplesPath, true);
  const model = buildReportModel(run, base);
  const html = renderReportHtml(model);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, html);
  return { outPath, panels: panelCount(model), bytes: Buffer.byteLength(html), warnings: model.warnings };
}

/** A sample CSV given by name must exist; one looked for beside the cell CSV may be missing. */
function readRun(path: string, samplesPath: string | undefined, forComparison: boolean): RunInput {
  const cells = readCellCsv(path);
  const lookedFor = samplesPathsBeside(path);
  const samples = samplesPath ?? lookedFor.find((p) => existsSync(p));
  if (samples === undefined) return { cells, source: path, samples: { state: 'missing', lookedFor } };
  const file = forComparison ? readSampleFileSync(samples) : undefined;
  return { cells, source: path, samples: { state: 'read', path: samples, rmeByKey: readSampleRme(samples), file } };
}
