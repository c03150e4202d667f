import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, unwrap, type Role } from '../../lib/api';
import { useAuth, type Session } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';

export function homeFor(role: Role): string {
  if (role === 'admin') return '/admin/review';
  if (role === 'government') return '/dashboard';
  return '/workspace';
}

export default function Login() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { setSession } = useAuth();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const next = sp.get('next');

  return (
    <div className="tb-container tb-page tb-auth">
      <Card className="tb-auth-card">
        <h1 className="tb-page-title">{t('auth.loginTitle')}</h1>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={async (v) => {
            setBusy(true);
            setError(null);
            try {
              const s = (await unwrap(api.POST('/api/auth/login', { body: { email: v.email.trim(), password: v.password } }))) as Session;
              setSession(s);
              nav(next && next.startsWith('/') && !next.startsWith('//') ? next : homeFor(s.user.role));
            } catch (e) {
              setError(applyApiError(form, e, (f) => f === 'email' || f === 'password'));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, message: t('auth.required', { f: t('auth.email') }) }]}>
            <Input prefix={<MailOutlined aria-hidden />} autoComplete="username" type="email" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.required', { f: t('auth.password') }) }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('auth.login')}
          </Button>
        </Form>
        <p className="tb-auth-alt">
          {t('auth.noAccount')} <Link to="/register">{t('auth.registerNow')}</Link>
        </p>
      </Card>
    </div>
  );
}
