/** Machine-readable output: the whole report plus the exit code, under a versioned schema name. */

import type { CompareReport } from './report.js';

/** Bumped only when a field changes meaning; fields are only ever added. */
export const COMPARE_JSON_SCHEMA = 'sgbench-compare/1';

export function formatJson(report: CompareReport, exitCode: number): string {
  return JSON.stringify({ schema: COMPARE_JSON_SCHEMA, exitCode, ...report }, null, 2) + '\n';
}
