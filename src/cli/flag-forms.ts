/**
 * Forms of a flag that yargs accepts without complaint but that carry no usable value:
 * `--verify=maybe` (yargs reads any text after `=` on a switch as false), `--out` or `--no-out`
 * on a flag that needs a value, and a missing value (yargs says only "Not enough arguments
 * following: out"). Each becomes one line naming the flag and what it takes.
 */
import type { Argv } from 'yargs';
import { SpecError } from '../errors.js';

interface ParserOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
  boolean: string[];
  narg: Record<string, unknown>;
}

/** What the flags of the command being parsed take, in its own words (`describe`). */
export class FlagForms {
  private descriptions: Record<string, string> = {};
  private canonical: Record<string, string> = {};

  /** Yargs middleware (run before validation): learns the command's flags and checks their forms. */
  check(args: readonly string[], argv: Record<string, unknown>, y: Argv): void {
    const o = (y as unknown as { getOptions(): ParserOptions }).getOptions();
    for (const [name, aliases] of Object.entries(o.alias)) for (const a of aliases) this.canonical[a] = name;
    this.descriptions = readDescriptions(y);
    const switches = new Set(o.boolean.filter((b) => b !== 'help' && b !== 'version'));
    for (const arg of args) {
      if (arg === '--') break;
      const m = /^--?(?:no-)?([^=]+)=(.*)$/s.exec(arg);
      const name = m?.[1] === undefined ? undefined : (this.canonical[m[1]] ?? m[1]);
      if (m && name !== undefined && switches.has(name) && !['true', 'false'].includes((m[2] ?? '').toLowerCase())) {
        throw new SpecError(`--${name}`, `is a switch: give --${name} or --no-${name} (or --${name}=true/false); got ${JSON.stringify(m[2])}`);
      }
    }
    for (const name of Object.keys(o.narg)) {
      const value = argv[name];
      if (typeof value === 'boolean' || (Array.isArray(value) && value.some((v) => typeof v === 'boolean'))) throw new SpecError(`--${name}`, `needs a value, not --no-${name}: ${this.describe(name)}`);
    }
  }

  /** The one-line error for yargs' "Not enough arguments following: NAME", or null for any other message. */
  missingValue(message: string): SpecError | null {
    const m = /^Not enough arguments following: (.+)$/.exec(message);
    if (!m?.[1]) return null;
    const name = this.canonical[m[1]] ?? m[1];
    return new SpecError(`--${name}`, `needs a value: ${this.describe(name)}`);
  }

  private describe(name: string): string {
    const text = this.descriptions[name];
    if (!text) return 'see --help';
    // "Buffers per message" reads on after the colon as "buffers per message"; "TCP connections" stays.
    return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  }
}

/** The `describe` texts yargs holds for the command's options (not part of its typed API: read defensively). */
function readDescriptions(y: Argv): Record<string, string> {
  const internal = y as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { getDescriptions?: () => unknown } } };
  const found = internal.getInternalMethods?.().getUsageInstance?.().getDescriptions?.();
  if (typeof found !== 'object' || found === null) return {};
  return Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
