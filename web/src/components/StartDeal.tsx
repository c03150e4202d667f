import { useState } from 'react';
import { App, Button, Empty, List, Modal, Radio, Skeleton } from 'antd';
import { PartitionOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { ApiError, api, getOptional, unwrap, type ListingKind, type MatchResult } from '../lib/api';
import { useAuth } from '../lib/auth';

const PARTY_ROLES = ['enterprise', 'institution', 'broker', 'service'];

async function openDeal(body: { demandId?: string; achievementId?: string; matchScore?: number | null }) {
  return unwrap(api.POST('/api/deals', { body: { ...body, matchScore: body.matchScore == null ? null : Math.min(100, Math.max(0, Math.round(body.matchScore * 10000) / 10000)) } }));
}

function useOpen() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const nav = useNavigate();
  return async (body: Parameters<typeof openDeal>[0]) => {
    try {
      const d = await openDeal(body);
      message.success(t('deal.started'));
      nav(`/deals/${d.id}`);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DEAL_EXISTS') {
        modal.info({ title: t('deal.exists'), content: e.message, okText: t('common.confirm') });
      } else message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
}

/** "发起对接" on a match result: the source listing and the matched one become the deal's demand and achievement. */
export function StartDealFromMatch({ source, sourceKind, matchId, score }: { source: string; sourceKind: ListingKind; matchId: string; score: number }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const open = useOpen();
  const [busy, setBusy] = useState(false);
  if (!session || !PARTY_ROLES.includes(session.user.role)) return null;
  const body = sourceKind === 'demand' ? { demandId: source, achievementId: matchId } : { demandId: matchId, achievementId: source };
  return (
    <Button
      size="small"
      type="primary"
      ghost
      icon={<PartitionOutlined />}
      loading={busy}
      data-testid="start-deal"
      onClick={async () => {
        setBusy(true);
        await open({ ...body, matchScore: score });
        setBusy(false);
      }}
    >
      {t('deal.start')}
    </Button>
  );
}

/**
 * "发起对接" on a listing page. A party opens a deal on the listing alone (its own organisation is the other side);
 * a broker pairs the listing with one of its matches.
 */
export function StartDealButton({ kind, id, title }: { kind: ListingKind; id: string; title: string }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const open = useOpen();
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [matches, setMatches] = useState<MatchResult | null | undefined>(undefined);
  const [picked, setPicked] = useState<string | null>(null);
  if (!session || !PARTY_ROLES.includes(session.user.role)) return null;
  const broker = session.user.role === 'broker';
  const otherKind = kind === 'demand' ? 'achievement' : 'demand';

  const start = async () => {
    if (broker) {
      setShow(true);
      if (matches === undefined) {
        try {
          setMatches(await getOptional<MatchResult>(`/api/matches?${kind}=${encodeURIComponent(id)}&top=10`));
        } catch {
          setMatches(null);
        }
      }
      return;
    }
    setShow(true);
  };

  const confirm = async () => {
    setBusy(true);
    let ok: boolean;
    if (broker) {
      const m = matches?.items.find((x) => x.id === picked);
      if (!m) {
        setBusy(false);
        return;
      }
      ok = await open(kind === 'demand' ? { demandId: id, achievementId: m.id, matchScore: m.score } : { demandId: m.id, achievementId: id, matchScore: m.score });
    } else ok = await open(kind === 'demand' ? { demandId: id } : { achievementId: id });
    setBusy(false);
    if (ok) setShow(false);
  };

  return (
    <>
      <Button type="primary" icon={<PartitionOutlined />} onClick={start} data-testid="start-deal">
        {t('deal.start')}
      </Button>
      <Modal
        open={show}
        title={t('deal.startTitle')}
        okText={t('deal.start')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, disabled: broker && !picked, 'data-testid': 'start-deal-confirm' } as never}
        onOk={confirm}
        onCancel={() => setShow(false)}
        width={broker ? 680 : 520}
      >
        <p>{t('deal.startIntro')}</p>
        <p>
          <strong>{title}</strong>
        </p>
        {broker && (
          <>
            <h3 className="tb-subhead">{t('deal.startPick', { kind: t(otherKind === 'demand' ? 'kind.demand' : 'kind.achievement') })}</h3>
            <p className="tb-muted tb-small">{t('deal.startPickHint')}</p>
            {matches === undefined ? (
              <Skeleton active />
            ) : !matches?.items.length ? (
              <Empty description={t('deal.startNoMatches')} />
            ) : (
              <Radio.Group value={picked} onChange={(e) => setPicked(e.target.value as string)} className="tb-pick-list" aria-label={t('deal.startPick', { kind: '' })}>
                <List
                  size="small"
                  dataSource={matches.items}
                  renderItem={(m) => (
                    <List.Item>
                      <Radio value={m.id}>
                        <span className="tb-pick-title">{m.title}</span>
                        <span className="tb-muted tb-small">
                          {' '}
                          · {m.listing?.organisation.name} · {t('match.score')} {Math.round((Math.max(0, m.score) / Math.max(...matches.items.map((x) => x.score), Number.MIN_VALUE)) * 100)}%
                        </span>
                      </Radio>
                    </List.Item>
                  )}
                />
              </Radio.Group>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
