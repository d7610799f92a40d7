import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SimianError } from '@simian/core';
import { convertToType } from './configuration.js';

/**
 * Values given on the command line, as `chaos run --var` and `--var-file` give them (chaoslib's
 * `merge_vars`): `configuration` overrides entries of the experiment's configuration by name,
 * `secrets` replaces whole entries of its secrets, and `env` are variables a `.env` file sets for
 * the run.
 */
export interface ExperimentVars {
  configuration: Record<string, unknown>;
  secrets: Record<string, unknown>;
  env: Record<string, string>;
}

export const emptyVars = (): ExperimentVars => ({ configuration: {}, secrets: {}, env: {} });

/**
 * `--var name[:type]=value` (chaoslib's `convert_vars`): a configuration value, a string unless a
 * type (`int`, `float`, `bool`, `json`, `str`, `bytes`) follows the name.
 */
export function parseVar(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new SimianError('INPUT_INVALID', `--var "${text}" must be name[:type]=value`, {
      hint: 'for example --var replicas:int=3 or --var base_url=http://127.0.0.1:8080',
    });
  }
  let name = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  const colon = name.lastIndexOf(':');
  if (colon < 0) return [name, raw];
  const type = name.slice(colon + 1);
  name = name.slice(0, colon);
  try {
    return [name, convertToType(type, raw)];
  } catch (e) {
    throw new SimianError('INPUT_INVALID', `--var ${text}: ${(e as Error).message}`);
  }
}

/**
 * A `--var-file`: JSON or YAML (`.json`, `.yaml`, `.yml`) with `configuration:` and `secrets:`
 * mappings, or any other file read as `.env` lines (`NAME=value`, `#` comments).
 */
export function readVarFile(file: string): ExperimentVars {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SimianError(
      'CONFIG_NOT_FOUND',
      `cannot read --var-file ${file}: ${(e as Error).message}`,
    );
  }
  const vars = emptyVars();
  const ext = extname(file).toLowerCase();
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    let data: unknown;
    try {
      data = ext === '.json' ? JSON.parse(text) : parseYaml(text);
    } catch (e) {
      throw new SimianError(
        'INPUT_INVALID',
        `--var-file ${file} is not valid ${ext.slice(1)}: ${(e as Error).message}`,
      );
    }
    const doc = (data ?? {}) as Record<string, unknown>;
    for (const key of ['configuration', 'secrets'] as const) {
      const value = doc[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new SimianError('INPUT_INVALID', `--var-file ${file}: ${key} must be a mapping`);
      }
      vars[key] = value as Record<string, unknown>;
    }
    return vars;
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      throw new SimianError('INPUT_INVALID', `--var-file ${file}:${i + 1}: expected NAME=value`);
    }
    vars.env[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1);
  });
  return vars;
}

/** Var files in order (later ones win), then `--var`s, which win over every file. */
export function mergeVars(files: string[], vars: string[]): ExperimentVars {
  const merged = emptyVars();
  for (const file of files) {
    const read = readVarFile(file);
    Object.assign(merged.configuration, read.configuration);
    Object.assign(merged.secrets, read.secrets);
    Object.assign(merged.env, read.env);
  }
  for (const text of vars) {
    const [name, value] = parseVar(text);
    merged.configuration[name] = value;
  }
  return merged;
}
