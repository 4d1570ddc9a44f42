/**
 * What a sweep shows while it runs: on a terminal one line rewritten in place (cell i/n, elapsed,
 * ETA, the current cell and its live throughput); elsewhere one plain line per finished cell.
 */
import type { GridCell } from '../grid/cells.js';
import { formatDuration, formatGbit } from './format.js';

/** How a finished cell is shown. */
export interface CellReport {
  bytesPerS: number | null;
  rmePct: number | null;
  error: string | null;
}

/** Receives the events of a sweep. */
export interface Progress {
  cellStarted(index: number, cell: GridCell): void;
  /** Live throughput of the sample that just finished. */
  sampleFinished(bytesPerS: number): void;
  cellFinished(index: number, cell: GridCell, report: CellReport): void;
  /** A warning that stays on screen (printed on its own line). */
  warn(message: string): void;
  /** Clears any in-place line. */
  end(): void;
}

interface Clock {
  now(): number;
}

function cellLabel(cell: GridCell): string {
  const extras = [
    cell.depth !== 1 ? `depth=${cell.depth}` : '',
    cell.mode !== 'sink' ? cell.mode : '',
    cell.direction !== 'forward' ? cell.direction : '',
    cell.recv.kind === 'single' ? `recv=single:${cell.recv.bytes}` : '',
    cell.nodelay ? '' : 'nodelay=off',
    cell.affinity !== 'none' ? `affinity=${cell.affinity}` : '',
  ].filter(Boolean);
  return [cell.model, cell.strategy, cell.shape, `c=${cell.connections}`, ...extras].join(' ');
}

function finishedText(report: CellReport): string {
  if (report.error !== null) return `FAILED: ${report.error}`;
  const rme = report.rmePct === null ? '' : ` ±${report.rmePct.toFixed(1)}%`;
  return `${report.bytesPerS === null ? '-' : formatGbit(report.bytesPerS)} Gbit/s${rme}`;
}

abstract class TimedProgress implements Progress {
  protected readonly startedAt: number;
  protected done = 0;

  constructor(
    protected readonly out: NodeJS.WritableStream,
    protected readonly total: number,
    /** Estimated duration of the whole sweep, used until the first cell finishes. */
    protected readonly estimateMs: number | null,
    protected readonly clock: Clock = Date,
  ) {
    this.startedAt = clock.now();
  }

  protected elapsedMs(): number {
    return this.clock.now() - this.startedAt;
  }

  protected etaMs(): number | null {
    if (this.done === 0) return this.estimateMs;
    return (this.elapsedMs() / this.done) * (this.total - this.done);
  }

  protected counter(index: number): string {
    const width = String(this.total).length;
    return `[${String(index + 1).padStart(width)}/${this.total}]`;
  }

  abstract cellStarted(index: number, cell: GridCell): void;
  abstract sampleFinished(bytesPerS: number): void;
  abstract cellFinished(index: number, cell: GridCell, report: CellReport): void;
  abstract warn(message: string): void;
  abstract end(): void;
}

/** One status line on a terminal, rewritten after every sample. */
export class TerminalProgress extends TimedProgress {
  private current = '';
  private live = '';

  override cellStarted(index: number, cell: GridCell): void {
    this.current = `${this.counter(index)} ${cellLabel(cell)}`;
    this.live = '';
    this.redraw();
  }

  override sampleFinished(bytesPerS: number): void {
    this.live = `${formatGbit(bytesPerS)} Gbit/s`;
    this.redraw();
  }

  override cellFinished(_index: number, _cell: GridCell, report: CellReport): void {
    this.done++;
    if (report.error !== null) this.printLine(`${this.current}  ${finishedText(report)}`);
    else this.redraw();
  }

  override warn(message: string): void {
    this.printLine(`warning: ${message}`);
  }

  override end(): void {
    this.out.write('\r\x1b[2K');
  }

  private printLine(text: string): void {
    this.out.write(`\r\x1b[2K${text}\n`);
    this.redraw();
  }

  private redraw(): void {
    const eta = this.etaMs();
    const status = `${this.current}  ${this.live}  elapsed ${formatDuration(this.elapsedMs())}, ETA ${eta === null ? '?' : formatDuration(eta)}`;
    const columns = (this.out as NodeJS.WriteStream).columns || 120;
    this.out.write(`\r\x1b[2K${status.slice(0, Math.max(20, columns - 1))}`);
  }
}

/** One plain line per finished cell, for logs and CI. */
export class LineProgress extends TimedProgress {
  override cellStarted(): void {}
  override sampleFinished(): void {}

  override cellFinished(index: number, cell: GridCell, report: CellReport): void {
    this.done++;
    const eta = this.etaMs();
    this.out.write(
      `${this.counter(index)} ${cellLabel(cell)}  ${finishedText(report)}  (elapsed ${formatDuration(this.elapsedMs())}, ETA ${eta === null ? '?' : formatDuration(eta)})\n`,
    );
  }

  override warn(message: string): void {
    this.out.write(`warning: ${message}\n`);
  }

  override end(): void {}
}

/** Only warnings and failures (`--quiet`). */
export class QuietProgress implements Progress {
  constructor(private readonly out: NodeJS.WritableStream) {}
  cellStarted(): void {}
  sampleFinished(): void {}
  cellFinished(index: number, cell: GridCell, report: CellReport): void {
    if (report.error !== null) this.out.write(`cell ${index + 1} ${cellLabel(cell)}: ${finishedText(report)}\n`);
  }
  warn(message: string): void {
    this.out.write(`warning: ${message}\n`);
  }
  end(): void {}
}
