import { Grid, Layout, Menu, type MenuProps } from 'antd';
import { FileAddOutlined, FileTextOutlined, ExperimentOutlined, SafetyOutlined, ApartmentOutlined, BulbOutlined, PieChartOutlined, FileSearchOutlined, IdcardOutlined } from '@ant-design/icons';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth, canPublish } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { NotFound } from '../../components/PageState';
import MyListings from './MyListings';
import ListingForm from './ListingForm';
import Matches from './Matches';
import Ndas from './Ndas';
import IncomeRights from './IncomeRights';
import PatentAssessment from './PatentAssessment';
import BrokerProfile from './BrokerProfile';

interface Item {
  key: string;
  label: MessageKey;
  icon: React.ReactNode;
  show(role: Role): boolean;
}

const ITEMS: Item[] = [
  { key: '/workspace/demands', label: 'nav.myDemands', icon: <FileTextOutlined />, show: (r) => canPublish(r, 'demand') },
  { key: '/workspace/demands/new', label: 'nav.newDemand', icon: <FileAddOutlined />, show: (r) => canPublish(r, 'demand') },
  { key: '/workspace/achievements', label: 'nav.myAchievements', icon: <BulbOutlined />, show: (r) => canPublish(r, 'achievement') },
  { key: '/workspace/achievements/new', label: 'nav.newAchievement', icon: <ExperimentOutlined />, show: (r) => canPublish(r, 'achievement') },
  { key: '/workspace/brokered', label: 'nav.brokered', icon: <ApartmentOutlined />, show: (r) => r === 'broker' },
  { key: '/workspace/ndas', label: 'nav.ndas', icon: <SafetyOutlined />, show: () => true },
  { key: '/workspace/income', label: 'nav.incomeRights', icon: <PieChartOutlined />, show: (r) => r === 'institution' },
  { key: '/workspace/patent', label: 'nav.patentAssessment', icon: <FileSearchOutlined />, show: (r) => r === 'institution' },
  { key: '/workspace/broker', label: 'nav.brokerProfile', icon: <IdcardOutlined />, show: (r) => r === 'broker' },
];

/** institutions start from achievements, everyone else from their first item */
function firstFor(role: Role): string {
  if (role === 'institution') return '/workspace/achievements';
  return ITEMS.find((i) => i.show(role))?.key ?? '/workspace/ndas';
}

function selected(pathname: string, keys: string[]): string {
  const exact = keys.find((k) => k === pathname);
  if (exact) return exact;
  return keys.filter((k) => pathname.startsWith(k) && !k.endsWith('/new')).sort((a, b) => b.length - a.length)[0] ?? '';
}

export default function Workspace() {
  const { session } = useAuth();
  const { t } = useI18n();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const role = session!.user.role;
  const visible = ITEMS.filter((i) => i.show(role));
  const items: MenuProps['items'] = visible.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={i.key}>{t(i.label)}</Link> }));
  const sel = selected(loc.pathname, visible.map((i) => i.key));
  const menu = <Menu mode={screens.md ? 'inline' : 'horizontal'} selectedKeys={[sel]} items={items} className="tb-ws-menu" />;
  return (
    <div className="tb-container tb-page">
      <Layout className="tb-ws">
        {screens.md ? (
          <Layout.Sider width={208} theme="light" className="tb-ws-sider">
            <nav aria-label={t('nav.workspace')}>
              <div className="tb-ws-sider-title">{t('nav.workspace')}</div>
              {menu}
            </nav>
          </Layout.Sider>
        ) : (
          <nav aria-label={t('nav.workspace')} className="tb-ws-topnav">
            {menu}
          </nav>
        )}
        <Layout.Content className="tb-ws-content">
          <Routes>
            <Route index element={<Navigate to={firstFor(role)} replace />} />
            <Route path="demands" element={<MyListings kind="demand" />} />
            <Route path="demands/new" element={<ListingForm key="new-d" kind="demand" />} />
            <Route path="demands/:id/edit" element={<ListingForm kind="demand" />} />
            <Route path="demands/:id/matches" element={<Matches kind="demand" />} />
            <Route path="achievements" element={<MyListings kind="achievement" />} />
            <Route path="achievements/new" element={<ListingForm key="new-a" kind="achievement" />} />
            <Route path="achievements/:id/edit" element={<ListingForm kind="achievement" />} />
            <Route path="achievements/:id/matches" element={<Matches kind="achievement" />} />
            <Route
              path="brokered"
              element={
                <>
                  <MyListings kind="demand" scope="brokered" />
                  <div style={{ height: 24 }} />
                  <MyListings kind="achievement" scope="brokered" />
                </>
              }
            />
            <Route path="ndas" element={<Ndas />} />
            <Route path="income" element={role === 'institution' ? <IncomeRights /> : <NotFound />} />
            <Route path="patent" element={<PatentAssessment />} />
            <Route path="broker" element={role === 'broker' ? <BrokerProfile /> : <NotFound />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </div>
  );
}
