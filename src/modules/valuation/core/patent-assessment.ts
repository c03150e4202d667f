/**
 * Pre-filing patent assessment (专利申请前评估) for institutions: should this result be filed as an invention patent,
 * as a utility model, kept as know-how (技术秘密), or not protected at all? Answers score points; thresholds decide.
 * Points and thresholds come from data/reference/patent-assessment.json ({@link parsePatentAssessmentParams}).
 *
 * Decision, in order:
 * 1. identical prior art found → do_not_file (no novelty; the subject matter is already public).
 * 2. score = novelty + market size + claim breadth + commercial signals (capped) + cost penalty.
 * 3. infringement hard to detect (a process used inside a factory) and preferKnowHowWhenUndetectable →
 *    keep_as_know_how when score ≥ knowHow, else do_not_file.
 * 4. score ≥ invention → file_invention.
 * 5. score ≥ utility and the subject is a product's shape or structure → file_utility (实用新型 covers nothing else).
 * 6. score ≥ knowHow → keep_as_know_how; else do_not_file.
 */

export type NoveltySearchResult = 'none' | 'similar' | 'identical';
export type MarketSizeBand = 'small' | 'medium' | 'large';
export type ClaimBreadth = 'narrow' | 'medium' | 'broad';
export type PatentRecommendation = 'file_invention' | 'file_utility' | 'keep_as_know_how' | 'do_not_file';

export interface PatentAssessmentInput {
  /** Outcome of the novelty search (查新检索): no close prior art, similar art, identical art. */
  readonly noveltySearch: NoveltySearchResult;
  readonly marketSize: MarketSizeBand;
  /** How broad the claims could be drafted. */
  readonly claimBreadth: ClaimBreadth;
  readonly signals: {
    /** Enterprises that asked about the result. */
    readonly enterpriseInquiries: number;
    /** Letters of intent (意向书) received. */
    readonly lettersOfIntent: number;
    /** A concrete licensee or buyer has been identified. */
    readonly licenseeIdentified: boolean;
  };
  /** Estimated cost of filing, prosecution and maintenance over the planned years, fen. */
  readonly estimatedCostFen: number;
  /** The subject is a product's shape or structure (can be a utility model). */
  readonly productStructure: boolean;
  /** Can another party's use be detected (e.g. by examining their product)? false for a process used in-house. */
  readonly infringementDetectable: boolean;
}

export interface PatentAssessmentParams {
  readonly noveltyPoints: Readonly<Record<'none' | 'similar', number>>;
  readonly marketSizeBands: readonly { readonly band: MarketSizeBand; readonly zh: string; readonly en: string; readonly points: number }[];
  readonly claimBreadthPoints: Readonly<Record<ClaimBreadth, number>>;
  readonly commercialSignals: {
    readonly perInquiry: number;
    readonly maxInquiries: number;
    readonly perLetterOfIntent: number;
    readonly licenseeIdentified: number;
    readonly cap: number;
  };
  /** The largest matching penalty applies (cost strictly above aboveFen). */
  readonly costPenalty: readonly { readonly aboveFen: number; readonly points: number }[];
  readonly thresholds: { readonly invention: number; readonly utility: number; readonly knowHow: number };
  readonly preferKnowHowWhenUndetectable: boolean;
}

