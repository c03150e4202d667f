import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type RegisterInput } from '../../lib/api';
import { useAuth, type Session } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { isValidUscc } from '../../lib/checks';
import { RegionCascader } from '../../components/RegionCascader';
import { homeFor } from './Login';

type SelfRole = 'enterprise' | 'institution' | 'broker' | 'service';
const ROLES: SelfRole[] = ['enterprise', 'institution', 'broker', 'service'];
const TYPES: Record<SelfRole, RegisterInput['organisation']['type'][]> = {
  enterprise: ['enterprise'],
  institution: ['university', 'institute'],
  broker: ['broker_agency'],
  service: ['pilot_base', 'demonstration_base', 'incubator', 'bank', 'guarantee', 'insurer', 'investor'],
};

interface Values {
  role: SelfRole;
  name: string;
  email: string;
  phone?: string;
  password: string;
  password2: string;
  organisation: { name: string; uscc: string; type: RegisterInput['organisation']['type']; regionCode?: string | null };
}

const FIELDS = new Set(['role', 'name', 'email', 'phone', 'password', 'organisation.name', 'organisation.uscc', 'organisation.type', 'organisation.regionCode']);

export default function Register() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) ?? 'enterprise';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { setSession } = useAuth();
  const nav = useNavigate();

  return (
    <div className="tb-container tb-page tb-auth">
      <Card className="tb-auth-card tb-auth-wide">
        <h1 className="tb-page-title">{t('auth.registerTitle')}</h1>
        <p className="tb-page-sub">{t('auth.registerSub')}</p>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ role: 'enterprise', organisation: { type: 'enterprise' } }}
          onValuesChange={(ch: Partial<Values>) => {
            if (ch.role) form.setFieldValue(['organisation', 'type'], TYPES[ch.role][0]);
          }}
          onFinish={async (v) => {
            setBusy(true);
            setError(null);
            try {
              const body: RegisterInput = {
                email: v.email.trim(),
                password: v.password,
                name: v.name.trim(),
                phone: v.phone?.trim() || null,
                role: v.role,
                organisation: {
                  name: v.organisation.name.trim(),
                  uscc: v.organisation.uscc.trim().toUpperCase(),
                  type: v.organisation.type,
                  regionCode: v.organisation.regionCode ?? null,
                },
              };
              const s = (await unwrap(api.POST('/api/auth/register', { body }))) as Session;
              setSession(s);
              nav(homeFor(s.user.role));
            } catch (e) {
              setError(applyApiError(form, e, (f) => FIELDS.has(f)));
            } finally {
              setBusy(false);
            }
          }}
          scrollToFirstError
        >
          <h2 className="tb-form-section">{t('auth.orgSection')}</h2>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="role" label={t('auth.role')} rules={[{ required: true }]}>
                <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['organisation', 'type']} label={t('auth.orgType')} rules={[{ required: true }]}>
                <Select options={TYPES[role].map((x) => ({ value: x, label: t(`orgType.${x}` as MessageKey) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'name']}
                label={t('auth.orgName')}
                rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('auth.orgName') }) }]}
              >
                <Input maxLength={120} autoComplete="organization" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'uscc']}
                label={t('auth.uscc')}
                extra={t('auth.usccHint')}
                validateTrigger="onBlur"
                rules={[
                  { required: true, message: t('auth.required', { f: t('auth.uscc') }) },
                  { validator: (_, v: string) => (!v || isValidUscc(v) ? Promise.resolve() : Promise.reject(new Error(t('auth.usccInvalid')))) },
                ]}
              >
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['organisation', 'regionCode']} label={t('auth.orgRegion')}>
                <RegionCascader placeholder={t('form.regionPh')} />
              </Form.Item>
            </Col>
          </Row>
          <h2 className="tb-form-section">{t('auth.accountSection')}</h2>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('auth.name')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('auth.name') }) }]}>
                <Input maxLength={60} autoComplete="name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={`${t('auth.phone')}（${t('common.optional')}）`}>
                <Input maxLength={20} autoComplete="tel" inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, message: t('auth.required', { f: t('auth.email') }) }]}>
                <Input type="email" autoComplete="email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} />
            <Col xs={24} md={12}>
              <Form.Item name="password" label={t('auth.password')} extra={t('auth.passwordHint')} rules={[{ required: true, message: t('auth.required', { f: t('auth.password') }) }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="password2"
                label={t('auth.passwordConfirm')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('auth.required', { f: t('auth.passwordConfirm') }) },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" size="large" loading={busy} block>
            {t('auth.register')}
          </Button>
        </Form>
        <p className="tb-auth-alt">
          {t('auth.haveAccount')} <Link to="/login">{t('auth.loginNow')}</Link>
        </p>
      </Card>
    </div>
  );
}
