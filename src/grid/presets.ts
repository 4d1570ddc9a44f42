/** The presets shipped in `bench/`, by name, and loading of a preset module by path. */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { SpecError } from '../errors.js';
import type { Preset } from './preset.js';
import defaultPreset from '../../bench/default.js';
import modelsPreset from '../../bench/models.js';
import quickPreset from '../../bench/quick.js';

/** Built-in presets, by the name `sgbench run <preset>` takes. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  default: defaultPreset,
  models: modelsPreset,
  quick: quickPreset,
};

/**
 * A built-in preset by name, or a module path (`./my-sweep.js`) whose default export is a `Preset`.
 * @throws SpecError naming `preset` when neither exists.
 */
export async function loadPreset(nameOrPath: string): Promise<Preset> {
  const builtIn = PRESETS[nameOrPath];
  if (builtIn) return builtIn;
  if (/[\\/]|\.m?js$/.test(nameOrPath)) {
    let loaded: unknown;
    try {
      loaded = ((await import(pathToFileURL(resolve(nameOrPath)).href)) as { default?: unknown }).default;
    } catch (err) {
      throw new SpecError('preset', `cannot load ${nameOrPath}: ${(err as Error).message}`);
    }
    if (!isPreset(loaded)) throw new SpecError('preset', `${nameOrPath} must export default a preset ({ name, description, axes })`);
    return loaded;
  }
  throw new SpecError('preset', `must be one of ${Object.keys(PRESETS).join(', ')} or a path to a preset module; got ${JSON.stringify(nameOrPath)}`);
}

function isPreset(value: unknown): value is Preset {
  const p = value as Partial<Preset> | null;
  return typeof p === 'object' && p !== null && typeof p.name === 'string' && typeof p.axes === 'object' && p.axes !== null;
}
