/** How the CLI turns an outcome into an exit code and a one-line message. */
import { ModelUnavailableError, NativeIoError, SpecError } from '../errors.js';

/** Exit codes of every `sgbench` command. */
export const EXIT = {
  ok: 0,
  /** A measurement or system call failed. */
  failed: 1,
  /** Bad flags or values: the message names the flag and the allowed form. */
  usage: 2,
  /** A requested model is unavailable on this platform or kernel. */
  unavailable: 3,
  /** 128 + SIGINT. */
  interrupted: 130,
  /** 128 + SIGTERM. */
  terminated: 143,
} as const;

/** A command line yargs rejected (unknown flag, missing command): its message is shown as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit code for an error that ended a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof SpecError || err instanceof UsageError) return EXIT.usage;
  if (err instanceof ModelUnavailableError) return EXIT.unavailable;
  return EXIT.failed;
}

/** `Error: <flag>: <what is allowed>` for user errors; the message (never a stack) otherwise. */
export function oneLineError(err: unknown): string {
  if (err instanceof NativeIoError) return `Error: ${err.message}`;
  const message = err instanceof Error ? err.message : String(err);
  const flat = message.replace(/\s*\n\s*/g, '; ').trim();
  return flat.startsWith('Error: ') ? flat : `Error: ${flat}`;
}
