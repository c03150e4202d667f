/**
 * "双随机、一公开" random inspections: random targets per risk class, random inspectors per target, published
 * results. The draw is a pure function of its input (seed + pools + settings), so anyone holding the published
 * record can re-run it (`verifyDraw`).
 *
 * Procedure (algorithm `cyrb128+sfc32/v1`, see prng.ts), all from one random stream seeded by `seed`:
 * 1. Targets are sorted by orgId and inspectors by id (UTF-16 code-unit order, locale-independent), so input
 *    order never matters.
 * 2. For each class in the order A, B, C, D: the eligible pool is the class's targets — only those with
 *    `hasCause` when the class is in `causeOnlyClasses` (default A: A is not inspected without cause). The sample
 *    size is ratio × eligible pool size, rounded per `sampleRounding` (default 'ceil': any non-empty pool with a
 *    ratio above 0 yields at least one; 'round' is half-up). The sample is a partial Fisher–Yates shuffle of the
 *    sorted pool: for i = 0 … size−1 swap position i with i + nextInt(n − i).
 * 3. Then for each selected target, in selection order: eligible inspectors are those not from the target
 *    organisation and who did not inspect it last time (`lastInspected`); `inspectorsPerTarget` are drawn by the
 *    same partial Fisher–Yates. Too few eligible inspectors → NOT_ENOUGH_INSPECTORS (no partial draw).
 * 4. `digest` = SHA-256 (hex) of the canonical JSON (keys sorted, no spaces) of {algorithm, input, result}.
 */
import { createHash } from 'node:crypto';
import { CreditRuleError } from './errors.js';
import { RISK_CLASSES, type CreditParams, type RiskClass, type SampleRounding } from './params.js';
import { PRNG_ALGORITHM, seededRandom, type SeededRandom } from './prng.js';

export interface DrawTarget {
  readonly orgId: string;
  readonly class: RiskClass;
  /** GB/T 2260 region code, e.g. '210100' */
  readonly regionCode: string;
  readonly industry: string;
  /** a complaint, referral or lead gives cause to inspect (needed for classes in causeOnlyClasses) */
  readonly hasCause?: boolean;
}

export interface DrawInspector {
  readonly id: string;
  /** the organisation the inspector belongs to; never inspects it */
  readonly orgId: string;
  /** targets this inspector inspected in the previous round; never inspects them again back to back */
  readonly lastInspected: readonly string[];
}

export interface DrawSettings {
  /** yearly sampling ratio per class, basis points */
  readonly ratios: Readonly<Record<RiskClass, number>>;
  readonly inspectorsPerTarget: number;
  readonly causeOnlyClasses: readonly RiskClass[];
  readonly sampleRounding: SampleRounding;
}

export interface DrawInput extends DrawSettings {
  /** published before the pools are fixed (e.g. a public lottery result or a notarised string) */
  readonly seed: string;
  readonly targets: readonly DrawTarget[];
  readonly inspectors: readonly DrawInspector[];
}

export interface DrawStratum {
  readonly class: RiskClass;
  readonly poolSize: number;
  readonly eligibleSize: number;
  readonly ratioBp: number;
  readonly sampleSize: number;
}

export interface DrawSelection {
  readonly orgId: string;
  readonly class: RiskClass;
  readonly regionCode: string;
  readonly industry: string;
  readonly hasCause: boolean;
  readonly inspectorIds: readonly string[];
}

export interface DrawResult {
  readonly strata: readonly DrawStratum[];
  /** in draw order: class A first, then B, C, D; within a class in the order drawn */
  readonly selections: readonly DrawSelection[];
}

export interface InspectionDraw {
  readonly algorithm: string;
  /** the input in canonical form (sorted pools, explicit hasCause) — what gets published and verified */
  readonly input: DrawInput;
  readonly result: DrawResult;
  readonly digest: string;
}

/** The draw settings from the shipped defaults, to spread into a DrawInput. */
export function inspectionDrawSettings(params: CreditParams): DrawSettings {
  const i = params.inspection;
  return { ratios: { ...i.ratiosBp }, inspectorsPerTarget: i.inspectorsPerTarget, causeOnlyClasses: [...i.causeOnlyClasses], sampleRounding: i.sampleRounding };
}

