/** The report's public API: `writeReport` for the CLI and `sgbench run --report`. */
export { writeReport, type WriteReportOptions, type WrittenReport } from './write-report.js';
export { CsvFormatError, readCellCsv } from './read-cell-csv.js';
export { buildReportModel } from './build-report-model.js';
export { panelCount, type ReportModel } from './report-model.js';
