import { useState } from 'react';
import { Alert, Card, Col, Form, Input, Row, Segmented, Select, Space, Tag, Button, Empty } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { api, unwrap, type FreeMatchInput, type MatchResult } from '../../lib/api';
import { useCities } from '../../lib/reference';
import { applyApiError } from '../../lib/form-errors';
import { MatchList } from '../../components/MatchList';
import { SubscribeButton } from '../../components/SubscribeButton';
import { TrlSelect } from '../../components/TrlSelect';

interface Values {
  text: string;
  kind: 'achievements' | 'demands';
  region?: string;
  minTrl?: number | null;
}

type Result = MatchResult & { code?: string; truncated?: boolean; queryTerms?: { term: string; surface: string; synonym: boolean }[] };

export default function MatchPage() {
  const { t } = useI18n();
  const cities = useCities();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<Result | null>(null);
  const [query, setQuery] = useState<Values | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body: FreeMatchInput = { text: v.text.trim(), kind: v.kind, ...(v.region ? { region: v.region } : {}), ...(v.minTrl ? { minTrl: v.minTrl } : {}) };
      setResult((await unwrap(api.POST('/api/match', { body }))) as unknown as Result);
      setQuery(v);
    } catch (e) {
      const top = applyApiError(form, e, (f) => ['text', 'region', 'minTrl'].includes(f));
      if (top) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tb-container tb-page">
      <h1 className="tb-page-title">{t('fm.title')}</h1>
      <p className="tb-page-sub">{t('fm.sub')}</p>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={9}>
          <Card>
            <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'achievements' }} onFinish={run}>
              <Form.Item name="kind" label={t('fm.kind')}>
                <Segmented block options={[{ value: 'achievements', label: t('fm.kind.achievements') }, { value: 'demands', label: t('fm.kind.demands') }]} />
              </Form.Item>
              <Form.Item name="text" label={t('fm.text')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('fm.text') }) }]}>
                <Input.TextArea rows={6} maxLength={20000} placeholder={t('fm.textPh')} />
              </Form.Item>
              <Form.Item name="region" label={t('fm.region')}>
                <Select allowClear placeholder={t('search.cityAll')} options={(cities ?? []).map((c) => ({ value: c.code, label: c.name }))} />
              </Form.Item>
              <Form.Item name="minTrl" label={t('fm.minTrl')}>
                <TrlSelect />
              </Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy}>
                  {t('fm.search')}
                </Button>
                {query && (
                  <SubscribeButton
                    defaults={{ name: query.text.slice(0, 40), targetKind: query.kind === 'demands' ? 'demand' : 'achievement', queryText: query.text, regionCode: query.region, minTrl: query.minTrl ?? undefined }}
                  />
                )}
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {result?.truncated && <Alert type="warning" showIcon title={t('fm.truncated')} style={{ marginBottom: 12 }} />}
          {result?.queryTerms && result.queryTerms.length > 0 && (
            <div className="tb-fm-terms">
              <span className="tb-muted">{t('fm.terms')}{t('common.colon')}</span>
              {result.queryTerms.slice(0, 20).map((q) => (
                <Tag key={q.term} color={q.synonym ? 'purple' : 'blue'}>
                  {q.surface}
                </Tag>
              ))}
            </div>
          )}
          {!result && !error && !busy ? (
            <Card>
              <Empty description={t('fm.intro')} />
            </Card>
          ) : (
            <MatchList result={result} loading={busy} error={error} onRetry={() => query && void run(query)} />
          )}
        </Col>
      </Row>
    </div>
  );
}