/** ratio (bp) × n, rounded as configured, with integer arithmetic only. */
export function sampleSize(n: number, ratioBp: number, rounding: SampleRounding): number {
  const product = n * ratioBp;
  const q = Math.floor(product / 10_000);
  const r = product % 10_000;
  if (rounding === 'floor') return q;
  if (rounding === 'round') return q + (2 * r >= 10_000 ? 1 : 0);
  return q + (r > 0 ? 1 : 0);
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted at every level and no whitespace; undefined members are dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: 'non-finite number' });
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(byCodeUnits);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: `unsupported value ${typeof value}` });
}

function canonicalInput(input: DrawInput): DrawInput {
  if (typeof input?.seed !== 'string' || input.seed.length === 0) throw new CreditRuleError('SEED_REQUIRED');
  for (const c of RISK_CLASSES) {
    const r = input.ratios?.[c];
    if (!Number.isSafeInteger(r) || r < 0 || r > 10_000) throw new CreditRuleError('RATIO_INVALID', { class: c, value: r });
  }
  if (!Number.isSafeInteger(input.inspectorsPerTarget) || input.inspectorsPerTarget < 1) {
    throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: 'inspectorsPerTarget must be a positive integer' });
  }
  if ([input.targets, input.inspectors, input.causeOnlyClasses].some((a: unknown) => !Array.isArray(a))) {
    throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: 'targets, inspectors and causeOnlyClasses must be arrays' });
  }
  if (!['ceil', 'round', 'floor'].includes(input.sampleRounding)) {
    throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: 'sampleRounding must be ceil, round or floor' });
  }
  const targets = input.targets
    .map((t) => ({ orgId: t.orgId, class: t.class, regionCode: t.regionCode, industry: t.industry, hasCause: t.hasCause === true }))
    .sort((a, b) => byCodeUnits(a.orgId, b.orgId));
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (!t.orgId || typeof t.regionCode !== 'string' || typeof t.industry !== 'string') {
      throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: `target ${t.orgId || '(no orgId)'} needs orgId, regionCode and industry` });
    }
    if (!RISK_CLASSES.includes(targets[i].class)) throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: `unknown class for ${targets[i].orgId}` });
    if (i > 0 && targets[i].orgId === targets[i - 1].orgId) throw new CreditRuleError('DUPLICATE_TARGET', { orgId: targets[i].orgId });
  }
  const inspectors = input.inspectors
    .map((p) => ({ id: p.id, orgId: p.orgId, lastInspected: [...new Set(p.lastInspected ?? [])].sort(byCodeUnits) }))
    .sort((a, b) => byCodeUnits(a.id, b.id));
  for (let i = 0; i < inspectors.length; i++) {
    if (!inspectors[i].id || !inspectors[i].orgId) throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: 'inspector without id or orgId' });
    if (i > 0 && inspectors[i].id === inspectors[i - 1].id) throw new CreditRuleError('DUPLICATE_INSPECTOR', { id: inspectors[i].id });
  }
  const causeOnlyClasses = RISK_CLASSES.filter((c) => input.causeOnlyClasses.includes(c));
  const ratios = { A: input.ratios.A, B: input.ratios.B, C: input.ratios.C, D: input.ratios.D };
  return { seed: input.seed, targets, inspectors, ratios, inspectorsPerTarget: input.inspectorsPerTarget, causeOnlyClasses, sampleRounding: input.sampleRounding };
}

