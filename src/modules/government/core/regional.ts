/**
 * Regional statistics by city and by the 一圈一带两区 groupings. Counting rule: a record belongs to a city by the first
 * four digits of its region code, and to every group that lists its city (or, for groups made of counties such as
 * 辽东绿色经济区, its exact county code). Groups overlap (锦州 and 葫芦岛 are in both 沿海经济带 and the 辽西 pilot zone),
 * so a record is counted once in each group it belongs to: group totals do not add up to the province total, which
 * counts every Liaoning record once. Pure; no I/O.
 */
export interface GroupSpec {
  readonly code: string;
  readonly members: readonly string[];
}

export interface RegionalRecord {
  readonly regionCode: string | null;
  readonly values: Readonly<Record<string, number>>;
}

export interface RegionalTotals {
  readonly cities: Map<string, Record<string, number>>;
  readonly groups: Map<string, Record<string, number>>;
  /** every record in Liaoning, once */
  readonly province: Record<string, number>;
  /** records with no region or outside Liaoning */
  readonly elsewhere: Record<string, number>;
}

function add(into: Record<string, number>, values: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(values)) into[k] = (into[k] ?? 0) + v;
}

/** Whether a region code falls under a group member: a city member (xxxx00) covers its counties; a county member only itself. */
export function memberCovers(member: string, code: string): boolean {
  return member.endsWith('00') ? code.slice(0, 4) === member.slice(0, 4) : code === member;
}

export function regionalTotals(records: readonly RegionalRecord[], groups: readonly GroupSpec[]): RegionalTotals {
  const cities = new Map<string, Record<string, number>>();
  const byGroup = new Map<string, Record<string, number>>(groups.map((g) => [g.code, {}]));
  const province: Record<string, number> = {};
  const elsewhere: Record<string, number> = {};
  for (const r of records) {
    const code = r.regionCode && /^\d{6}$/.test(r.regionCode) ? r.regionCode : null;
    if (!code || !code.startsWith('21') || code === '210000') {
      add(code === '210000' ? province : elsewhere, r.values);
      continue;
    }
    add(province, r.values);
    const city = `${code.slice(0, 4)}00`;
    if (!cities.has(city)) cities.set(city, {});
    add(cities.get(city)!, r.values);
    for (const g of groups) if (g.members.some((m) => memberCovers(m, code))) add(byGroup.get(g.code)!, r.values);
  }
  return { cities, groups: byGroup, province, elsewhere };
}
