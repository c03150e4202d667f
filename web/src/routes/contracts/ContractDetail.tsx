import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Row, Space, Table } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Contract } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { formatDateTime, WAN_PATTERN } from '../../lib/format';
import { useCities } from '../../lib/reference';
import { ErrorBlock, LoadingBlock, NotFound } from '../../components/PageState';
import { ContractStatus, typeLabel, useContractTypes } from './common';
import { RegistrarActions } from './RegistrarQueue';

export function ContractFacts({ c }: { c: Contract }) {
  const { t, pick, lang } = useI18n();
  const types = useContractTypes();
  const cities = useCities();
  const region = (code?: string | null) => (code ? (cities?.find((x) => x.code === `${code.slice(0, 4)}00`)?.name ?? code) : '—');
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered className="tb-ct-facts">
        <Descriptions.Item label={t('ct.type')}>{typeLabel(types.data, c.type, c.subtype, pick)}</Descriptions.Item>
        <Descriptions.Item label={t('ct.direction')}>{t(`ct.direction.${c.direction}` as MessageKey)}</Descriptions.Item>
        <Descriptions.Item label={t('ct.amountShort')}>
          {c.amountWan} {t('common.wan')}
        </Descriptions.Item>
        <Descriptions.Item label={t('ct.techTrade')}>
          <strong data-testid="contract-techtrade">
            {c.techTradeWan} {t('common.wan')}
          </strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('ct.nonTechnical')} span={2}>
          {c.nonTechnical.length ? c.nonTechnical.map((n) => `${n.label} ${n.amountWan} ${t('common.wan')}`).join('；') : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ct.signDate')}>{c.signDate}</Descriptions.Item>
        <Descriptions.Item label={`${t('ct.termStart')} – ${t('ct.termEnd')}`}>{c.termStart || c.termEnd ? `${c.termStart ?? '…'} – ${c.termEnd ?? '…'}` : '—'}</Descriptions.Item>
        {c.acceptedOn && <Descriptions.Item label={t('ct.acceptedOn')}>{c.acceptedOn}</Descriptions.Item>}
        {c.dueDate && (
          <Descriptions.Item label={t('ct.dueDate')}>
            <span data-testid="contract-due">{c.dueDate}</span>
            {c.dueCoverage && <div className="tb-muted tb-small">{t(`ct.dueCoverage.${c.dueCoverage}` as MessageKey)}</div>}
          </Descriptions.Item>
        )}
        {c.certificateNo && (
          <Descriptions.Item label={t('ct.certificateNo')}>
            <strong data-testid="certificate-no">{c.certificateNo}</strong>
          </Descriptions.Item>
        )}
        {c.decidedAt && <Descriptions.Item label={t('ct.decidedAt')}>{formatDateTime(c.decidedAt, lang)}</Descriptions.Item>}
      </Descriptions>
      <h3 className="tb-subhead">{t('ct.parties')}</h3>
      <Table
        size="small"
        pagination={false}
        rowKey={(p) => `${p.role}-${p.name}`}
        dataSource={c.parties}
        scroll={{ x: 520 }}
        columns={[
          { title: t('ct.partyRole'), dataIndex: 'role', width: 80, render: (r: string) => t(`ct.partyRole.${r}` as MessageKey) },
          { title: t('ct.partyName'), dataIndex: 'name', render: (n: string, p) => (p.organisationId ? <Link to={`/organisations/${p.organisationId}`}>{n}</Link> : n) },
          { title: t('ct.partyUscc'), dataIndex: 'uscc', render: (u: string | null) => u ?? '—' },
          { title: t('ct.partyRegion'), dataIndex: 'regionCode', render: (r: string | null) => region(r) },
        ]}
      />
    </>
  );
}

