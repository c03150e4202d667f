/**
 * Text normalisation before segmentation: NFKC (full-width → half-width, ³ → 3, ㎜ → mm),
 * Latin lower-case, a small traditional → simplified map for common technical characters,
 * and unit spelling (°C → ℃, µ → u).
 */

// Pairs of traditional→simplified characters common in technical listings (Taiwan/HK sources).
const TRAD_SIMP_PAIRS =
  '機机電电導导體体術术製制劑剂鋼钢鋁铝鐵铁銅铜鎂镁鈦钛鎳镍礦矿燒烧氣气動动測测檢检驗验傳传標标準准設设備备' +
  '統统網网絡络計计軟软開开發发產产業业藥药醫医療疗處处環环節节鋰锂鈉钠氫氢儲储風风陽阳輪轮齒齿軸轴減减頭头' +
  '視视覺觉圖图數数據据雲云線线變变壓压溫温熱热爐炉鑄铸鍛锻銲焊塗涂層层圓圆積积蝕蚀衛卫艦舰飛飞車车輛辆際际' +
  '國国應应與与於于進进過过點点將将個个們们這这長长質质條条樣样種种類类構构結结組组裝装場场廠厂礎础纖纤維维' +
  '複复鍍镀鏈链門门關关閥阀調调價价資资農农藝艺糧粮養养魚鱼貝贝蟲虫細细診诊斷断試试險险災灾衝冲擊击纜缆換换' +
  '濾滤淨净污污廢废脫脱塵尘聲声監监報报儀仪錶表頻频負负載载雙双單单級级濃浓縮缩餾馏煉炼烴烃矽硅鋯锆鉬钼' +
  '鎢钨鈷钴錳锰鉻铬釩钒鋅锌錫锡鉛铅銀银鉑铂鈀钯銠铑鑽钻銑铣較较確确實实現现優优勢势齡龄區区縣县廣广東东遼辽' +
  '瀋沈寧宁連连鞍鞍撫抚莊庄錦锦葫葫蘆芦華华電电網网絡络遠远達达選选擇择採采陣阵際际噴喷鍋锅爐炉閘闸輸输送送' +
  '帶带電电戶户燈灯顯显觸触擬拟邊边緣缘碼码鎖锁鑰钥創创譜谱態态徑径濕湿燥燥膠胶壓压氣气礙碍彈弹簧簧潤润滑滑' +
  '艙舱槳桨錨锚漁渔釀酿麥麦飼饲肥肥殺杀蟲虫獸兽頸颈腦脑膚肤臟脏髮发齡龄護护醫医軌轨鐵铁橋桥隧隧礦矿';

const TRAD_SIMP = new Map<string, string>();
for (let i = 0; i + 1 < TRAD_SIMP_PAIRS.length; i += 2) {
  const t = TRAD_SIMP_PAIRS[i];
  const s = TRAD_SIMP_PAIRS[i + 1];
  if (t !== s) TRAD_SIMP.set(t, s);
}

/** Normalise text for matching. Pure and idempotent. */
export function normalizeText(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  // unit spellings that NFKC leaves apart
  s = s.replace(/°\s?c/g, '℃').replace(/[µμ]/g, 'u').replace(/[–—−~～]/g, '-');
  let out = '';
  for (const ch of s) out += TRAD_SIMP.get(ch) ?? ch;
  return out;
}

/** Units a number keeps as one token with (`600℃`, `0.01mm`, `1arcmin`, `70mpa`). Longest first. */
const UNITS = [
  'arcmin', 'arcsec', 'mah/g', 'r/min', 'm/min', 'mg/m3', 'mg/kg', 'mg/l', 'kwh', 'mwh', 'gwh', 'mah', 'ppm', 'ppb',
  'mpa', 'gpa', 'kpa', 'khz', 'mhz', 'ghz', 'rpm', 'nm', 'um', 'mm', 'cm', 'km', 'kg', 'mg', 'kw', 'mw', 'gw', 'kv',
  'ma', 'hz', 'db', 'ml', 'pa', 'wh', 'm3', 'm2', 'm/s', 't/h', 'min', 'bar', '℃', 'k', 'v', 'a', 'w', 'g', 't', 'm',
  'l', 'n', 's', 'h', '%', '°', 'å', '"',
  '英寸', '纳米', '微米', '毫米', '厘米', '兆瓦', '千瓦', '万吨', '吨', '千伏', '兆帕', '转', '倍', '级', '轴', '层', '寸',
];
const UNIT_ALT = UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
/** A number (optionally decimal) directly followed by a unit; the unit must not continue as a Latin word. */
export const UNIT_TOKEN_RE = new RegExp(`(?<![a-z0-9.])(\\d+(?:\\.\\d+)?)\\s?(${UNIT_ALT})(?![a-z])`, 'g');

/** Extract number+unit tokens; returns the tokens and the text with them blanked out. */
export function extractUnitTokens(text: string): { units: string[]; rest: string } {
  const units: string[] = [];
  const rest = text.replace(UNIT_TOKEN_RE, (_m, num: string, unit: string) => {
    units.push(num + unit);
    return ' ';
  });
  return { units, rest };
}

const CJK_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
export function isCjk(ch: string): boolean {
  return CJK_RE.test(ch);
}

/** Runs of CJK characters, for the bigram signal. */
export function cjkRuns(text: string): string[] {
  return text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g) ?? [];
}
