/**
 * The first-of-kind catalogue (首台套 equipment / 首批次 material / 首版次 software): kinds, technical indicators as
 * typed key-value pairs with units, and their validation. Pure.
 */
export const FIRSTKIND_KINDS = ['equipment', 'material', 'software'] as const;
export type FirstKind = (typeof FIRSTKIND_KINDS)[number];
export const KIND_ZH: Record<FirstKind, string> = { equipment: '首台（套）重大技术装备', material: '首批次新材料', software: '首版次软件' };

export type Indicator =
  | { key: string; type: 'number'; value: number; unit: string; comparator?: '=' | '>=' | '<=' }
  | { key: string; type: 'text'; value: string };

export function indicatorProblems(xs: readonly Indicator[]): { field: string; zh: string; en: string }[] {
  const out: { field: string; zh: string; en: string }[] = [];
  const keys = new Set<string>();
  xs.forEach((x, i) => {
    const field = `indicators[${i}]`;
    if (!x.key.trim()) out.push({ field: `${field}.key`, zh: '指标名称不能为空', en: 'the indicator needs a name' });
    if (keys.has(x.key.trim())) out.push({ field: `${field}.key`, zh: `指标“${x.key}”重复`, en: `indicator "${x.key}" repeats` });
    keys.add(x.key.trim());
    if (x.type === 'number') {
      if (!Number.isFinite(x.value)) out.push({ field: `${field}.value`, zh: '数值指标须为有限数字', en: 'a numeric indicator needs a finite number' });
      if (!x.unit.trim()) out.push({ field: `${field}.unit`, zh: '数值指标须注明单位（无量纲填“—”）', en: 'a numeric indicator needs a unit ("—" when dimensionless)' });
    } else if (!x.value.trim()) out.push({ field: `${field}.value`, zh: '指标值不能为空', en: 'the indicator needs a value' });
  });
  return out;
}

/** An indicator as display text: "回差 ≤ 1 arcmin", "定位精度 = 0.005 mm", "操作系统: 麒麟". */
export function indicatorText(x: Indicator): string {
  if (x.type === 'text') return `${x.key}: ${x.value}`;
  const op = x.comparator === '>=' ? '≥' : x.comparator === '<=' ? '≤' : '=';
  return `${x.key} ${op} ${x.value} ${x.unit}`.trim();
}
