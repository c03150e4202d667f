import { Grid, Layout, Menu } from 'antd';
import { ApartmentOutlined, BankOutlined, CalendarOutlined, ClusterOutlined, ExperimentOutlined, FileTextOutlined, RocketOutlined, SolutionOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import { useAuth } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { useT, type ExtraKey } from './common';
import { PilotBaseNew, PilotBasePage, PilotBookings, PilotDirectory, PilotRecommend } from './Pilot';
import { FinanceApplications, FinanceCatalogue, FinanceRequestPage, FinanceRequests } from './Finance';
import { Capabilities, ChainsHome, PartNew, PartPage } from './Chains';
import { AllianceDetail, Alliances, Incubation, Instruments } from './Others';
import './services.css';

const PARTIES: Role[] = ['enterprise', 'institution', 'broker', 'service'];
const SIGNED_IN: Role[] = [...PARTIES, 'government', 'admin'];

/** /services/* — pilot bases, technology finance, supply-chain localisation, incubation, instruments, alliances. */
export default function Services() {
  const { t } = useT();
  const loc = useLocation();
  const { session } = useAuth();
  const role = session?.user.role;
  const screens = Grid.useBreakpoint();
  const entries: { key: string; label: ExtraKey; icon: React.ReactNode; roles?: Role[] }[] = [
    { key: '/services/pilot', label: 'x.nav.pilot', icon: <ExperimentOutlined /> },
    { key: '/services/pilot/bookings', label: 'sv.pl.bookings', icon: <CalendarOutlined />, roles: PARTIES },
    { key: '/services/finance', label: 'x.nav.finance', icon: <BankOutlined /> },
    { key: '/services/finance/requests', label: 'sv.fi.requests', icon: <FileTextOutlined />, roles: ['enterprise', 'institution'] },
    { key: '/services/finance/applications', label: 'sv.fi.applications', icon: <SolutionOutlined />, roles: PARTIES },
    { key: '/services/chains', label: 'x.nav.chains', icon: <ApartmentOutlined /> },
    { key: '/services/chains/capabilities', label: 'sv.ch.capabilities', icon: <ToolOutlined /> },
    { key: '/services/incubation', label: 'x.nav.incubation', icon: <RocketOutlined /> },
    { key: '/services/instruments', label: 'x.nav.instruments', icon: <ClusterOutlined /> },
    { key: '/services/alliances', label: 'x.nav.alliances', icon: <TeamOutlined /> },
  ];
  const items = entries.filter((e) => !e.roles || (role && e.roles.includes(role))).map((e) => ({ key: e.key, icon: e.icon, label: <Link to={e.key}>{t(e.label)}</Link> }));
  const sel = [...items].sort((a, b) => b.key.length - a.key.length).find((i) => loc.pathname.startsWith(i.key))?.key ?? '';
  const menu = <Menu mode={screens.md ? 'inline' : 'horizontal'} selectedKeys={[sel]} items={items} className="tb-ws-menu" />;
  return (
    <div className="tb-container tb-page">
      <Layout className="tb-ws">
        {screens.md ? (
          <Layout.Sider width={208} theme="light" className="tb-ws-sider">
            <nav aria-label={t('sv.area')}>
              <div className="tb-ws-sider-title">{t('sv.area')}</div>
              {menu}
            </nav>
          </Layout.Sider>
        ) : (
          <nav aria-label={t('sv.area')} className="tb-ws-topnav">
            {menu}
          </nav>
        )}
        <Layout.Content className="tb-ws-content">
          <Routes>
            <Route index element={<Navigate to="/services/pilot" replace />} />
            <Route path="pilot" element={<PilotDirectory />} />
            <Route path="pilot/new" element={<RequireRole roles={['service', 'admin']}><PilotBaseNew /></RequireRole>} />
            <Route path="pilot/bookings" element={<RequireRole roles={PARTIES}><PilotBookings /></RequireRole>} />
            <Route path="pilot/recommend" element={<RequireRole roles={SIGNED_IN}><PilotRecommend /></RequireRole>} />
            <Route path="pilot/:id" element={<PilotBasePage />} />
            <Route path="finance" element={<FinanceCatalogue />} />
            <Route path="finance/requests" element={<RequireRole roles={PARTIES}><FinanceRequests /></RequireRole>} />
            <Route path="finance/requests/:id" element={<RequireRole roles={PARTIES}><FinanceRequestPage /></RequireRole>} />
            <Route path="finance/applications" element={<RequireRole roles={PARTIES}><FinanceApplications /></RequireRole>} />
            <Route path="chains" element={<ChainsHome />} />
            <Route path="chains/parts/new" element={<RequireRole roles={['enterprise']}><PartNew /></RequireRole>} />
            <Route path="chains/parts/:id" element={<PartPage />} />
            <Route path="chains/capabilities" element={<Capabilities />} />
            <Route path="incubation" element={<Incubation />} />
            <Route path="instruments" element={<Instruments />} />
            <Route path="alliances" element={<Alliances />} />
            <Route path="alliances/:id" element={<AllianceDetail />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </div>
  );
}
