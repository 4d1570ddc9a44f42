/** Reading back the CSV files of a run, and the column lists documented in docs/csv.md. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Header and rows (as objects keyed by column) of a CSV file, parsed strictly. */
export function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(readFileSync(path, 'utf8'), { relax_column_count: false, skip_empty_lines: false }) as string[][];
  const [header = [], ...body] = records;
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** The first column of the table under the heading `## <section>` in docs/csv.md, in order. */
export function documentedColumns(section: string): string[] {
  const doc = readFileSync(new URL('../../docs/csv.md', import.meta.url), 'utf8');
  const start = doc.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`docs/csv.md has no section ${section}`);
  const rest = doc.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  const body = end < 0 ? rest : rest.slice(0, end);
  return [...body.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1] as string);
}
