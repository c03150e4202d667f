import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Result, Row, Select, Space, Steps, TreeSelect } from 'antd';
import { MinusCircleOutlined, PlusOutlined, ExperimentOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, IP_TYPES, MODES, unwrap, type Achievement, type AchievementInput, type Demand, type DemandInput, type Listing, type ListingKind, type Mode, type IpType } from '../../lib/api';
import { useAuth, canPublish } from '../../lib/auth';
import { useTaxonomy } from '../../lib/reference';
import { compareDecimal, WAN_PATTERN } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { isPatentType, isValidPatentNumber } from '../../lib/checks';
import { RegionCascader } from '../../components/RegionCascader';
import { TrlSelect } from '../../components/TrlSelect';
import { TrlWizard } from '../../components/TrlWizard';
import { QualityList } from '../../components/QualityList';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { taxonomyTreeData } from '../public/Search';
import { runListingAction } from '../../components/ListingActions';

interface Values {
  title: string;
  text: string; // demand description / achievement summary
  field?: string;
  keywords?: string[];
  industries?: string[];
  regionCode?: string | null;
  modes?: Mode[];
  minTrl?: number | null;
  trl?: number | null;
  budgetMinWan?: string;
  budgetMaxWan?: string;
  deadline?: string | null;
  priceNegotiable?: boolean;
  priceMinWan?: string;
  priceMaxWan?: string;
  team?: { name: string; title?: string; role?: string }[];
  pilotNeeds?: string;
  ip?: { type: IpType; number?: string; title?: string }[];
  detail?: string;
}

const STEP_FIELDS: string[][] = [
  ['title', 'text', 'description', 'summary', 'field', 'keywords', 'industries', 'regionCode'],
  ['modes', 'minTrl', 'trl', 'budgetMinWan', 'budgetMaxWan', 'deadline', 'priceNegotiable', 'priceMinWan', 'priceMaxWan', 'team', 'pilotNeeds', 'ip'],
  ['detail'],
];

function stepOf(field: string): number {
  const head = field.split('.')[0];
  const i = STEP_FIELDS.findIndex((fs) => fs.includes(head));
  return i < 0 ? 0 : i;
}

function toValues(l: Listing): Values {
  const common = {
    title: l.title,
    text: l.summary,
    field: l.field || undefined,
    keywords: l.keywords,
    industries: l.industries,
    regionCode: l.regionCode,
    modes: l.modes as Mode[],
    detail: l.detail ?? undefined,
  };
  if (l.kind === 'demand') {
    const d = l as Demand;
    return { ...common, minTrl: d.minTrl, budgetMinWan: d.budgetMinWan ?? undefined, budgetMaxWan: d.budgetMaxWan ?? undefined, deadline: d.deadline };
  }
  const a = l as Achievement;
  return {
    ...common,
    trl: a.trl,
    priceNegotiable: a.priceNegotiable,
    priceMinWan: a.priceMinWan ?? undefined,
    priceMaxWan: a.priceMaxWan ?? undefined,
    team: a.team,
    pilotNeeds: a.pilotNeeds || undefined,
    ip: a.ip.map((x) => ({ type: x.type as IpType, number: x.number ?? undefined, title: x.title })),
  };
}

const blank = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

function demandBody(v: Values): DemandInput {
  return {
    title: v.title.trim(),
    description: v.text.trim(),
    detail: v.detail ?? '',
    field: v.field?.trim() ?? '',
    keywords: v.keywords ?? [],
    industries: v.industries ?? [],
    regionCode: v.regionCode ?? null,
    modes: v.modes ?? [],
    minTrl: v.minTrl ?? null,
    budgetMinWan: blank(v.budgetMinWan),
    budgetMaxWan: blank(v.budgetMaxWan),
    deadline: v.deadline ?? null,
  };
}

function achievementBody(v: Values): AchievementInput {
  return {
    title: v.title.trim(),
    summary: v.text.trim(),
    detail: v.detail ?? '',
    field: v.field?.trim() ?? '',
    keywords: v.keywords ?? [],
    industries: v.industries ?? [],
    regionCode: v.regionCode ?? null,
    modes: v.modes ?? [],
    trl: v.trl ?? null,
    priceNegotiable: Boolean(v.priceNegotiable),
    priceMinWan: blank(v.priceMinWan),
    priceMaxWan: blank(v.priceMaxWan),
    team: (v.team ?? []).filter((m) => m?.name?.trim()).map((m) => ({ name: m.name.trim(), title: m.title?.trim() || undefined, role: m.role?.trim() || undefined })),
    pilotNeeds: v.pilotNeeds ?? '',
    ip: (v.ip ?? []).filter(Boolean).map((x) => ({ type: x.type, number: blank(x.number), title: x.title?.trim() ?? '' })),
  };
}

