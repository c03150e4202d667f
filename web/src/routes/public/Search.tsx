import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Col, Drawer, Empty, Form, Grid, Input, Pagination, Row, Select, Slider, Space, TreeSelect } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, MODES, unwrap, type DemandQuery, type Listing, type ListingKind } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useCities, useTaxonomy, type TaxonomyNode } from '../../lib/reference';
import { WAN_PATTERN } from '../../lib/format';
import { ListingCard } from '../../components/ListingCard';
import { queryTerms } from '../../components/Highlight';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';

const PAGE_SIZE = 10;
const SORTS = ['relevance', 'newest', 'updated', 'trl', 'amount', 'title'] as const;
/** With a query the best text matches come first (the matching index ranks them); without one, the newest. */
const defaultSort = (q: string) => (q ? 'relevance' : 'newest');

interface Filters {
  industry?: string;
  region?: string;
  trl?: [number, number];
  amountMinWan?: string;
  amountMaxWan?: string;
  mode?: string;
  sort?: string;
}

export interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}

export function taxonomyTreeData(nodes: TaxonomyNode[] | undefined, pick: (zh: string, en: string) => string): TreeNode[] {
  return (nodes ?? []).map((n) => ({ value: n.code, title: pick(n.name, n.nameEn), children: n.children?.length ? taxonomyTreeData(n.children, pick) : undefined }));
}

function readFilters(sp: URLSearchParams): Filters {
  const trlMin = Number(sp.get('trlMin') || 1);
  const trlMax = Number(sp.get('trlMax') || 9);
  return {
    industry: sp.get('industry') || undefined,
    region: sp.get('region') || '210000',
    trl: [trlMin, trlMax],
    amountMinWan: sp.get('amountMinWan') || undefined,
    amountMaxWan: sp.get('amountMaxWan') || undefined,
    mode: sp.get('mode') || undefined,
    sort: sp.get('sort') || defaultSort(sp.get('q') ?? ''),
  };
}

