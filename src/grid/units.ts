/**
 * Parsing of the values a flag may hold: byte sizes with units (`64`, `4k`, `4KiB`, `1M`) and
 * durations (`250`, `250ms`, `0.5s`). Units are binary: k = KiB = 1024, M = MiB = 1024².
 */
import { SpecError } from '../errors.js';

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
};

/** The allowed form of a byte size, for error messages. */
export const BYTE_SIZE_FORM = 'a whole number of bytes, optionally with a unit: 64, 4k, 4KiB, 1M, 1MiB, 1G';

/**
 * Reads a byte size such as `64`, `4k`, `4KiB`, `1.5M` (binary units, case-insensitive).
 * @throws SpecError naming `flag` when the text is not a positive whole number of bytes.
 */
export function parseByteSize(flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = match?.[2]?.toLowerCase();
  const factor = unit === undefined ? undefined : BYTE_UNITS[unit];
  if (!match || factor === undefined) {
    throw new SpecError(flag, `must be ${BYTE_SIZE_FORM}; got ${JSON.stringify(text)}`);
  }
  const bytes = Number(match[1]) * factor;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new SpecError(flag, `must be ${BYTE_SIZE_FORM} (at least 1 byte, whole bytes); got ${JSON.stringify(text)}`);
  }
  return bytes;
}

/**
 * Reads a whole number such as a connection count. Accepts the `k` unit only as 1000 (`10k`).
 * @throws SpecError naming `flag`.
 */
export function parseCount(flag: string, text: string, min = 1): number {
  const match = /^\s*(\d+)\s*(k?)\s*$/i.exec(text);
  const value = match ? Number(match[1]) * (match[2] ? 1000 : 1) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new SpecError(flag, `must be a whole number ≥ ${min} (e.g. 1, 16, 10k); got ${JSON.stringify(text)}`);
  }
  return value;
}

/** The allowed form of a duration, for error messages. */
export const DURATION_FORM = 'milliseconds, optionally with a unit: 250, 250ms, 0.5s';

/**
 * Reads a duration in milliseconds: `250`, `250ms`, `0.5s`.
 * @throws SpecError naming `flag` when the text is not a duration (zero allowed only if `allowZero`).
 */
export function parseDurationMs(flag: string, text: string, allowZero = false): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(text);
  const ms = match ? Number(match[1]) * (match[2]?.toLowerCase() === 's' ? 1000 : 1) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !allowZero)) {
    const least = allowZero ? '≥ 0' : '> 0';
    throw new SpecError(flag, `must be ${DURATION_FORM} (${least}); got ${JSON.stringify(text)}`);
  }
  return ms;
}
