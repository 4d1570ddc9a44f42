/** `sgbench models`: every I/O model, whether this platform offers it, its mechanism, or why not. */
import type { CommandModule } from 'yargs';
import { models } from '../../native.js';
import type { ModelInfo } from '../../types.js';
import { EXIT } from '../exit-codes.js';

interface ModelsArgs {
  json: boolean;
}

/** One line per model: name, state, mechanism, then depth support or the reason it is unavailable. */
export function formatModels(list: readonly ModelInfo[]): string {
  const rows = list.map((m) => [
    m.model,
    m.state,
    m.mechanism,
    m.state === 'available' ? (m.depth ? 'depth: yes' : 'depth: no') : `reason: ${m.reason}`,
  ]);
  const header = ['model', 'state', 'mechanism', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const modelsCommand: CommandModule<object, ModelsArgs> = {
  command: 'models',
  describe: 'List the I/O models of this platform, available or not and why',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print the list as JSON' })
      .example('$0 models', 'show which --model values this machine can run'),
  handler: (argv) => {
    const list = models();
    process.stdout.write((argv.json ? JSON.stringify(list, null, 2) : formatModels(list)) + '\n');
    process.exitCode = EXIT.ok;
  },
};

export default modelsCommand;
