/**
 * Transformation modes (转化模式) recommended by technology maturity (TRL, GB/T 22900-2022), from the policy text
 * (docs/domain.md §3): high maturity sells or licenses, medium maturity needs joint work and usually a pilot base,
 * low maturity needs long-term joint research.
 */

export type TransformationMode =
  | 'transfer'
  | 'license'
  | 'co_development'
  | 'commissioned'
  | 'equity'
  | 'incubation'
  | 'service'
  | 'joint_lab'
  | 'joint_centre'
  | 'strategic';

export type MaturityGroup = 'low' | 'medium' | 'high';

export interface ModeRecommendation {
  readonly mode: TransformationMode;
  readonly zh: string;
  readonly en: string;
  readonly reasonZh: string;
  readonly reasonEn: string;
}

export interface ModeAdvice {
  readonly trl: number | null;
  readonly group: MaturityGroup | null;
  /** Modes in the order to present them; empty when the TRL is unknown. */
  readonly modes: readonly ModeRecommendation[];
  /** Medium maturity usually needs 中试 (a pilot base) before an enterprise takes it on. */
  readonly needsPilotBase: boolean;
  /** true when the TRL is unknown: self-assess first. */
  readonly selfAssessFirst: boolean;
  readonly adviceZh: string;
  readonly adviceEn: string;
}

export interface ModeTableRow {
  readonly group: MaturityGroup;
  readonly minTrl: number;
  readonly maxTrl: number;
  readonly needsPilotBase: boolean;
  readonly adviceZh: string;
  readonly adviceEn: string;
  readonly modes: readonly ModeRecommendation[];
}

/** The policy table (docs/domain.md §3). Pass another table to {@link recommendTransformationModes} to change it. */
export const DEFAULT_MODE_TABLE: readonly ModeTableRow[] = [
  {
    group: 'high',
    minTrl: 7,
    maxTrl: 9,
    needsPilotBase: false,
    adviceZh: '成果成熟度高（TRL 7–9），已在实际环境验证，可直接面向企业交易。',
    adviceEn: 'High maturity (TRL 7–9): proven in a real environment, ready to trade with enterprises.',
    modes: [
      {
        mode: 'equity',
        zh: '现金+股权',
        en: 'Cash plus equity',
        reasonZh: '成果已接近产业化，以部分现金加作价入股分享后续收益，降低企业一次性支付压力。',
        reasonEn: 'Close to industrial use: part cash, part equity shares the upside and eases the buyer’s up-front cost.',
      },
      {
        mode: 'license',
        zh: '技术许可',
        en: 'Licensing',
        reasonZh: '技术可直接实施，许可可按销售提成收费，并可向多家企业许可。',
        reasonEn: 'Ready to implement: a licence can earn running royalties and reach several enterprises.',
      },
      {
        mode: 'co_development',
        zh: '合作开发',
        en: 'Co-development',
        reasonZh: '与企业合作完成产品定型和工艺适配，加快进入市场。',
        reasonEn: 'Finishing the product and fitting it to the enterprise’s process together speeds up market entry.',
      },
      {
        mode: 'incubation',
        zh: '企业培育',
        en: 'Incubating a company',
        reasonZh: '团队和市场条件具备时，可在孵化器中组建企业实施转化。',
        reasonEn: 'Where the team and market allow, found a company in an incubator to carry the technology.',
      },
    ],
  },
  {
    group: 'medium',
    minTrl: 4,
    maxTrl: 6,
    needsPilotBase: true,
    adviceZh: '成果处于原型/小试–中试阶段（TRL 4–6），通常需要中试基地完成工程化验证。',
    adviceEn: 'Prototype to pilot stage (TRL 4–6): usually needs a pilot base to prove it at engineering scale.',
    modes: [
      {
        mode: 'strategic',
        zh: '战略合作',
        en: 'Strategic cooperation',
        reasonZh: '技术尚需工程化投入，与企业建立长期合作分担风险。',
        reasonEn: 'Engineering work remains: a long-term partnership with an enterprise shares the risk.',
      },
      {
        mode: 'joint_centre',
        zh: '共建工程中心',
        en: 'Joint engineering centre',
        reasonZh: '与省内中小企业共建工程（技术）中心，在中试条件下完成放大验证。',
        reasonEn: 'A joint engineering centre with local SMEs scales the technology up under pilot conditions.',
      },
      {
        mode: 'co_development',
        zh: '共同开发',
        en: 'Joint development',
        reasonZh: '围绕企业的具体需求共同开发，使成果贴合应用场景。',
        reasonEn: 'Developing against a concrete enterprise need fits the result to its application.',
      },
    ],
  },
  {
    group: 'low',
    minTrl: 1,
    maxTrl: 3,
    needsPilotBase: false,
    adviceZh: '成果处于概念/实验室阶段（TRL 1–3），宜与企业深度绑定利益、长期投入研发。',
    adviceEn: 'Concept or laboratory stage (TRL 1–3): bind both sides’ interests for long-term research.',
    modes: [
      {
        mode: 'joint_lab',
        zh: '共建联合实验室',
        en: 'Joint laboratory',
        reasonZh: '距离应用尚远，由企业与院所共建实验室深度融合双方利益。',
        reasonEn: 'Far from application: a joint laboratory ties the enterprise and the institution together.',
      },
      {
        mode: 'commissioned',
        zh: '长期委托研究',
        en: 'Long-term sponsored research',
        reasonZh: '企业长期资助研究，获得后续成果的优先受让或许可权。',
        reasonEn: 'The enterprise funds research over years and gets first rights to the results.',
      },
    ],
  },
];

/** Maturity group of a TRL 1–9 (GB/T 22900-2022). */
export function maturityGroup(trl: number, table: readonly ModeTableRow[] = DEFAULT_MODE_TABLE): MaturityGroup {
  const row = table.find((r) => trl >= r.minTrl && trl <= r.maxTrl);
  if (!Number.isInteger(trl) || !row) throw new RangeError(`TRL must be an integer 1–9, got ${trl}`);
  return row.group;
}

/**
 * Modes to recommend for a TRL, in order of preference. A null TRL yields no modes and the advice to self-assess
 * the TRL first; a TRL outside 1–9 throws a RangeError.
 */
export function recommendTransformationModes(
  trl: number | null,
  table: readonly ModeTableRow[] = DEFAULT_MODE_TABLE,
): ModeAdvice {
  if (trl === null) {
    return {
      trl: null,
      group: null,
      modes: [],
      needsPilotBase: false,
      selfAssessFirst: true,
      adviceZh: '尚未评估技术成熟度。请先完成 TRL 自评（GB/T 22900-2022 九级），再据此推荐转化模式。',
      adviceEn: 'The technology readiness level is unknown. Complete the TRL self-assessment (GB/T 22900-2022, nine levels) first.',
    };
  }
  const group = maturityGroup(trl, table);
  const row = table.find((r) => r.group === group)!;
  return {
    trl,
    group,
    modes: row.modes,
    needsPilotBase: row.needsPilotBase,
    selfAssessFirst: false,
    adviceZh: row.adviceZh,
    adviceEn: row.adviceEn,
  };
}
