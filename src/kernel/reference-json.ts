import { readFileSync } from 'node:fs';

const cache = new Map<string, unknown>();

/**
 * Reads a shipped reference file (data/reference/<name>) once and validates it with the module's pure parser;
 * a bad file fails at first use with the parser's list of problems.
 */
export function referenceJson<T>(name: string, parse: (json: unknown) => T): T {
  if (!cache.has(name)) cache.set(name, parse(JSON.parse(readFileSync(new URL(`../../data/reference/${name}`, import.meta.url), 'utf8'))));
  return cache.get(name) as T;
}