export default function SearchPage({ kind }: { kind: ListingKind }) {
  const { t, pick } = useI18n();
  const [sp, setSp] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const [form] = Form.useForm<Filters>();
  const taxonomy = useTaxonomy();
  const cities = useCities();
  const q = sp.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  const page = Math.max(1, Number(sp.get('page') || 1));
  const terms = useMemo(() => queryTerms(q), [q]);
  const debounce = useRef<number | undefined>(undefined);

  useEffect(() => setQInput(q), [q]);
  useEffect(() => {
    form.setFieldsValue(readFilters(sp));
  }, [sp, form]);

  const query: DemandQuery = useMemo(() => {
    const f = readFilters(sp);
    const out: DemandQuery = { page, pageSize: PAGE_SIZE, sort: (f.sort as DemandQuery['sort']) ?? defaultSort(q) };
    if (q) out.q = q;
    if (f.industry) out.industry = f.industry;
    if (f.region) out.region = f.region;
    if (f.trl && f.trl[0] > 1) out.trlMin = f.trl[0];
    if (f.trl && f.trl[1] < 9) out.trlMax = f.trl[1];
    if (f.amountMinWan) out.amountMinWan = f.amountMinWan;
    if (f.amountMaxWan) out.amountMaxWan = f.amountMaxWan;
    if (f.mode) out.mode = f.mode as DemandQuery['mode'];
    return out;
  }, [sp, q, page]);

  const res = useAsync(async () => {
    const r =
      kind === 'demand'
        ? await unwrap(api.GET('/api/demands', { params: { query } }))
        : await unwrap(api.GET('/api/achievements', { params: { query } }));
    return r as { items: Listing[]; total: number; page: number; pageSize: number };
  }, [kind, JSON.stringify(query)]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next);
  };

  const applyFilters = (f: Filters) => {
    const okAmount = (s?: string) => !s || WAN_PATTERN.test(s);
    if (!okAmount(f.amountMinWan) || !okAmount(f.amountMaxWan)) return;
    update({
      industry: f.industry,
      region: f.region === '210000' ? undefined : f.region,
      trlMin: f.trl && f.trl[0] > 1 ? String(f.trl[0]) : undefined,
      trlMax: f.trl && f.trl[1] < 9 ? String(f.trl[1]) : undefined,
      amountMinWan: f.amountMinWan?.trim() || undefined,
      amountMaxWan: f.amountMaxWan?.trim() || undefined,
      mode: f.mode,
      sort: f.sort === defaultSort(q) ? undefined : f.sort,
    });
  };

  const title = kind === 'demand' ? t('search.demandsTitle') : t('search.achievementsTitle');
  const treeData = useMemo(() => taxonomyTreeData(taxonomy, pick), [taxonomy, pick]);
  const amountLabel = kind === 'demand' ? t('search.budget') : t('search.price');

  const filterForm = (
    <Form
      form={form}
      layout="vertical"
      initialValues={readFilters(sp)}
      onValuesChange={(changed: Partial<Filters>, all) => {
        window.clearTimeout(debounce.current);
        const typed = 'amountMinWan' in changed || 'amountMaxWan' in changed;
        debounce.current = window.setTimeout(() => applyFilters(all), typed ? 600 : 0);
      }}
      className="tb-filters"
      aria-label={t('search.filters')}
    >
      <Form.Item name="industry" label={t('search.industry')}>
        <TreeSelect
          treeData={treeData}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('common.all')}
          treeDefaultExpandAll={false}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="region" label={t('search.city')}>
        <Select
          options={[{ value: '210000', label: t('search.cityAll') }, ...(cities ?? []).map((c) => ({ value: c.code, label: c.name }))]}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="trl" label={t('search.trl')}>
        <Slider range min={1} max={9} marks={{ 1: '1', 3: '3', 6: '6', 9: '9' }} ariaLabelForHandle={[t('search.trlMin'), t('search.trlMax')]} />
      </Form.Item>
      <Form.Item label={amountLabel} style={{ marginBottom: 0 }}>
        <Space.Compact block>
          <Form.Item name="amountMinWan" noStyle rules={[{ pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
            <Input placeholder={t('search.amountMin')} aria-label={`${amountLabel} ${t('search.amountMin')}`} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="amountMaxWan" noStyle rules={[{ pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
            <Input placeholder={t('search.amountMax')} aria-label={`${amountLabel} ${t('search.amountMax')}`} inputMode="decimal" />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="mode" label={t('search.mode')} style={{ marginTop: 24 }}>
        <Select allowClear placeholder={t('common.all')} options={MODES.map((m) => ({ value: m, label: t(`mode.${m}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="sort" label={t('search.sort')}>
        <Select options={SORTS.filter((s) => s !== 'relevance' || q).map((s) => ({ value: s, label: t(`search.sort.${s}` as MessageKey) }))} />
      </Form.Item>
      <Button
        block
        onClick={() => {
          const next = new URLSearchParams();
          if (q) next.set('q', q);
          setSp(next);
        }}
      >
        {t('common.reset')}
      </Button>
    </Form>
  );

  const data = res.data;
  return (
    <div className="tb-container tb-page">
      <h1 className="tb-page-title">{title}</h1>
      <form
        role="search"
        className="tb-search-bar"
        onSubmit={(e) => e.preventDefault() /* Input.Search handles Enter and the button */}
      >
        <Input.Search
          size="large"
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          enterButton={t('common.search')}
          allowClear
        />
      </form>
      <Row gutter={[20, 20]}>
        {screens.lg ? (
          <Col lg={6}>
            <Card title={<h2 className="tb-card-title">{t('search.filters')}</h2>} size="small">
              {filterForm}
            </Card>
          </Col>
        ) : (
          <Drawer open={drawer} onClose={() => setDrawer(false)} title={t('search.filters')} placement="left" forceRender>
            {filterForm}
          </Drawer>
        )}
        <Col xs={24} lg={18}>
          <div className="tb-results-head">
            <span aria-live="polite">{data ? t('search.results', { n: data.total }) : ''}</span>
            {!screens.lg && (
              <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)}>
                {t('search.filters')}
              </Button>
            )}
          </div>
          {res.loading && !data ? (
            <LoadingBlock rows={8} />
          ) : res.error ? (
            <ErrorBlock error={res.error} onRetry={res.reload} />
          ) : data && data.items.length === 0 ? (
            <Card>
              <Empty description={<><div>{t('search.noResults')}</div><div className="tb-muted">{t('search.noResultsHint')}</div></>} />
            </Card>
          ) : (
            <div className={res.loading ? 'tb-results tb-results-loading' : 'tb-results'} aria-busy={res.loading}>
              {data?.items.map((it) => <ListingCard key={it.id} item={it} terms={terms} />)}
            </div>
          )}
          {data && data.total > PAGE_SIZE && (
            <Pagination
              className="tb-pagination"
              current={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              showSizeChanger={false}
              onChange={(p) => update({ page: String(p) })}
              showTotal={(n) => t('common.total', { n })}
            />
          )}
        </Col>
      </Row>
    </div>
  );
}