export default function ContractDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const res = useAsync(() => unwrap(api.GET('/api/contracts/{id}', { params: { path: { id } } })), [id]);
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState(false);
  const [form] = Form.useForm<{ kind: 'change' | 'cancel'; reason: string; amountWan?: string }>();
  const kind = Form.useWatch('kind', form);

  if (res.error) return <div className="tb-container tb-page">{(res.error as { status?: number }).status === 404 ? <NotFound /> : <ErrorBlock error={res.error} onRetry={res.reload} />}</div>;
  if (!res.data) return <div className="tb-container tb-page"><LoadingBlock rows={8} /></div>;
  const c = res.data;
  const role = session?.user.role;
  const registrar = role === 'government' || role === 'admin';
  // the registering party: the seller, or the domestic buyer for a technology import
  const applicantRole = c.direction === 'import' ? 'buyer' : 'seller';
  const applicant = !!session?.organisation && c.parties.some((p) => p.role === applicantRole && p.organisationId === session.organisation!.id);

  return (
    <div className="tb-container tb-page">
      <Breadcrumb className="tb-breadcrumb" items={[{ title: <Link to={registrar ? '/registrar' : '/contracts'}>{registrar ? t('ct.registrar') : t('ct.mine')}</Link> }, { title: c.title }]} />
      <Card className="tb-detail-head">
        <div className="tb-deal-head-top">
          <div>
            <Space className="tb-detail-kind">
              <ContractStatus status={c.status} />
            </Space>
            <h1 className="tb-detail-title">{c.title}</h1>
            {c.dealId && (
              <Link to={`/deals/${c.dealId}`} className="tb-small">
                {t('ct.dealLink')} →
              </Link>
            )}
          </div>
          <Space wrap>
            {applicant && (c.status === 'draft' || c.status === 'rejected') && (
              <Button
                type="primary"
                loading={busy}
                data-testid="contract-submit-existing"
                onClick={async () => {
                  setBusy(true);
                  try {
                    const s = await unwrap(api.POST('/api/contracts/{id}/submit', { params: { path: { id: c.id } } }));
                    message.success(t('ct.submitted', { a: s.acceptedOn ?? '', d: s.dueDate ?? '' }));
                    res.setData(s);
                  } catch (e) {
                    message.error(e instanceof Error ? e.message : String(e));
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                {t('ct.submit')}
              </Button>
            )}
            {(applicant || registrar) && c.status === 'registered' && (
              <Button
                onClick={() => {
                  form.resetFields();
                  setChanging(true);
                }}
              >
                {t('ct.changes')}
              </Button>
            )}
            {registrar && c.status === 'submitted' && <RegistrarActions c={c} onDone={res.setData} />}
          </Space>
        </div>
        {c.status === 'submitted' && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('ct.submitted', { a: c.acceptedOn ?? '', d: c.dueDate ?? '' })} description={t('ct.dueRule')} />}
        {c.status === 'registered' && <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('ct.registered', { no: c.certificateNo ?? '' })} />}
        {c.status === 'rejected' && c.rejectReason && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('ct.rejectReason')} description={c.rejectReason} />}
      </Card>
      <Row gutter={[20, 20]}>
        <Col span={24}>
          <Card className="tb-section-card" title={<h2 className="tb-card-title">{t('ct.detail')}</h2>}>
            <ContractFacts c={c} />
          </Card>
        </Col>
      </Row>
      <Modal
        open={changing}
        title={t('ct.changes')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, danger: kind === 'cancel' }}
        onCancel={() => setChanging(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          try {
            const after = await unwrap(
              api.POST('/api/contracts/{id}/changes', { params: { path: { id: c.id } }, body: { kind: v.kind, reason: v.reason.trim(), ...(v.kind === 'change' && v.amountWan ? { amountWan: v.amountWan.trim() } : {}) } }),
            );
            message.success(t('ct.changeDone'));
            res.setData(after);
            setChanging(false);
          } catch (e) {
            const top = applyApiError(form, e, (f) => ['reason', 'amountWan'].includes(f));
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'change' }}>
          <Form.Item name="kind" label={t('ct.changeKind')}>
            <Radio.Group optionType="button" options={[{ value: 'change', label: t('ct.change.change') }, { value: 'cancel', label: t('ct.change.cancel') }]} />
          </Form.Item>
          {kind !== 'cancel' && (
            <Form.Item name="amountWan" label={t('ct.changeAmount')} rules={[{ pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
              <Input inputMode="decimal" placeholder={c.amountWan} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('ct.changeReason')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('ct.changeReason') }) }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
