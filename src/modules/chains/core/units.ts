/**
 * Units for technical parameters: every unit converts to its dimension's base unit as value × factor + offset
 * (data/reference/units.json). Differences (tolerances) convert with the factor only, so ±2 ℃ is ±2 K. Pure.
 */
export interface UnitDef {
  factor: number;
  offset?: number;
  aliases?: string[];
}

export interface UnitTable {
  dimensions: Record<string, { base: string; units: Record<string, UnitDef> }>;
}

export interface ResolvedUnit {
  unit: string; // canonical spelling
  dimension: string;
  factor: number;
  offset: number;
}

export interface UnitIndex {
  resolve(unit: string): ResolvedUnit | null;
}

const squash = (u: string) => u.normalize('NFKC').replace(/\s+/g, ''); // NFKC also maps the micro sign µ to μ

/** Builds a lookup by canonical name and alias; exact spelling first, then a case-insensitive match if unambiguous. */
export function buildUnitIndex(table: UnitTable): UnitIndex {
  const exact = new Map<string, ResolvedUnit>();
  const folded = new Map<string, ResolvedUnit | null>();
  for (const [dimension, d] of Object.entries(table.dimensions)) {
    for (const [unit, def] of Object.entries(d.units)) {
      const r: ResolvedUnit = { unit, dimension, factor: def.factor, offset: def.offset ?? 0 };
      for (const name of [unit, ...(def.aliases ?? [])]) {
        const key = squash(name);
        if (exact.has(key) && exact.get(key)!.unit !== unit) throw new Error(`units: ${name} names two units`);
        exact.set(key, r);
        const f = key.toLowerCase();
        folded.set(f, folded.has(f) && folded.get(f)?.unit !== unit ? null : r);
      }
    }
  }
  return {
    resolve(unit: string) {
      const key = squash(unit);
      return exact.get(key) ?? folded.get(key.toLowerCase()) ?? null;
    },
  };
}

export function toBase(value: number, u: ResolvedUnit): number {
  return value * u.factor + u.offset;
}

/** A value converted between two units of one dimension; null when either is unknown or the dimensions differ. */
export function convert(value: number, from: string, to: string, idx: UnitIndex, opts: { difference?: boolean } = {}): number | null {
  const a = idx.resolve(from);
  const b = idx.resolve(to);
  if (!a || !b || a.dimension !== b.dimension) return null;
  if (opts.difference) return (value * a.factor) / b.factor;
  return (value * a.factor + a.offset - b.offset) / b.factor;
}
