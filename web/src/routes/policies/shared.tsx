/** Small pieces the policy and first-of-kind pages share. */
import { useMemo, type ReactNode } from 'react';
import { Space, Tag, TreeSelect } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { indexTaxonomy, useTaxonomy, type TaxonomyNode } from '../../lib/reference';
import { useL } from './i18n';

export function PageHead({ title, sub, extra }: { title: ReactNode; sub?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="tb-ws-head" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <h2 className="tb-page-title">{title}</h2>
        {sub && <p className="tb-page-sub">{sub}</p>}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

/** Conditions met (✓) and missed (✗), one per line, in the UI language. */
export function ConditionList({ items, missed = false, testId }: { items: { condition?: string; code?: string; zh: string; en: string }[]; missed?: boolean; testId?: string }) {
  const { pick } = useL();
  if (!items.length) return null;
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: '4px 0' }}>
      {items.map((r, i) => (
        <li key={`${r.condition ?? r.code}-${i}`} className={missed ? 'po-missed' : 'po-met'} style={{ display: 'flex', gap: 6, alignItems: 'baseline', margin: '2px 0', overflowWrap: 'anywhere' }}>
          {missed ? <CloseCircleFilled style={{ color: '#cf1322' }} aria-label="✗" /> : <CheckCircleFilled style={{ color: '#389e0d' }} aria-label="✓" />}
          <span>{pick(r.zh, r.en)}</span>
        </li>
      ))}
    </ul>
  );
}

interface TreeNode {
  title: string;
  value: string;
  children?: TreeNode[];
}
function treeData(nodes: TaxonomyNode[] | undefined, pick: (zh: string, en: string) => string): TreeNode[] {
  return (nodes ?? []).map((n) => ({ title: pick(n.name, n.nameEn), value: n.code, children: n.children ? treeData(n.children, pick) : undefined }));
}

/** Industry codes from the taxonomy tree (several). */
export function IndustryPick({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { pick } = useL();
  const tax = useTaxonomy();
  const data = useMemo(() => treeData(tax, pick), [tax, pick]);
  return <TreeSelect id={id} value={value} onChange={onChange} treeData={data} multiple showSearch={{ treeNodeFilterProp: 'title' }} allowClear style={{ width: '100%' }} />;
}

/** Industry codes shown by name. */
export function IndustryNames({ codes }: { codes: string[] }) {
  const { pick } = useL();
  const tax = useTaxonomy();
  const idx = useMemo(() => indexTaxonomy(tax), [tax]);
  return (
    <>
      {codes.map((c) => (
        <Tag key={c} color="blue">
          {idx.get(c) ? pick(idx.get(c)!.name, idx.get(c)!.nameEn) : c}
        </Tag>
      ))}
    </>
  );
}