/** Validates patent-assessment.json; throws one Error listing every problem. */
export function parsePatentAssessmentParams(json: unknown): PatentAssessmentParams {
  const problems: string[] = [];
  const root = (json ?? {}) as Record<string, unknown>;
  const obj = (v: unknown) => (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const int = (v: unknown, name: string) => {
    if (!Number.isSafeInteger(v)) problems.push(`${name} must be an integer`);
    return v as number;
  };
  const np = obj(root.noveltyPoints);
  const noveltyPoints = { none: int(np.none, 'noveltyPoints.none'), similar: int(np.similar, 'noveltyPoints.similar') };
  const bands = (Array.isArray(root.marketSizeBands) ? root.marketSizeBands : []) as Record<string, unknown>[];
  for (const b of ['small', 'medium', 'large']) {
    if (bands.filter((x) => x?.band === b).length !== 1) problems.push(`marketSizeBands must list "${b}" once`);
  }
  const marketSizeBands = bands.map((b, i) => ({
    band: b.band as MarketSizeBand,
    zh: String(b.zh ?? b.band),
    en: String(b.en ?? b.band),
    points: int(b.points, `marketSizeBands[${i}].points`),
  }));
  const cb = obj(root.claimBreadthPoints);
  const claimBreadthPoints = {
    narrow: int(cb.narrow, 'claimBreadthPoints.narrow'),
    medium: int(cb.medium, 'claimBreadthPoints.medium'),
    broad: int(cb.broad, 'claimBreadthPoints.broad'),
  };
  const cs = obj(root.commercialSignals);
  const commercialSignals = {
    perInquiry: int(cs.perInquiry, 'commercialSignals.perInquiry'),
    maxInquiries: int(cs.maxInquiries, 'commercialSignals.maxInquiries'),
    perLetterOfIntent: int(cs.perLetterOfIntent, 'commercialSignals.perLetterOfIntent'),
    licenseeIdentified: int(cs.licenseeIdentified, 'commercialSignals.licenseeIdentified'),
    cap: int(cs.cap, 'commercialSignals.cap'),
  };
  const costPenalty = ((Array.isArray(root.costPenalty) ? root.costPenalty : []) as Record<string, unknown>[]).map((c, i) => {
    if (!Number.isSafeInteger(c.aboveFen) || (c.aboveFen as number) < 0) problems.push(`costPenalty[${i}].aboveFen must be integer fen`);
    return { aboveFen: c.aboveFen as number, points: int(c.points, `costPenalty[${i}].points`) };
  });
  const th = obj(root.thresholds);
  const thresholds = {
    invention: int(th.invention, 'thresholds.invention'),
    utility: int(th.utility, 'thresholds.utility'),
    knowHow: int(th.knowHow, 'thresholds.knowHow'),
  };
  if (!(thresholds.invention >= thresholds.utility && thresholds.utility >= thresholds.knowHow)) {
    problems.push('thresholds must satisfy invention ≥ utility ≥ knowHow');
  }
  if (typeof root.preferKnowHowWhenUndetectable !== 'boolean') problems.push('preferKnowHowWhenUndetectable must be true or false');
  if (problems.length) throw new Error(`patent-assessment params invalid:\n- ${problems.join('\n- ')}`);
  return {
    noveltyPoints,
    marketSizeBands,
    claimBreadthPoints,
    commercialSignals,
    costPenalty,
    thresholds,
    preferKnowHowWhenUndetectable: root.preferKnowHowWhenUndetectable as boolean,
  };
}

export interface AssessmentReason {
  readonly code: string;
  /** Points this factor added (absent for decision reasons). */
  readonly points?: number;
  readonly zh: string;
  readonly en: string;
}

export interface PatentAssessment {
  readonly recommendation: PatentRecommendation;
  /** null when the assessment stopped at identical prior art. */
  readonly score: number | null;
  /** The factors first (with points), then the reasons for the decision. */
  readonly reasons: readonly AssessmentReason[];
}

const LABEL: Record<PatentRecommendation, { zh: string; en: string }> = {
  file_invention: { zh: '申请发明专利', en: 'File an invention patent' },
  file_utility: { zh: '申请实用新型专利', en: 'File a utility model' },
  keep_as_know_how: { zh: '作为技术秘密保护', en: 'Keep as know-how' },
  do_not_file: { zh: '暂不申请', en: 'Do not file' },
};

export function recommendationLabel(r: PatentRecommendation): { zh: string; en: string } {
  return LABEL[r];
}

export function assessPatentFiling(input: PatentAssessmentInput, params: PatentAssessmentParams): PatentAssessment {
  const nonNegInt = (v: number) => Number.isSafeInteger(v) && v >= 0;
  if (!nonNegInt(input.signals.enterpriseInquiries) || !nonNegInt(input.signals.lettersOfIntent) || !nonNegInt(input.estimatedCostFen)) {
    throw new RangeError('signal counts and estimatedCostFen must be non-negative integers');
  }
  if (input.noveltySearch === 'identical') {
    return {
      recommendation: 'do_not_file',
      score: null,
      reasons: [
        {
          code: 'NOVELTY_DESTROYED',
          zh: '查新发现相同的现有技术，不具备新颖性，无法获得专利保护，且该技术已公开，也无法作为技术秘密保护。',
          en: 'The novelty search found identical prior art: no patent can be granted, and the public art cannot be kept secret either.',
        },
      ],
    };
  }
  const reasons: AssessmentReason[] = [];
  const factor = (code: string, points: number, zh: string, en: string) => reasons.push({ code, points, zh, en });

  const nov = params.noveltyPoints[input.noveltySearch];
  factor(
    'NOVELTY',
    nov,
    input.noveltySearch === 'none' ? '查新未发现相近的现有技术' : '查新发现相近的现有技术，授权前景和保护范围受影响',
    input.noveltySearch === 'none' ? 'No close prior art found' : 'Similar prior art found: grant prospects and scope suffer',
  );
  const band = params.marketSizeBands.find((b) => b.band === input.marketSize);
  if (!band) throw new RangeError(`unknown market size band ${input.marketSize}`);
  factor('MARKET_SIZE', band.points, `市场规模：${band.zh}`, `Market size: ${band.en}`);
  const breadth = params.claimBreadthPoints[input.claimBreadth];
  factor('CLAIM_BREADTH', breadth, `可撰写的权利要求范围：${{ narrow: '窄', medium: '中', broad: '宽' }[input.claimBreadth]}`, `Claim breadth: ${input.claimBreadth}`);
  const cs = params.commercialSignals;
  const s = input.signals;
  const signalPoints = Math.min(
    cs.cap,
    Math.min(s.enterpriseInquiries, cs.maxInquiries) * cs.perInquiry + s.lettersOfIntent * cs.perLetterOfIntent + (s.licenseeIdentified ? cs.licenseeIdentified : 0),
  );
  factor(
    'COMMERCIAL_SIGNALS',
    signalPoints,
    `市场信号：企业咨询 ${s.enterpriseInquiries} 家、意向书 ${s.lettersOfIntent} 份${s.licenseeIdentified ? '、已有明确受让/被许可方' : ''}`,
    `Commercial signals: ${s.enterpriseInquiries} enquiries, ${s.lettersOfIntent} letters of intent${s.licenseeIdentified ? ', a licensee identified' : ''}`,
  );
  const penalty = params.costPenalty.filter((c) => input.estimatedCostFen > c.aboveFen).reduce((m, c) => Math.min(m, c.points), 0);
  if (penalty !== 0) {
    factor('COST', penalty, `预计申请及维持费用较高（${(input.estimatedCostFen / 1_000_000).toFixed(2)} 万元）`, `High expected filing and upkeep cost (${(input.estimatedCostFen / 100).toFixed(2)} CNY)`);
  }
  const score = reasons.reduce((a, r) => a + (r.points ?? 0), 0);
  const t = params.thresholds;
  const decide = (recommendation: PatentRecommendation, code: string, zh: string, en: string): PatentAssessment => ({
    recommendation,
    score,
    reasons: [...reasons, { code, zh, en }],
  });

  if (!input.infringementDetectable && params.preferKnowHowWhenUndetectable) {
    return score >= t.knowHow
      ? decide('keep_as_know_how', 'INFRINGEMENT_HARD_TO_DETECT', `他人实施难以发现和举证（如厂内工艺），公开专利弊大于利，宜作为技术秘密保护（得分 ${score} ≥ ${t.knowHow}）。`, `Others' use would be hard to detect or prove (e.g. an in-house process); disclosing it in a patent does more harm than good — keep it as know-how (score ${score} ≥ ${t.knowHow}).`)
      : decide('do_not_file', 'VALUE_TOO_LOW', `得分 ${score} 低于技术秘密保护阈值 ${t.knowHow}，暂不值得投入保护。`, `Score ${score} is below the know-how threshold ${t.knowHow}: not worth protecting for now.`);
  }
  if (score >= t.invention) {
    return decide('file_invention', 'SCORE_INVENTION', `得分 ${score} ≥ 发明专利阈值 ${t.invention}：新颖性、市场和权利要求范围支持申请发明专利。`, `Score ${score} ≥ invention threshold ${t.invention}: novelty, market and claim scope justify an invention patent.`);
  }
  if (score >= t.utility && input.productStructure) {
    return decide('file_utility', 'SCORE_UTILITY', `得分 ${score} 达到实用新型阈值 ${t.utility}，且保护对象为产品形状/构造，可快速获得实用新型保护。`, `Score ${score} reaches the utility-model threshold ${t.utility} and the subject is a product's shape or structure: a utility model gives quick protection.`);
  }
  if (score >= t.knowHow) {
    const zh = score >= t.utility ? '保护对象不是产品形状/构造，不能申请实用新型；价值尚不足以申请发明专利，' : '';
    const en = score >= t.utility ? 'The subject is not a product shape or structure, so no utility model; the value does not yet justify an invention patent; ' : '';
    return decide('keep_as_know_how', 'SCORE_KNOW_HOW', `${zh}得分 ${score} ≥ ${t.knowHow}：先作为技术秘密保护，待市场信号增强后再评估。`, `${en}score ${score} ≥ ${t.knowHow}: keep it as know-how and reassess when commercial signals strengthen.`);
  }
  return decide('do_not_file', 'VALUE_TOO_LOW', `得分 ${score} 低于阈值 ${t.knowHow}，暂不值得投入申请费用。`, `Score ${score} is below the threshold ${t.knowHow}: not worth the filing cost for now.`);
}
