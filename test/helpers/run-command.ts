/** Runs one yargs command module in-process and captures its exit code and output. */
import yargs, { type CommandModule } from 'yargs';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every module has its own argument types
export async function runCommand(module: CommandModule<any, any>, args: string[]): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    await yargs(args).command(module).strict().exitProcess(false).fail(false).parseAsync();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  // The test process must not inherit the command's exit code.
  process.exitCode = undefined;
  return { code, stdout, stderr };
}
