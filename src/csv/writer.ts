/**
 * Append-only CSV files (RFC 4180, CRLF, header row) that are valid after every write: the header
 * is written when the file is created and each batch of rows is stringified whole, written with
 * one synchronous call and flushed to disk before `append` returns. A run stopped at any moment
 * leaves every finished batch, and never half a row.
 */
import { closeSync, fdatasyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';

/** A value of one CSV field. `null`, `undefined` and `''` all mean "does not apply": an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/** Significant digits kept for non-integer numbers: ample for any spreadsheet's doubles. */
const SIGNIFICANT_DIGITS = 9;

/**
 * A number in plain decimal, never with an exponent: integers exactly, fractions to
 * 9 significant digits without trailing zeros. Non-finite numbers give '' (not applicable).
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(100, Math.max(0, SIGNIFICANT_DIGITS - 1 - magnitude));
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** One CSV file with a fixed column list, appended to batch by batch. */
export class CsvAppendWriter<Column extends string> {
  private fd: number | null;

  private constructor(
    /** Where the file is. */
    readonly path: string,
    private readonly columns: readonly Column[],
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates (or truncates) the file, creating its directory, and writes the header row. */
  static create<Column extends string>(path: string, columns: readonly Column[]): CsvAppendWriter<Column> {
    mkdirSync(dirname(path), { recursive: true });
    const writer = new CsvAppendWriter(path, columns, openSync(path, 'w'));
    writer.writeWhole(stringify([columns.slice()], { record_delimiter: 'windows' }));
    return writer;
  }

  /** Appends the rows, fields in column order, and flushes them to disk. */
  append(rows: ReadonlyArray<Readonly<Record<Column, CsvValue>>>): void {
    if (rows.length === 0) return;
    const text = stringify(
      rows.map((row) => this.columns.map((column) => row[column])),
      {
        record_delimiter: 'windows',
        cast: {
          number: (value) => plainDecimal(value),
          boolean: (value) => (value ? 'true' : 'false'),
        },
      },
    );
    this.writeWhole(text);
  }

  /** Closes the file; later appends throw. Safe to call twice. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private writeWhole(text: string): void {
    if (this.fd === null) throw new Error(`CSV file ${this.path} is already closed`);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    fdatasyncSync(this.fd);
  }
}
