/** The metrics `compare` can gate on, read from the sample CSV by column name. */

export const METRICS = ['bytes_per_s', 'client_cpu_s_per_gib'] as const;
export type MetricName = (typeof METRICS)[number];

export interface MetricInfo {
  name: MetricName;
  /** Short name for tables. */
  label: string;
  /** true: a decrease is a regression (throughput); false: an increase is (cost). */
  higherIsBetter: boolean;
  /** Per-cell threshold τ as a fraction of BASE. */
  defaultThreshold: number;
  /** Formats one value of the metric for humans. */
  format: (value: number) => string;
}

export const METRIC_INFO: Record<MetricName, MetricInfo> = {
  bytes_per_s: {
    name: 'bytes_per_s',
    label: 'throughput',
    higherIsBetter: true,
    defaultThreshold: 0.1,
    format: (v) => `${((v * 8) / 1e9).toPrecision(3)} Gbit/s`,
  },
  client_cpu_s_per_gib: {
    name: 'client_cpu_s_per_gib',
    label: 'client CPU',
    higherIsBetter: false,
    defaultThreshold: 0.07,
    format: (v) => `${v.toPrecision(3)} s/GiB`,
  },
};

/** Parses a metric name as typed on the command line (the column name, or `bytes`/`cpu`). */
export function parseMetric(text: string): MetricName | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'bytes' || t === 'throughput' || t === 'bytes_per_s') return 'bytes_per_s';
  if (t === 'cpu' || t === 'client_cpu_s_per_gib') return 'client_cpu_s_per_gib';
  return undefined;
}
