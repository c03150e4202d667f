import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { applyApiError } from '../../lib/form-errors';
import { useL } from '../gov/i18n';
import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT, type ExtraKey } from '../credit/i18n';

export interface TreeNode {
  title: string;
  value: string;
  children?: TreeNode[];
}
import { indexTaxonomy, useTaxonomy, type TaxonomyNode } from '../../lib/reference';
import { orgName, type Reason, type Spec } from './http';

export { useT, type ExtraKey };

/** Page heading used by every services page. */
export function Head({ title, sub, extra }: { title: ReactNode; sub?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="tb-ws-head">
      <div>
        <h2 className="tb-page-title">{title}</h2>
        {sub && <p className="tb-page-sub tb-page-sub-tight">{sub}</p>}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

/** Reasons, one per line; `bad` shows them as failed conditions. */
export function Reasons({ reasons, bad = false, testId }: { reasons: Reason[]; bad?: boolean; testId?: string }) {
  const { pick } = useT();
  if (!reasons.length) return null;
  return (
    <ul className="sv-reasons" data-testid={testId}>
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} className={bad ? 'sv-reason-bad' : 'sv-reason-ok'}>
          {bad ? <CloseCircleFilled /> : r.code.startsWith('SPEC_') && r.code !== 'SPEC_COVERED' ? <InfoCircleFilled /> : <CheckCircleFilled />}
          <span>{pick(r.zh, r.en)}</span>
        </li>
      ))}
    </ul>
  );
}

/** An organisation's name, fetched once, linked to its page. */
export function OrgName({ id, link = true }: { id: string | null | undefined; link?: boolean }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (id) void orgName(id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [id]);
  if (!id) return <span>—</span>;
  const text = name ?? '…';
  return link ? <Link to={`/organisations/${id}`}>{text}</Link> : <span>{text}</span>;
}

export function Wan({ v }: { v: string | null | undefined }) {
  const { t } = useT();
  return v ? <span className="sv-money">{v} {t('common.wan')}</span> : <span>—</span>;
}

export function EmptyBlock({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} className="sv-empty">
      {action}
    </Empty>
  );
}

function treeData(nodes: TaxonomyNode[] | undefined, pick: (zh: string, en: string) => string): TreeNode[] {
  return (nodes ?? []).map((n) => ({ title: pick(n.name, n.nameEn), value: n.code, children: n.children ? treeData(n.children, pick) : undefined }));
}

/** Industry codes (taxonomy tree, several). */
export function IndustrySelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t, pick } = useT();
  const tax = useTaxonomy();
  const data = useMemo(() => treeData(tax, pick), [tax, pick]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={data}
      multiple
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={t('sv.industriesPh')}
      style={{ width: '100%' }}
    />
  );
}

/** Industry codes shown as names. */
export function Industries({ codes }: { codes: string[] }) {
  const { pick } = useT();
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

/** Free text values (Select in tags mode). */
export function TagsInput({ value, onChange, id, placeholder }: { value?: string[]; onChange?: (v: string[]) => void; id?: string; placeholder?: string }) {
  return <Select id={id} mode="tags" value={value} onChange={onChange} open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} placeholder={placeholder} style={{ width: '100%' }} />;
}

export function specText(s: Spec, lang: string): string {
  if (s.type === 'text') return s.values.join(' / ');
  const parts: string[] = [];
  if (s.nominal !== null && s.nominal !== undefined) parts.push(`${s.nominal}${s.tolerance ? ` ± ${s.tolerance}` : ''}`);
  if ((s.min ?? null) !== null || (s.max ?? null) !== null) parts.push(`${s.min ?? '−∞'} ~ ${s.max ?? '+∞'}`);
  if ((s.nominal ?? null) === null && s.tolerance) parts.push(`${lang === 'en' ? 'tol.' : '公差'} ± ${s.tolerance}`);
  return `${parts.join(lang === 'en' ? '; ' : '；') || '—'} ${s.unit}`;
}

