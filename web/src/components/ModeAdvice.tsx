import { Alert, Card, List, Tag } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n';
import { getOptional, type ModeAdvice } from '../lib/api';
import { useAsync } from '../lib/useAsync';

/** Transformation modes suggested for a TRL (GET /api/decision/modes), with the reason for each. */
export function ModeAdviceCard({ trl, compact }: { trl: number | null; compact?: boolean }) {
  const { t, pick } = useI18n();
  const res = useAsync(() => getOptional<ModeAdvice>(`/api/decision/modes${trl ? `?trl=${trl}` : ''}`), [trl]);
  const a = res.data;
  if (!a || res.error) return null;
  const modeName = (m: { mode: string; zh: string; en: string }) => {
    const k = `mode.${m.mode}` as MessageKey;
    return t(k) !== k ? t(k) : pick(m.zh, m.en);
  };
  return (
    <Card className={compact ? '' : 'tb-section-card'} size={compact ? 'small' : undefined} title={<h2 className="tb-card-title"><ExperimentOutlined aria-hidden /> {t('mode.title')}</h2>} data-testid="mode-advice">
      <p className="tb-muted">{pick(a.adviceZh, a.adviceEn)}</p>
      {a.selfAssessFirst && <Alert type="info" showIcon title={t('mode.selfAssess')} />}
      {a.needsPilotBase && <Tag color="orange" style={{ marginBottom: 8 }}>{t('mode.pilot')}</Tag>}
      {a.modes.length > 0 && (
        <List
          size="small"
          dataSource={a.modes}
          renderItem={(m, i) => (
            <List.Item>
              <div>
                <Tag color={i === 0 ? 'blue' : 'default'}>{modeName(m)}</Tag>
                <span className="tb-small">{pick(m.reasonZh, m.reasonEn)}</span>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
