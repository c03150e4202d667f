import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useAuth } from '../lib/auth';
import type { Role } from '../lib/api';
import { LoadingBlock } from './PageState';

export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { session, loading } = useAuth();
  const { t } = useI18n();
  const loc = useLocation();
  if (loading) return <LoadingBlock />;
  if (!session)
    return (
      <Result
        status="403"
        title={t('common.loginRequired')}
        subTitle={t('common.loginRequiredHint')}
        extra={
          <Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`}>
            <Button type="primary">{t('nav.login')}</Button>
          </Link>
        }
      />
    );
  if (roles && !roles.includes(session.user.role)) return <Result status="403" title={t('common.forbidden')} subTitle={t('common.forbiddenHint')} />;
  return <>{children}</>;
}
