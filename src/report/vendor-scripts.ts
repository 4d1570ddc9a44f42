/** The chart library's browser bundles, read from node_modules so the report inlines them. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/**
 * d3 (UMD, defines `d3`) and Observable Plot (UMD, defines `Plot`, needs `d3`), in load order.
 * Both packages export these files under their `umd` condition; the paths are resolved from each
 * package's default entry.
 */
export function vendorScripts(): { name: string; source: string }[] {
  const require = createRequire(import.meta.url);
  const d3Entry = require.resolve('d3');
  const plotEntry = require.resolve('@observablehq/plot');
  return [
    { name: 'd3', source: readFileSync(join(dirname(d3Entry), 'd3.min.js'), 'utf8') },
    { name: '@observablehq/plot', source: readFileSync(join(dirname(plotEntry), '..', 'dist', 'plot.umd.min.js'), 'utf8') },
  ];
}
