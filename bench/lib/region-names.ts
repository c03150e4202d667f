/**
 * Tiny stand-in for the real region resolver (GB/T 2260): Liaoning's 14 prefecture-level cities and
 * province-level names → six-digit codes. The lead will replace this with src/modules/reference.
 */
const LIAONING_CITIES: Record<string, string> = {
  沈阳市: '210100', 大连市: '210200', 鞍山市: '210300', 抚顺市: '210400', 本溪市: '210500', 丹东市: '210600',
  锦州市: '210700', 营口市: '210800', 阜新市: '210900', 辽阳市: '211000', 盘锦市: '211100', 铁岭市: '211200',
  朝阳市: '211300', 葫芦岛市: '211400',
};
const PROVINCES: Record<string, string> = {
  北京市: '110000', 天津市: '120000', 河北省: '130000', 山西省: '140000', 内蒙古自治区: '150000', 辽宁省: '210000',
  吉林省: '220000', 黑龙江省: '230000', 上海市: '310000', 江苏省: '320000', 浙江省: '330000', 安徽省: '340000',
  福建省: '350000', 江西省: '360000', 山东省: '370000', 河南省: '410000', 湖北省: '420000', 湖南省: '430000',
  广东省: '440000', 广西壮族自治区: '450000', 海南省: '460000', 重庆市: '500000', 四川省: '510000', 贵州省: '520000',
  云南省: '530000', 西藏自治区: '540000', 陕西省: '610000', 甘肃省: '620000', 青海省: '630000', 宁夏回族自治区: '640000',
  新疆维吾尔自治区: '650000', 台湾省: '710000', 香港特别行政区: '810000', 澳门特别行政区: '820000',
};

export function regionCodeFromName(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim();
  if (LIAONING_CITIES[n]) return LIAONING_CITIES[n];
  if (PROVINCES[n]) return PROVINCES[n];
  // short forms: 沈阳 → 沈阳市, 江苏 → 江苏省
  for (const [k, v] of Object.entries({ ...LIAONING_CITIES, ...PROVINCES })) if (k.startsWith(n) && n.length >= 2) return v;
  return null;
}
