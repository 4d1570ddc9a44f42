/** Reading the CSV output of the Windows programs. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [header = [], ...body] = records;
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

export function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  return parseCsv(readFileSync(path, 'utf8'));
}
