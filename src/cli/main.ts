#!/usr/bin/env node
/**
 * The `sgbench` command line. Every command is a yargs module (default export, explicit `command`
 * string) listed in `COMMANDS`; a handler reports its outcome by setting `process.exitCode`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs, { type Argv, type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { exitCodeFor, oneLineError, UsageError } from './exit-codes.js';
import { FlagForms } from './flag-forms.js';
import runCommand from './commands/run.js';
import serveCommand from './commands/serve.js';
import modelsCommand from './commands/models.js';
import reportCommand from './commands/report.js';
import adviseCommand from './commands/advise.js';
import compareCommand from './commands/compare.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module has its own argument types
const COMMANDS: CommandModule<any, any>[] = [runCommand, serveCommand, modelsCommand, reportCommand, adviseCommand, compareCommand];

/**
 * Parses `args` (without `node` and the script) and runs the chosen command.
 * @returns the process exit code: 0 success, 1 failure, 2 bad arguments, 130/143 interrupted.
 */
export async function main(args: string[]): Promise<number> {
  const forms = new FlagForms();
  let parser: Argv = yargs(args)
    .scriptName('sgbench')
    .usage('$0 <command> [options]\n\nScatter-gather TCP throughput benchmarks.')
    .strict()
    .demandCommand(1, 'a command is required (run, serve, models, …); see --help')
    .recommendCommands()
    .exitProcess(false)
    // The middleware runs inside the chosen command, when the parser holds that command's flags.
    .middleware((argv) => {
      forms.check(args, argv, parser);
    }, true)
    .fail((message, err) => {
      if (message) throw forms.missingValue(message) ?? new UsageError(message);
      throw err;
    })
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100));
  for (const command of COMMANDS) parser = parser.command(command);
  try {
    await parser.parseAsync();
  } catch (err) {
    process.stderr.write(oneLineError(err) + '\n');
    return exitCodeFor(err);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(hideBin(process.argv));
}
