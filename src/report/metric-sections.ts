/**
 * The line-chart sections: one metric against buffer count, a panel per connection count × buffer
 * size, one line per strategy, one block per setting group.
 */
import { groupBySettings } from '../advise/setting-group.js';
import { gbitPerS, type CellRecord } from './cell-record.js';
import type { LinePanel, LinePoint, Section } from './report-model.js';
import { sizeDomain, sizeLabel } from './size-axis.js';

interface Metric {
  id: string;
  title: string;
  yLabel: string;
  yLog: boolean;
  note: string;
  value: (c: CellRecord) => number | null;
  /** The throughput margin of error applies (a rate of fixed-size messages). */
  interval: boolean;
}

const METRICS: Metric[] = [
  { id: 'gbit', title: 'Throughput', yLabel: 'Gbit/s', yLog: false, interval: true, value: gbitPerS,
    note: 'Receiver-confirmed throughput. Error bars: 95 % interval of the mean.' },
  { id: 'msgs', title: 'Messages per second', yLabel: 'messages/s', yLog: true, interval: true, value: (c) => c.msgsPerS,
    note: 'Whole messages (sink) or round trips (echo) per second. Error bars: 95 % interval of the mean.' },
  { id: 'client-cpu', title: 'Client CPU per GiB', yLabel: 'client CPU s/GiB', yLog: false, interval: false,
    value: (c) => c.clientCpuSPerGib, note: 'User + system CPU seconds of the client threads per GiB moved.' },
  { id: 'server-cpu', title: 'Server CPU per GiB', yLabel: 'server CPU s/GiB', yLog: false, interval: false,
    value: (c) => c.serverCpuSPerGib, note: 'User + system CPU seconds of the server threads per GiB moved.' },
  { id: 'syscalls', title: 'Calls per message', yLabel: 'calls/message', yLog: true, interval: false,
    value: (c) => c.syscallsPerMsg, note: 'Send and receive system calls (or submissions) per message.' },
  { id: 'lat-p50', title: 'Echo latency, median', yLabel: 'round trip p50 (µs)', yLog: true, interval: false,
    value: (c) => c.latencyP50Us, note: 'Echo mode round-trip latency, 50th percentile.' },
  { id: 'lat-p99', title: 'Echo latency, 99th percentile', yLabel: 'round trip p99 (µs)', yLog: true, interval: false,
    value: (c) => c.latencyP99Us, note: 'Echo mode round-trip latency, 99th percentile.' },
  { id: 'lat-p999', title: 'Echo latency, 99.9th percentile', yLabel: 'round trip p99.9 (µs)', yLog: true, interval: false,
    value: (c) => c.latencyP999Us, note: 'Echo mode round-trip latency, 99.9th percentile.' },
];

/**
 * One section per metric that has a value in any cell; within it one block per setting group and
 * one panel per connections × size that has a value. `rme` gives a cell's margin of error (percent).
 */
export function metricSections(cells: readonly CellRecord[], rme: (c: CellRecord) => number | null): Section[] {
  const sections: Section[] = [];
  const groups = groupBySettings(cells);
  for (const metric of METRICS) {
    const blocks = groups.flatMap((group) => {
      const withValue = group.cells.filter((c) => metric.value(c) !== null);
      if (withValue.length === 0) return [];
      const sizes = sizeDomain(withValue);
      const connections = [...new Set(withValue.map((c) => c.connections))].sort((a, b) => a - b);
      const panels: LinePanel[] = [];
      for (const conn of connections) {
        for (const size of sizes) {
          const inPanel = withValue.filter((c) => c.connections === conn && sizeLabel(c) === size);
          if (inPanel.length === 0) continue;
          panels.push({
            kind: 'lines',
            id: `${metric.id}/${group.id}/c${conn}/${size}`,
            title: `${conn} conn · ${size}`,
            xLabel: 'buffers',
            yLabel: metric.yLabel,
            yLog: metric.yLog,
            points: inPanel.map((c) => point(c, metric, rme)).sort((a, b) => a.series.localeCompare(b.series) || a.x - b.x),
          });
        }
      }
      return [{ title: group.label, columns: sizes.length, panels }];
    });
    if (blocks.length > 0) sections.push({ id: metric.id, title: metric.title, note: metric.note, legend: 'strategy', blocks });
  }
  return sections;
}

function point(c: CellRecord, metric: Metric, rme: (c: CellRecord) => number | null): LinePoint {
  const y = metric.value(c)!;
  const margin = metric.interval ? rme(c) : null;
  return {
    series: c.strategy,
    x: c.buffers,
    y,
    lo: margin === null ? null : y * (1 - margin / 100),
    hi: margin === null ? null : y * (1 + margin / 100),
  };
}
