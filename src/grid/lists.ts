/**
 * Lists on the command line: `1,2,4`, doubling ranges `1..64` (1,2,4,…,64), linear ranges
 * `1..16+1` (1,2,3,…,16), and any mix of them (`1..8,64`). Duplicates are dropped, order kept.
 */
import { SpecError } from '../errors.js';

/** The allowed form of a numeric list, for error messages. */
export const LIST_FORM = 'a list like 1,2,4, a doubling range like 1..64, or a linear range like 1..16+1';

/** Limit on the values one range may expand to, so a typo cannot build a million-cell grid. */
const MAX_RANGE_VALUES = 4096;

/**
 * Expands a numeric list whose items `parseItem` reads (so `4k..64k` works for sizes).
 * @throws SpecError naming `flag` when an item or range is malformed or empty.
 */
export function parseNumberList(
  flag: string,
  text: string,
  parseItem: (flag: string, item: string) => number,
): number[] {
  const values: number[] = [];
  const items = text.split(',').map((s) => s.trim());
  if (text.trim() === '' || items.some((s) => s === '')) {
    throw new SpecError(flag, `must be ${LIST_FORM}; got ${JSON.stringify(text)}`);
  }
  for (const item of items) {
    const range = /^(.+?)\.\.(.+?)(?:\+(.+))?$/.exec(item);
    if (!range) {
      values.push(parseItem(flag, item));
      continue;
    }
    const from = parseItem(flag, range[1] ?? '');
    const to = parseItem(flag, range[2] ?? '');
    const step = range[3] === undefined ? undefined : parseItem(flag, range[3]);
    if (to < from) {
      throw new SpecError(flag, `a range must go upwards (${LIST_FORM}); got ${JSON.stringify(item)}`);
    }
    const expanded: number[] = [];
    for (let v = from; v <= to; v = step === undefined ? v * 2 : v + step) {
      expanded.push(v);
      if (expanded.length > MAX_RANGE_VALUES) {
        throw new SpecError(flag, `the range ${item} expands to more than ${MAX_RANGE_VALUES} values`);
      }
    }
    values.push(...expanded);
  }
  return [...new Set(values)];
}

/**
 * Reads a list of names drawn from `allowed`; `all` stands for every allowed name.
 * @throws SpecError naming `flag` and the allowed names.
 */
export function parseNameList<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((s) => s.trim());
  const allowedText = `one or more of ${allowed.join(', ')} (comma-separated) or all`;
  if (items.some((s) => s === '')) throw new SpecError(flag, `must be ${allowedText}; got ${JSON.stringify(text)}`);
  const names: T[] = [];
  for (const item of items) {
    if (item === 'all') names.push(...allowed);
    else if ((allowed as readonly string[]).includes(item)) names.push(item as T);
    else throw new SpecError(flag, `must be ${allowedText}; got ${JSON.stringify(item)}`);
  }
  return [...new Set(names)];
}
