import { Button, Card, Result, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';

export function LoadingBlock({ rows = 4, card = true }: { rows?: number; card?: boolean }) {
  const { t } = useI18n();
  const sk = <Skeleton active paragraph={{ rows }} title />;
  return (
    <div role="status" aria-live="polite" aria-label={t('common.loading')}>
      {card ? <Card>{sk}</Card> : sk}
    </div>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  const msg = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('common.error')}
      subTitle={msg}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function NotFound({ title }: { title?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={title ?? t('common.notFound')}
      subTitle={t('common.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
