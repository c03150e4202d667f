import { useMemo, useState, type DragEvent } from 'react';
import { Alert, Card, Empty, Segmented, Skeleton, Tag, Tooltip } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, unwrap, type Deal, type DealStage } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useAsync } from '../../lib/useAsync';
import { formatDate } from '../../lib/format';
import { AUTOMATIC_STAGES, KANBAN_COLUMNS, STAGE_COLOR } from '../../lib/deals';
import { ErrorBlock } from '../../components/PageState';
import { StageMenu, stageLabel, useStageChange } from './StageControl';

type Scope = 'mine' | 'brokered' | 'all';
const PAGE = 100;

function DealCard({ deal, onRequest, onDragStart, onDragEnd }: { deal: Deal; onRequest(to: DealStage): void; onDragStart(e: DragEvent): void; onDragEnd(): void }) {
  const { t, lang } = useI18n();
  const draggable = deal.nextStages.length > 0;
  return (
    <article className="tb-kcard" draggable={draggable} onDragStart={onDragStart} onDragEnd={onDragEnd} data-testid="deal-card" data-stage={deal.stage} aria-label={deal.title}>
      <Link to={`/deals/${deal.id}`} className="tb-kcard-title">
        {deal.title}
      </Link>
      <dl className="tb-kcard-parties">
        <dt>{t('deal.role.buyer')}</dt>
        <dd title={deal.buyer.name}>{deal.buyer.name}</dd>
        <dt>{t('deal.role.seller')}</dt>
        <dd title={deal.seller.name}>{deal.seller.name}</dd>
      </dl>
      <div className="tb-kcard-meta">
        {deal.amountWan && <span className="tb-kcard-amount">{deal.amountWan} {t('common.wan')}</span>}
        {deal.brokers.length > 0 && (
          <Tooltip title={t('deal.brokers')}>
            <span className="tb-muted">
              <UserOutlined aria-hidden /> {deal.brokers.map((b) => b.name).join('、')}
            </span>
          </Tooltip>
        )}
        {deal.stage === 'closed_lost' && deal.lostReason && <Tag color="red">{t(`deal.lost.${deal.lostReason}` as never)}</Tag>}
      </div>
      <div className="tb-kcard-foot">
        <span className="tb-muted tb-small">{t('deal.updated', { d: formatDate(deal.updatedAt, lang) })}</span>
        <StageMenu deal={deal} onRequest={onRequest} size="small" />
      </div>
    </article>
  );
}

export default function Board() {
  const { t } = useI18n();
  const { session } = useAuth();
  const role = session!.user.role;
  const [sp, setSp] = useSearchParams();
  const scopes: Scope[] = role === 'admin' ? ['all'] : role === 'broker' ? ['brokered', 'mine'] : ['mine', 'brokered'];
  const scope = (scopes.includes(sp.get('scope') as Scope) ? sp.get('scope') : scopes[0]) as Scope;
  const res = useAsync(() => unwrap(api.GET('/api/deals', { params: { query: { scope, pageSize: PAGE } } })), [scope]);
  const [dragging, setDragging] = useState<Deal | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const stage = useStageChange((d) => {
    if (!res.data) return;
    res.setData({ ...res.data, items: res.data.items.map((x) => (x.id === d.id ? d : x)) });
  });

  const columns = useMemo(() => {
    const by = new Map<string, Deal[]>(KANBAN_COLUMNS.map((c) => [c, []]));
    for (const d of res.data?.items ?? []) by.get(d.stage)?.push(d);
    return by;
  }, [res.data]);

  const drop = (to: DealStage) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const d = dragging;
    setDragging(null);
    if (d && d.stage !== to) stage.request(d, to);
  };

  return (
    <div className="tb-container tb-container-wide tb-page">
      <div className="tb-ws-head">
        <div>
          <h1 className="tb-page-title">{t('deal.title')}</h1>
          <p className="tb-page-sub tb-page-sub-tight">{t('deal.sub')}</p>
        </div>
        {scopes.length > 1 && (
          <Segmented<Scope>
            aria-label={t('deal.scope')}
            value={scope}
            onChange={(v) => setSp({ scope: v })}
            options={scopes.map((s) => ({ value: s, label: t(`deal.scope.${s}`) }))}
          />
        )}
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading && !res.data ? (
        <div className="tb-kanban" aria-busy="true">
          {KANBAN_COLUMNS.slice(0, 5).map((c) => (
            <div key={c} className="tb-kcol">
              <Skeleton active paragraph={{ rows: 3 }} />
            </div>
          ))}
        </div>
      ) : !res.data?.items.length ? (
        <Card>
          <Empty description={<><div>{t('deal.empty')}</div><div className="tb-muted tb-small">{t('deal.emptyHint')}</div></>} />
        </Card>
      ) : (
        <>
          <p className="tb-muted tb-small tb-kanban-hint">{t('deal.dragHint')}</p>
          {res.data.total > PAGE && <Alert type="info" showIcon title={t('deal.more', { n: PAGE })} style={{ marginBottom: 12 }} />}
          <div className="tb-kanban" data-testid="kanban" role="list" aria-label={t('deal.board')}>
            {KANBAN_COLUMNS.map((c) => {
              const items = columns.get(c) ?? [];
              const accepts = !!dragging && dragging.nextStages.includes(c) && !AUTOMATIC_STAGES.includes(c);
              return (
                <section
                  key={c}
                  role="listitem"
                  className={`tb-kcol${accepts ? ' tb-kcol-accepts' : ''}${over === c && accepts ? ' tb-kcol-over' : ''}`}
                  aria-label={`${stageLabel(t, c)} ${t('deal.count', { n: items.length })}`}
                  data-column={c}
                  onDragOver={(e) => {
                    if (accepts) {
                      e.preventDefault();
                      setOver(c);
                    }
                  }}
                  onDragLeave={() => setOver((o) => (o === c ? null : o))}
                  onDrop={drop(c)}
                >
                  <header className="tb-kcol-head" style={{ borderTopColor: STAGE_COLOR[c] }}>
                    <h2 className="tb-kcol-title">{stageLabel(t, c)}</h2>
                    <span className="tb-kcol-count">{items.length}</span>
                  </header>
                  {AUTOMATIC_STAGES.includes(c) && <div className="tb-kcol-auto tb-small">{t('deal.automatic')} · {c === 'nda_signed' ? t('deal.autoNda') : t('deal.autoRegistered')}</div>}
                  <div className="tb-kcol-body">
                    {items.length ? (
                      items.map((d) => (
                        <DealCard
                          key={d.id}
                          deal={d}
                          onRequest={(to) => stage.request(d, to)}
                          onDragStart={(e) => {
                            e.dataTransfer.effectAllowed = 'move';
                            e.dataTransfer.setData('text/plain', d.id);
                            setDragging(d);
                          }}
                          onDragEnd={() => {
                            setDragging(null);
                            setOver(null);
                          }}
                        />
                      ))
                    ) : (
                      <div className="tb-kcol-empty tb-small">{t('deal.columnEmpty')}</div>
                    )}
                  </div>
                </section>
              );
            })}
          </div>
        </>
      )}
      {stage.modal}
    </div>
  );
}
