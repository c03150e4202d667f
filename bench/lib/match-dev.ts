/**
 * Loading the match-dev evaluation set into MatchDocuments + queries. Kept in one function so it can
 * later be swapped for "import into a fresh database and read back".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatchDocument, MatchQuery } from '../../src/modules/matching/core/index.js';
import { regionCodeFromName } from './region-names.js';
import { resolveRegion } from '../../src/modules/reference/index.js';

export interface EvalQuery {
  id: string;
  query: MatchQuery;
  /** Title + description, for baselines that ignore structure. */
  text: string;
}

export interface EvalCorpus {
  documents: MatchDocument[];
  queries: EvalQuery[];
  /** demand id → achievement id → grade */
  qrels: Map<string, Map<string, number>>;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

interface RawAchievement {
  id: string;
  title: string;
  summary: string;
  field: string;
  org: string;
  region: string;
  trl: number | null;
  keywords: string[];
}
interface RawDemand {
  id: string;
  title: string;
  description: string;
  field: string;
  region: string;
  min_trl: number | null;
  budget_wan: number | null;
}

const WAN_IN_FEN = 1_000_000; // 1 万元 = 10,000 yuan = 1,000,000 fen

export function loadCorpus(dir: string): EvalCorpus {
  const achievements = readJsonl<RawAchievement>(join(dir, 'achievements.jsonl'));
  const demands = readJsonl<RawDemand>(join(dir, 'demands.jsonl'));
  const qrelRows = readJsonl<{ demand_id: string; achievement_id: string; grade?: number }>(join(dir, 'qrels.jsonl'));
  const documents: MatchDocument[] = achievements.map((a) => ({
    id: a.id,
    kind: 'achievement',
    title: a.title,
    summary: a.summary,
    keywords: a.keywords ?? [],
    field: a.field ?? '',
    industryCodes: [],
    regionCode: resolveRegion(String(a.region ?? ''))?.code ?? regionCodeFromName(a.region),
    trl: a.trl ?? null,
    minTrl: null,
    priceMinFen: null,
    priceMaxFen: null,
    budgetMaxFen: null,
    ownerOrgId: a.org ?? null,
    credit: null,
    updatedAt: 0,
  }));
  const queries: EvalQuery[] = demands.map((d) => ({
    id: d.id,
    text: `${d.title}\n${d.description}`,
    query: {
      text: `${d.title}\n${d.description}\n${d.field ?? ''}`,
      kind: 'achievement',
      regionCode: resolveRegion(String(d.region ?? ''))?.code ?? regionCodeFromName(d.region),
      minTrl: d.min_trl,
      budgetMaxFen: d.budget_wan == null ? null : Math.round(d.budget_wan * WAN_IN_FEN),
      industryCodes: [],
      top: 50,
    },
  }));
  const qrels = new Map<string, Map<string, number>>();
  for (const r of qrelRows) {
    if (!qrels.has(r.demand_id)) qrels.set(r.demand_id, new Map());
    qrels.get(r.demand_id)!.set(r.achievement_id, r.grade ?? 1); // sets without grades (data/demo) count every pair as 1
  }
  return { documents, queries, qrels };
}