function partialShuffle<T>(items: readonly T[], k: number, rng: SeededRandom): T[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

/** True when the inspector must not inspect the target. */
export function inspectorConflicts(inspector: DrawInspector, targetOrgId: string): boolean {
  return inspector.orgId === targetOrgId || inspector.lastInspected.includes(targetOrgId);
}

function run(input: DrawInput): DrawResult {
  const rng = seededRandom(input.seed);
  const strata: DrawStratum[] = [];
  const chosen: DrawTarget[] = [];
  for (const c of RISK_CLASSES) {
    const pool = input.targets.filter((t) => t.class === c);
    const eligible = input.causeOnlyClasses.includes(c) ? pool.filter((t) => t.hasCause) : pool;
    const size = sampleSize(eligible.length, input.ratios[c], input.sampleRounding);
    strata.push({ class: c, poolSize: pool.length, eligibleSize: eligible.length, ratioBp: input.ratios[c], sampleSize: size });
    chosen.push(...partialShuffle(eligible, size, rng));
  }
  const selections = chosen.map((t): DrawSelection => {
    const eligible = input.inspectors.filter((p) => !inspectorConflicts(p, t.orgId));
    if (eligible.length < input.inspectorsPerTarget) {
      throw new CreditRuleError('NOT_ENOUGH_INSPECTORS', { orgId: t.orgId, needed: input.inspectorsPerTarget, eligible: eligible.length });
    }
    const inspectorIds = partialShuffle(eligible, input.inspectorsPerTarget, rng).map((p) => p.id);
    return { orgId: t.orgId, class: t.class, regionCode: t.regionCode, industry: t.industry, hasCause: t.hasCause === true, inspectorIds };
  });
  return { strata, selections };
}

function digestOf(algorithm: string, input: DrawInput, result: DrawResult): string {
  return createHash('sha256').update(canonicalJson({ algorithm, input, result }), 'utf8').digest('hex');
}

/** Draws targets and inspectors; same seed, pools and settings → the same draw and digest. */
export function drawInspection(input: DrawInput): InspectionDraw {
  const canonical = canonicalInput(input);
  const result = run(canonical);
  return { algorithm: PRNG_ALGORITHM, input: canonical, result, digest: digestOf(PRNG_ALGORITHM, canonical, result) };
}

export interface DrawVerification {
  readonly ok: boolean;
  /** human-readable differences, e.g. 'selections[3].orgId: recorded "x", re-run "y"' */
  readonly mismatches: readonly string[];
}

/**
 * Re-runs a recorded draw from its recorded input and compares: the digest over the record as stored (catches an
 * edited record), and the re-run result against the recorded one (catches a draw that was not made fairly).
 */
export function verifyDraw(recorded: InspectionDraw): DrawVerification {
  const mismatches: string[] = [];
  if (!recorded || typeof recorded !== 'object' || !recorded.input || !recorded.result) {
    throw new CreditRuleError('DRAW_RECORD_INVALID', { reason: 'input and result are required' });
  }
  if (recorded.algorithm !== PRNG_ALGORITHM) {
    return { ok: false, mismatches: [`algorithm: recorded ${JSON.stringify(recorded.algorithm)}, supported ${JSON.stringify(PRNG_ALGORITHM)}`] };
  }
  let canonical: DrawInput;
  let rerun: DrawResult;
  try {
    canonical = canonicalInput(recorded.input);
    rerun = run(canonical);
  } catch (e) {
    const code = e instanceof CreditRuleError ? e.code : String(e);
    return { ok: false, mismatches: [`re-run failed: ${code}`] };
  }
  const storedDigest = digestOf(recorded.algorithm, canonical, recorded.result);
  if (storedDigest !== recorded.digest) mismatches.push(`digest: recorded ${recorded.digest}, computed over the record ${storedDigest}`);

  const cmp = (path: string, a: unknown, b: unknown): void => {
    const ja = canonicalJson(a ?? null);
    const jb = canonicalJson(b ?? null);
    if (ja !== jb) mismatches.push(`${path}: recorded ${ja}, re-run ${jb}`);
  };
  const rs = recorded.result.strata ?? [];
  rerun.strata.forEach((s, i) => cmp(`strata[${i}]`, rs[i], s));
  const rsel = recorded.result.selections ?? [];
  if (rsel.length !== rerun.selections.length) mismatches.push(`selections.length: recorded ${rsel.length}, re-run ${rerun.selections.length}`);
  for (let i = 0; i < Math.max(rsel.length, rerun.selections.length); i++) {
    const a = rsel[i];
    const b = rerun.selections[i];
    if (!a || !b) continue;
    cmp(`selections[${i}].orgId`, a.orgId, b.orgId);
    cmp(`selections[${i}].inspectorIds`, a.inspectorIds, b.inspectorIds);
    if (a.orgId === b.orgId) {
      cmp(`selections[${i}].class`, a.class, b.class);
      cmp(`selections[${i}].regionCode`, a.regionCode, b.regionCode);
      cmp(`selections[${i}].industry`, a.industry, b.industry);
      cmp(`selections[${i}].hasCause`, a.hasCause, b.hasCause);
    }
  }
  return { ok: mismatches.length === 0, mismatches };
}
