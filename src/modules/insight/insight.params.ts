/**
 * Tunable rules of demand insight (需求洞察). One place for every number; change here, not in the code.
 */
import type { ClusterParams, GapParams } from './core/index.js';

export interface InsightParams {
  cluster: ClusterParams;
  gap: GapParams;
  /** region prefix of the organisations whose published achievements count as provincial supply */
  supplyRegionPrefix: string;
  /** default period when none is given: this many calendar months up to today (Asia/Shanghai) */
  defaultMonths: number;
  /** longest period accepted, in calendar months */
  maxMonths: number;
  /** results are kept in memory per filter set for this long (and dropped at once when a listing changes) */
  cacheSeconds: number;
}

export const INSIGHT_PARAMS: InsightParams = {
  // 0.15 average cosine: on the demo demands (136) it groups e.g. the 燃料电池 氢气 demands, the 刻蚀/半导体设备
  // demands and the 矿热炉 烟气 demands, and keeps unrelated ones apart (0.25+ leaves nearly every demand alone).
  cluster: { threshold: 0.15, topicTerms: 6, labelTerms: 3 },
  // an achievement is supply for a topic when it covers ≥ 60 % of the topic's weighted terms. On the demo data the
  // loose neighbours sit at 0.54–0.57 (a DC/DC converter for a 碳化硅 外延 topic, a servo motor for robot-joint
  // bearings) while real supply scores 0.6–0.9.
  gap: { minCoverage: 0.6, candidates: 20 },
  supplyRegionPrefix: '21',
  defaultMonths: 12,
  maxMonths: 120,
  cacheSeconds: 60,
};
