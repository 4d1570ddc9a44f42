/** `sgbench run [preset]`: sweep a grid of cells and write the cell and sample CSVs. */
import type { CommandModule } from 'yargs';
import { EXIT } from '../exit-codes.js';

/** Raw `run` flags as yargs hands them over: strings until the grid parser reads them. */
export interface RunArgs {
  preset?: string;
}

const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [preset]',
  describe: 'Sweep a grid of cells (a preset, overridden by flags) and write CSV results',
  builder: (y) => y.positional('preset', { type: 'string', describe: 'default, models or quick' }),
  handler: () => {
    process.stderr.write('Error: run: the sweep runner is not wired up yet\n');
    process.exitCode = EXIT.failed;
  },
};

export default runCommand;
