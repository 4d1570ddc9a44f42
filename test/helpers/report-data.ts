/** The model a generated report embeds for its script (`#report-data`), parsed back. */
import { readFileSync } from 'node:fs';
import type { ReportModel } from '../../src/report/report-model.js';

export function reportData(htmlPath: string): ReportModel {
  const html = readFileSync(htmlPath, 'utf8');
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error(`${htmlPath} embeds no report data`);
  return JSON.parse(m[1]!) as ReportModel;
}
