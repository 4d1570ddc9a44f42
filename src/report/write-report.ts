/** Reading result CSVs and writing the HTML report: the entry points for the CLI and `run --report`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildReportModel, type RunInput } from './build-report-model.js';
import { panelCount } from './report-model.js';
import { readCellCsv } from './read-cell-csv.js';
import { readSampleRme } from './read-sample-csv.js';
import { renderReportHtml } from './render-html.js';

/** Options of `writeReport`. */
export interface WriteReportOptions {
  /** Sample CSV of the same run: error bars and intervals from the samples instead of `rme_pct`. */
  samplesPath?: string;
  /** A BASE cell CSV: the report opens with the comparison of this run (NEW) against it. */
  basePath?: string;
  /** Sample CSV of the BASE run. */
  baseSamplesPath?: string;
}

/** What `writeReport` wrote. */
export interface WrittenReport {
  outPath: string;
  /** Charts the page draws, one per panel. */
  panels: number;
  bytes: number;
}

/**
 * Reads the cell CSV at `cellCsvPath` and writes a self-contained HTML report to `outPath`
 * (parent directories are created).
 * @throws CsvFormatError when a CSV is unreadable or malformed; the message names the file.
 */
export function writeReport(cellCsvPath: string, outPath: string, options: WriteReportOptions = {}): WrittenReport {
  const run = readRun(cellCsvPath, options.samplesPath);
  const base = options.basePath === undefined ? undefined : readRun(options.basePath, options.baseSamplesPath);
  const model = buildReportModel(run, base);
  const html = renderReportHtml(model);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, html);
  return { outPath, panels: panelCount(model), bytes: Buffer.byteLength(html) };
}

function readRun(path: string, samplesPath: string | undefined): RunInput {
  const cells = readCellCsv(path);
  return samplesPath === undefined ? { cells, source: path } : { cells, source: path, rmeByKey: readSampleRme(samplesPath) };
}