export default function ListingForm({ kind }: { kind: ListingKind }) {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm<Values>();
  const taxonomy = useTaxonomy();
  const treeData = useMemo(() => taxonomyTreeData(taxonomy, pick), [taxonomy, pick]);
  const [step, setStep] = useState(0);
  const [saved, setSaved] = useState<Listing | null>(null);
  const [loading, setLoading] = useState(Boolean(id));
  const [loadError, setLoadError] = useState<unknown>(null);
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [wizard, setWizard] = useState(false);
  const isDemand = kind === 'demand';
  const plural = isDemand ? 'demands' : 'achievements';

  useEffect(() => {
    if (!id) return;
    let live = true;
    (async () => {
      try {
        const l = (isDemand
          ? await unwrap(api.GET('/api/demands/{id}', { params: { path: { id } } }))
          : await unwrap(api.GET('/api/achievements/{id}', { params: { path: { id } } }))) as Listing;
        if (!live) return;
        setSaved(l);
        form.setFieldsValue(toValues(l));
      } catch (e) {
        if (live) setLoadError(e);
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [id, isDemand, form]);

  if (session && !canPublish(session.user.role, kind)) return <Result status="403" title={t('common.forbidden')} subTitle={t('ws.forbiddenCreate')} />;
  if (loading) return <LoadingBlock rows={8} />;
  if (loadError) return <ErrorBlock error={loadError} />;

  const save = async (): Promise<Listing | null> => {
    setTopError(null);
    let v: Values;
    try {
      await form.validateFields();
      v = form.getFieldsValue(true) as Values;
    } catch (e) {
      const errs = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields;
      if (errs?.length) setStep(stepOf(String(errs[0].name[0])));
      setTopError(t('form.fixErrors'));
      return null;
    }
    setBusy('save');
    try {
      let l: Listing;
      if (saved) {
        const body = { ...(isDemand ? demandBody(v) : achievementBody(v)), version: saved.version };
        l = (isDemand
          ? await unwrap(api.PATCH('/api/demands/{id}', { params: { path: { id: saved.id } }, body: body as DemandInput & { version: number } }))
          : await unwrap(api.PATCH('/api/achievements/{id}', { params: { path: { id: saved.id } }, body: body as AchievementInput & { version: number } }))) as Listing;
      } else {
        l = (isDemand
          ? await unwrap(api.POST('/api/demands', { body: { ...demandBody(v), submit: false } }))
          : await unwrap(api.POST('/api/achievements', { body: { ...achievementBody(v), submit: false } }))) as Listing;
      }
      setSaved(l);
      form.setFieldsValue(toValues(l));
      message.success(t('form.saved'));
      return l;
    } catch (e) {
      // body property names → form names (the public text is one form field for both kinds)
      const mapped = e as { fields?: { field: string }[] };
      mapped.fields?.forEach((f) => {
        if (f.field === 'description' || f.field === 'summary') f.field = 'text';
      });
      const top = applyApiError(form, e, (f) => stepOf(f) >= 0 && [...STEP_FIELDS.flat(), 'text'].includes(f.split('.')[0]));
      const first = mapped.fields?.[0]?.field;
      if (first) setStep(stepOf(first));
      setTopError(top ?? t('form.fixErrors'));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step].map((f) => [f]) as never);
    } catch {
      return;
    }
    if (step === 2) {
      const l = await save();
      if (l) setStep(3);
    } else setStep(step + 1);
  };

  const submit = async () => {
    if (!saved) return;
    setBusy('submit');
    try {
      await runListingAction(saved, 'submit');
      message.success(t('form.submitted'));
      nav(`/workspace/${plural}`);
    } catch (e) {
      setTopError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const amountRules = (other: keyof Values, isMax: boolean) => [
    { pattern: WAN_PATTERN, message: t('form.amountPattern') },
    ({ getFieldValue }: { getFieldValue: (n: keyof Values) => unknown }) => ({
      validator(_: unknown, v: string | undefined) {
        const o = getFieldValue(other) as string | undefined;
        if (!v || !o || !WAN_PATTERN.test(v) || !WAN_PATTERN.test(o)) return Promise.resolve();
        const bad = isMax ? compareDecimal(v, o) < 0 : compareDecimal(o, v) < 0;
        return bad ? Promise.reject(new Error(t('form.amountOrder'))) : Promise.resolve();
      },
    }),
  ];

  const title = id ? t(isDemand ? 'form.demandEdit' : 'form.achievementEdit') : t(isDemand ? 'form.demandNew' : 'form.achievementNew');
  const canSubmit = saved && (saved.actions as string[]).includes('submit');
  const blocking = (saved?.quality ?? []).filter((q) => q.severity === 'error').length;

  return (
    <div>
      <h1 className="tb-page-title">{title}</h1>
      <Card>
        <Steps
          current={step}
          className="tb-form-steps"
          items={[{ title: t('form.step.basic') }, { title: t('form.step.tech') }, { title: t('form.step.detail') }, { title: t('form.step.check') }]}
          responsive
        />
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} role="alert" />}
        <Form<Values> form={form} layout="vertical" initialValues={{ modes: [], keywords: [], industries: [], ip: [], team: [] }} preserve>
          <section hidden={step !== 0} aria-label={t('form.step.basic')}>
            <Form.Item name="title" label={t('form.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('auth.required', { f: t('form.title') }) }]}>
              <Input maxLength={120} showCount placeholder={t('form.titlePh')} />
            </Form.Item>
            <Form.Item
              name="text"
              label={isDemand ? t('form.description') : t('form.summary')}
              rules={[{ required: true, whitespace: true, message: t('auth.required', { f: isDemand ? t('form.description') : t('form.summary') }) }]}
            >
              <Input.TextArea rows={6} maxLength={5000} showCount placeholder={isDemand ? t('form.descriptionPh') : t('form.summaryPh')} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="industries" label={t('form.industries')}>
                  <TreeSelect treeData={treeData} multiple allowClear showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('form.industriesPh')} maxCount={10} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="regionCode" label={t('form.region')}>
                  <RegionCascader placeholder={t('form.regionPh')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="field" label={t('form.field')}>
                  <Input maxLength={100} placeholder={t('form.fieldPh')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="keywords" label={t('form.keywords')}>
                  <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} placeholder={t('form.keywordsPh')} maxCount={20} open={false} suffixIcon={null} />
                </Form.Item>
              </Col>
            </Row>
          </section>

          <section hidden={step !== 1} aria-label={t('form.step.tech')}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                {isDemand ? (
                  <Form.Item name="minTrl" label={t('form.minTrl')}>
                    <TrlSelect placeholder={t('form.trlPh')} />
                  </Form.Item>
                ) : (
                  <Form.Item label={t('form.trl')} required={false}>
                    <Space.Compact block>
                      <Form.Item name="trl" noStyle>
                        <TrlSelect placeholder={t('form.trlPh')} />
                      </Form.Item>
                      <Button icon={<ExperimentOutlined />} onClick={() => setWizard(true)}>
                        {t('form.trlWizard')}
                      </Button>
                    </Space.Compact>
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="modes" label={t('form.modes')}>
                  <Select mode="multiple" allowClear options={MODES.map((m) => ({ value: m, label: t(`mode.${m}` as MessageKey) }))} />
                </Form.Item>
              </Col>
              {isDemand ? (
                <>
                  <Col xs={12} md={6}>
                    <Form.Item name="budgetMinWan" label={t('form.budgetMin')} rules={amountRules('budgetMaxWan', false)} dependencies={['budgetMaxWan']}>
                      <Input inputMode="decimal" suffix={t('common.wan')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="budgetMaxWan" label={t('form.budgetMax')} rules={amountRules('budgetMinWan', true)} dependencies={['budgetMinWan']}>
                      <Input inputMode="decimal" suffix={t('common.wan')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="deadline"
                      label={t('form.deadline')}
                      getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v) : null })}
                      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
                    >
                      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
                    </Form.Item>
                  </Col>
                </>
              ) : (
                <>
                  <Col xs={24} md={6}>
                    <Form.Item name="priceNegotiable" valuePropName="checked" label=" " colon={false}>
                      <Checkbox>{t('form.priceNegotiable')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={9}>
                    <Form.Item name="priceMinWan" label={t('form.priceMin')} rules={amountRules('priceMaxWan', false)} dependencies={['priceMaxWan']}>
                      <Input inputMode="decimal" suffix={t('common.wan')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={9}>
                    <Form.Item name="priceMaxWan" label={t('form.priceMax')} rules={amountRules('priceMinWan', true)} dependencies={['priceMinWan']}>
                      <Input inputMode="decimal" suffix={t('common.wan')} />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>
            {!isDemand && (
              <>
                <fieldset className="tb-fieldset">
                  <legend>{t('form.ip')}</legend>
                  <Form.List name="ip">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f) => (
                          <Row gutter={8} key={f.key} align="top" className="tb-list-row">
                            <Col xs={24} md={6}>
                              <Form.Item name={[f.name, 'type']} label={t('form.ipType')} rules={[{ required: true }]}>
                                <Select options={IP_TYPES.map((x) => ({ value: x, label: t(`ip.${x}` as MessageKey) }))} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={7}>
                              <Form.Item
                                name={[f.name, 'number']}
                                label={t('form.ipNumber')}
                                dependencies={[['ip', f.name, 'type']]}
                                rules={[
                                  ({ getFieldValue }) => ({
                                    validator(_, v: string | undefined) {
                                      const type = getFieldValue(['ip', f.name, 'type']) as string | undefined;
                                      if (!isPatentType(type) || !v || isValidPatentNumber(v)) return Promise.resolve();
                                      return Promise.reject(new Error(t('form.patentInvalid')));
                                    },
                                  }),
                                ]}
                              >
                                <Input placeholder={t('form.ipNumberPh')} spellCheck={false} />
                              </Form.Item>
                            </Col>
                            <Col xs={20} md={9}>
                              <Form.Item name={[f.name, 'title']} label={t('form.ipTitle')}>
                                <Input maxLength={200} />
                              </Form.Item>
                            </Col>
                            <Col xs={4} md={2} className="tb-list-remove">
                              <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                            </Col>
                          </Row>
                        ))}
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'invention_patent' })} block>
                          {t('form.addIp')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </fieldset>
                <fieldset className="tb-fieldset">
                  <legend>{t('form.team')}</legend>
                  <Form.List name="team">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f) => (
                          <Row gutter={8} key={f.key} className="tb-list-row">
                            <Col xs={24} md={7}>
                              <Form.Item name={[f.name, 'name']} label={t('form.teamName')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('form.teamName') }) }]}>
                                <Input maxLength={40} />
                              </Form.Item>
                            </Col>
                            <Col xs={12} md={7}>
                              <Form.Item name={[f.name, 'title']} label={t('form.teamTitle')}>
                                <Input maxLength={40} />
                              </Form.Item>
                            </Col>
                            <Col xs={8} md={8}>
                              <Form.Item name={[f.name, 'role']} label={t('form.teamRole')}>
                                <Input maxLength={40} />
                              </Form.Item>
                            </Col>
                            <Col xs={4} md={2} className="tb-list-remove">
                              <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                            </Col>
                          </Row>
                        ))}
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                          {t('form.addMember')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </fieldset>
                <Form.Item name="pilotNeeds" label={t('form.pilotNeeds')}>
                  <Input.TextArea rows={3} maxLength={2000} placeholder={t('form.pilotNeedsPh')} />
                </Form.Item>
              </>
            )}
          </section>

          <section hidden={step !== 2} aria-label={t('form.step.detail')}>
            <Form.Item name="detail" label={t('form.detail')} extra={t('listing.detailLocked')}>
              <Input.TextArea rows={10} maxLength={20000} showCount placeholder={t('form.detailPh')} />
            </Form.Item>
          </section>

          {step === 3 && saved && (
            <section aria-label={t('form.step.check')} data-testid="quality-check">
              <Alert type="info" showIcon title={t('form.checkIntro')} style={{ marginBottom: 16 }} />
              <h2 className="tb-card-title">{t('listing.quality')}</h2>
              <QualityList
                items={saved.quality ?? []}
                onFix={(field) => {
                  const f = field === 'description' || field === 'summary' ? 'text' : field;
                  setStep(stepOf(f));
                  window.setTimeout(() => form.scrollToField(f.split('.')[0], { block: 'center', focus: true }), 50);
                }}
              />
              {blocking > 0 && <Alert type="warning" showIcon title={t('form.blocked')} style={{ marginTop: 16 }} />}
            </section>
          )}
        </Form>

        <div className="tb-form-actions">
          <Space wrap>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('form.prev')}</Button>}
            {step < 3 && (
              <Button type="primary" onClick={next} loading={busy === 'save' && step === 2}>
                {step === 2 ? t('form.saveAndCheck') : t('form.next')}
              </Button>
            )}
            {step < 3 && (
              <Button onClick={() => void save()} loading={busy === 'save' && step !== 2}>
                {t('form.saveDraft')}
              </Button>
            )}
            {step === 3 && canSubmit && (
              <Button type="primary" onClick={submit} loading={busy === 'submit'} disabled={blocking > 0} data-testid="submit-review">
                {t('form.submitReview')}
              </Button>
            )}
            {step === 3 && saved && (
              <Link to={`/${plural}/${saved.id}`}>
                <Button>{t('action.view')}</Button>
              </Link>
            )}
          </Space>
        </div>
      </Card>
      {!isDemand && (
        <TrlWizard
          open={wizard}
          onClose={() => setWizard(false)}
          onApply={(n) => {
            form.setFieldValue('trl', n);
            setWizard(false);
          }}
        />
      )}
    </div>
  );
}
