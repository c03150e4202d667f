import { Card, Empty, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, unwrap, type Contract } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDate } from '../../lib/format';
import { ErrorBlock } from '../../components/PageState';
import { ContractStatus, typeLabel, useContractTypes } from './common';

export default function MyContracts() {
  const { t, pick, lang } = useI18n();
  const res = useAsync(() => unwrap(api.GET('/api/contracts', { params: { query: { scope: 'mine' } } })), []);
  const types = useContractTypes();
  return (
    <div className="tb-container tb-page">
      <h1 className="tb-page-title">{t('ct.mine')}</h1>
      <p className="tb-page-sub">{t('ct.mineSub')}</p>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Contract>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={<><div>{t('ct.empty')}</div><div className="tb-muted tb-small">{t('ct.emptyHint')}</div></>} /> }}
            columns={[
              {
                title: t('ct.name'),
                dataIndex: 'title',
                render: (v: string, c) => (
                  <div>
                    <Link to={`/contracts/${c.id}`} className="tb-table-title">
                      {v}
                    </Link>
                    <div className="tb-muted tb-small">{typeLabel(types.data, c.type, c.subtype, pick)}</div>
                  </div>
                ),
              },
              { title: t('ct.amountShort'), dataIndex: 'amountWan', align: 'right', width: 110 },
              { title: t('ct.techTrade'), dataIndex: 'techTradeWan', align: 'right', width: 120, render: (v: string) => <strong>{v}</strong> },
              { title: t('ct.status'), dataIndex: 'status', width: 120, render: (s: string) => <ContractStatus status={s} /> },
              { title: t('ct.dueDate'), dataIndex: 'dueDate', width: 120, render: (v: string | null) => v ?? '—' },
              { title: t('ct.certificateNo'), dataIndex: 'certificateNo', width: 160, render: (v: string | null) => v ?? '—' },
              { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 120, render: (v: string) => formatDate(v, lang) },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
