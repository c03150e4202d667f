/**
 * JSON Schema (TypeBox) → fast-check arbitraries: `validArb` builds values the route's schema accepts (for the
 * authorization matrix, so a role check is reached instead of a 400), `hostileArb` builds the fuzzer's payloads.
 */
import fc from 'fast-check';

type S = Record<string, any>;

function strArb(s: S): fc.Arbitrary<string> {
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc.stringMatching(re).filter((v) => (s.minLength === undefined || v.length >= s.minLength) && (s.maxLength === undefined || v.length <= s.maxLength) && re.test(v));
  }
  switch (s.format) {
    case 'email':
      return fc.constant('fuzz@example.cn');
    case 'date':
      return fc.constantFrom('2026-11-27', '2026-12-31', '2027-03-01');
    case 'date-time':
      return fc.constant('2026-11-27T02:00:00.000Z');
    case 'uuid':
      return fc.uuid();
    case 'uri':
      return fc.constant('https://example.cn/x');
  }
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? Math.max(min, 12), Math.max(min, 40));
  return fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'测试数据成果需求abcXYZ0123 '.split('')) }).map((v) => (v.trim().length < min ? 'x'.repeat(min) : v));
}

function numArb(s: S, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.001) : 0);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 0.001) : Math.max(lo, 100));
  return integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values that the schema accepts (best effort: patterns via stringMatching, required properties only sometimes optional ones). */
export function validArb(s: S | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 8) return fc.constant(undefined);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.default !== undefined && depth > 0 && !s.type && !s.anyOf) return fc.constant(s.default);
  if (s.anyOf || s.oneOf) {
    const opts = (s.anyOf ?? s.oneOf) as S[];
    const nonNull = opts.filter((o) => o.type !== 'null');
    return fc.oneof(...(nonNull.length ? nonNull : opts).map((o) => validArb(o, depth + 1)));
  }
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return strArb(s);
    case 'integer':
      return numArb(s, true);
    case 'number':
      return numArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minItems = s.minItems ?? 0;
      return fc.array(validArb(s.items, depth + 1), { minLength: minItems, maxLength: Math.max(minItems, Math.min(s.maxItems ?? 2, 2)) });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, S>;
      const required = new Set<string>(s.required ?? []);
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) if (required.has(k)) rec[k] = validArb(v, depth + 1);
      return fc.record(rec);
    }
  }
  return fc.constant({});
}

/** One valid value, deterministic for a given seed (null when the generator cannot satisfy the schema). */
export function sampleValid(s: S | undefined, seed = 42): unknown {
  try {
    return fc.sample(validArb(s), { numRuns: 1, seed })[0];
  } catch {
    return undefined;
  }
}

// ——— hostile values ———

export const INJECTIONS = [
  "' OR '1'='1", "'; DROP TABLE users; --", '" OR ""="', '1; SELECT pg_sleep(5)--', "admin'--", '%', '_', '\\', "\\'; --",
  '<script>window.__xss=1</script>', '<img src=x onerror=window.__xss=1>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', '__proto__', 'constructor',
  '../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd\u0000.png', 'CON', '.', '..',
  '\u0000', '\ud800', '\udfff', 'a\ud83d', '\u202e\u202d', '\uFEFF', '𝕏'.repeat(50), '🙂'.repeat(100),
  'NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '1_000', ' 1 ', '', ' ', '9'.repeat(400), '1.7976931348623157e+309', 'null', 'undefined', 'true',
];

export const EXTREME_NUMBERS = [0, -1, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 0.1 + 0.2, 1e-320, 123456789.123456789];

export function hugeString(bytes = 1_000_000): string {
  return 'A'.repeat(bytes);
}

/** `depth` nested arrays or objects, built iteratively (JSON.stringify handles 10k levels; recursion in code may not). */
export function deepJson(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { $ne: null }, { __proto__: { admin: true } }, ['a', 1, null]),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** A body for the schema where some fields keep valid values and others get hostile ones (wrong types, injections …). */
export function hostileArb(s: S | undefined): fc.Arbitrary<unknown> {
  const props = (s?.properties ?? {}) as Record<string, S>;
  const keys = Object.keys(props);
  if (!keys.length) return fc.oneof(hostileScalar, fc.dictionary(fc.constantFrom('id', 'name', 'title', '__proto__', 'constructor', 'x'), hostileScalar, { maxKeys: 3 }));
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) rec[k] = fc.oneof({ weight: 2, arbitrary: validArb(props[k], 1) }, { weight: 3, arbitrary: hostileScalar }, { weight: 1, arbitrary: fc.constant(undefined) });
  return fc.oneof({ weight: 8, arbitrary: fc.record(rec) }, { weight: 1, arbitrary: hostileScalar });
}

/** Random path parameter values: ids that do not exist, traversal, injections, huge ones. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('0', '-1', '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc%2Fpasswd', '%00', "1' OR '1'='1", '%E0%A4%A', '%ED%A0%80', 'x'.repeat(300), 'NaN', '1e309', '%F0%9F%99%82'),
  fc.string({ minLength: 1, maxLength: 20 }).map((v) => encodeURIComponent(v)),
);