/** Typed specifications as a compact table. */
export function SpecList({ specs, status }: { specs: Spec[]; status?: Map<string, string> }) {
  const { t, lang } = useT();
  if (!specs.length) return <Typography.Text type="secondary">{t('sv.ch.noSpecs')}</Typography.Text>;
  return (
    <table className="sv-specs">
      <thead>
        <tr>
          <th>{t('sv.ch.specKey')}</th>
          <th>{t('sv.ch.specValue')}</th>
          {status && <th>{t('sv.ch.coverage')}</th>}
        </tr>
      </thead>
      <tbody>
        {specs.map((s) => (
          <tr key={s.key}>
            <td>{s.key}</td>
            <td className="sv-num">{specText(s, lang)}</td>
            {status && (
              <td>
                <Tag color={status.get(s.key) === 'covered' ? 'green' : status.get(s.key) === 'partial' ? 'gold' : 'red'}>{t(`sv.ch.cover.${status.get(s.key) ?? 'missing'}` as ExtraKey)}</Tag>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface SpecRow {
  key?: string;
  type?: 'number' | 'text';
  unit?: string;
  min?: number | null;
  max?: number | null;
  nominal?: number | null;
  tolerance?: number | null;
  values?: string[];
}

export function toSpecs(rows: SpecRow[] | undefined): Spec[] {
  return (rows ?? [])
    .filter((r) => r.key)
    .map((r) =>
      r.type === 'text'
        ? { key: r.key!, type: 'text' as const, values: r.values ?? [] }
        : { key: r.key!, unit: r.unit ?? '', min: r.min ?? null, max: r.max ?? null, nominal: r.nominal ?? null, tolerance: r.tolerance ?? null },
    );
}

/** Form.List editor for typed specs: key, type, value/range, unit, tolerance. */
export function SpecEditor({ name = 'specs', mode }: { name?: string; mode: 'need' | 'offer' }) {
  const { t } = useT();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="sv-spec-editor" data-testid="spec-editor">
          {fields.map((f) => (
            <div key={f.key} className="sv-spec-row">
              <Row gutter={8} align="top">
                <Col xs={12} md={5}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: t('sv.required') }]}>
                    <Input placeholder={t('sv.ch.specKey')} aria-label={t('sv.ch.specKey')} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={3}>
                  <Form.Item name={[f.name, 'type']} initialValue="number">
                    <Select aria-label={t('sv.ch.specType')} options={[{ value: 'number', label: t('sv.ch.numeric') }, { value: 'text', label: t('sv.ch.textual') }]} />
                  </Form.Item>
                </Col>
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) =>
                    getFieldValue([name, f.name, 'type']) === 'text' ? (
                      <Col xs={22} md={15}>
                        <Form.Item name={[f.name, 'values']} rules={[{ required: true, message: t('sv.required') }]}>
                          <TagsInput placeholder={t('sv.ch.valuesPh')} />
                        </Form.Item>
                      </Col>
                    ) : (
                      <>
                        {mode === 'need' && (
                          <Col xs={8} md={3}>
                            <Form.Item name={[f.name, 'nominal']}>
                              <InputNumber placeholder={t('sv.ch.nominal')} aria-label={t('sv.ch.nominal')} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                        )}
                        <Col xs={8} md={mode === 'need' ? 3 : 4}>
                          <Form.Item name={[f.name, 'min']}>
                            <InputNumber placeholder={t('sv.ch.min')} aria-label={t('sv.ch.min')} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={mode === 'need' ? 3 : 4}>
                          <Form.Item name={[f.name, 'max']}>
                            <InputNumber placeholder={t('sv.ch.max')} aria-label={t('sv.ch.max')} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={3}>
                          <Form.Item name={[f.name, 'tolerance']}>
                            <InputNumber min={0} placeholder={t('sv.ch.tolerance')} aria-label={t('sv.ch.tolerance')} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={10} md={3}>
                          <Form.Item name={[f.name, 'unit']} rules={[{ required: true, message: t('sv.required') }]}>
                            <Input placeholder={t('sv.ch.unit')} aria-label={t('sv.ch.unit')} />
                          </Form.Item>
                        </Col>
                      </>
                    )
                  }
                </Form.Item>
                <Col xs={2} md={1}>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('sv.remove')} onClick={() => remove(f.name)} />
                </Col>
              </Row>
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'number' })} data-testid="spec-add">
            {t('sv.ch.addSpec')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/**
 * A decline (or any refusal) with a required reason: an Ant Design Modal with a validated text field; API field
 * errors land next to the field. Replaces window.prompt.
 */
export function ReasonModal({ open, title, okText, onCancel, onSubmit }: { open: boolean; title: string; okText?: string; onCancel(): void; onSubmit(reason: string): Promise<unknown> }) {
  const { l } = useL();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? l('decline.ok')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'reason-ok' } as never}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v.reason.trim());
            form.resetFields();
          } catch (e) {
            const top = applyApiError(form, e, (f) => f === 'reason');
            if (top) form.setFields([{ name: 'reason', errors: [top] }]);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reason" label={l('reason.label')} extra={l('reason.hint')} rules={[{ required: true, whitespace: true, min: 2, message: l('reason.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
