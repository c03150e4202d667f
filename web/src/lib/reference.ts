/** Reference data (regions, taxonomy, TRL) fetched once per page load and cached. */
import { useEffect, useState } from 'react';
import { api, unwrap } from './api';

export interface Region {
  code: string;
  name: string;
  short?: string;
  level: 'province' | 'city' | 'county';
  parent: string | null;
}
export interface TaxonomyNode {
  code: string;
  name: string;
  nameEn: string;
  children?: TaxonomyNode[];
}
export interface TrlLevel {
  level: number;
  zh: string;
  en: string;
  group: 'low' | 'medium' | 'high';
  questions: { zh: string; en: string }[];
}

const cache = new Map<string, Promise<unknown>>();
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export const loadTaxonomy = () => once('taxonomy', async () => (await unwrap(api.GET('/api/reference/taxonomy'))) as unknown as TaxonomyNode[]);
export const loadTrl = () => once('trl', async () => (await unwrap(api.GET('/api/reference/trl'))) as unknown as TrlLevel[]);
export const loadCities = () =>
  once('cities', async () => (await unwrap(api.GET('/api/reference/regions', { params: { query: { level: 'city', parent: '210000' } } }))) as unknown as Region[]);
export const loadCounties = () =>
  once('counties', async () => (await unwrap(api.GET('/api/reference/regions', { params: { query: { level: 'county' } } }))) as unknown as Region[]);

export function useRef_<T>(load: () => Promise<T>): T | undefined {
  const [v, setV] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    load().then(
      (x) => live && setV(x),
      (e: unknown) => console.warn('reference data failed', e),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return v;
}

export const useTaxonomy = () => useRef_(loadTaxonomy);
export const useTrl = () => useRef_(loadTrl);
export const useCities = () => useRef_(loadCities);

/** code → node, for showing names of stored taxonomy codes */
export function indexTaxonomy(tree: TaxonomyNode[] | undefined): Map<string, TaxonomyNode> {
  const m = new Map<string, TaxonomyNode>();
  const walk = (ns: TaxonomyNode[] | undefined) => ns?.forEach((n) => (m.set(n.code, n), walk(n.children)));
  walk(tree);
  return m;
}
