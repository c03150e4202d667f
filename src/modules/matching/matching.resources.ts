/**
 * Reads the matching reference data shipped in `data/reference/matching/` (the only I/O around the
 * pure core). Pass the result to `createAnalyzer(resources)`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzerResources } from './core/index.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository default: <repo>/data/reference/matching (this file is <repo>/src/modules/matching/). */
export const DEFAULT_MATCHING_RESOURCE_DIR = resolve(here, '../../../data/reference/matching');

export function loadMatchingResources(dir: string = DEFAULT_MATCHING_RESOURCE_DIR): AnalyzerResources {
  const read = (name: string) => readFileSync(join(dir, name));
  const stop = join(dir, 'stopwords.txt');
  return {
    dictionary: read('dictionary.txt'),
    thesaurus: read('thesaurus.txt'),
    genericWords: read('generic-words.txt'),
    stopWords: existsSync(stop) ? readFileSync(stop) : undefined,
  };
}
