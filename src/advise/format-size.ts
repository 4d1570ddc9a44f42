/** Human forms of byte sizes and ratios, as the advice sentences and the report print them. */

/** `64 B`, `4 KiB`, `1.5 MiB`: binary units, at most two decimals, trailing zeros dropped. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}

/** `1.21×` */
export function formatRatio(r: number): string {
  return `${r.toFixed(2)}×`;
}
