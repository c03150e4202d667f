import { Grid, Layout, Menu } from 'antd';
import { AimOutlined, BarChartOutlined, FlagOutlined, PieChartOutlined } from '@ant-design/icons';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import { useAuth } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { useT, type ExtraKey } from '../credit/i18n';
import { CaseDetail, CaseList, CoordinationStats } from './Coordination';
import { PlanProgressPage, RegionalStatsPage } from './Plan';

const GOV: Role[] = ['government', 'admin'];
const SIGNED_IN: Role[] = ['enterprise', 'institution', 'broker', 'service', 'government', 'admin'];

/** /gov/* — coordination cases, plan progress, regional statistics (public pages need no login). */
export default function Gov() {
  const { t } = useT();
  const loc = useLocation();
  const { session } = useAuth();
  const role = session?.user.role;
  const screens = Grid.useBreakpoint();
  const entries: { key: string; label: ExtraKey; icon: React.ReactNode; roles?: Role[] }[] = [
    { key: '/gov/coordination', label: 'x.nav.coordination', icon: <FlagOutlined />, roles: SIGNED_IN },
    { key: '/gov/coordination-stats', label: 'co.stats', icon: <PieChartOutlined /> },
    { key: '/gov/plan', label: 'x.nav.plan', icon: <AimOutlined />, roles: GOV },
    { key: '/gov/regional', label: 'x.nav.regional', icon: <BarChartOutlined /> },
  ];
  const items = entries.filter((e) => !e.roles || (role && e.roles.includes(role))).map((e) => ({ key: e.key, icon: e.icon, label: <Link to={e.key}>{t(e.label)}</Link> }));
  const sel = [...items].sort((a, b) => b.key.length - a.key.length).find((i) => loc.pathname.startsWith(i.key))?.key ?? '';
  const menu = <Menu mode={screens.md ? 'inline' : 'horizontal'} selectedKeys={[sel]} items={items} className="tb-ws-menu" />;
  return (
    <div className="tb-container tb-page">
      <Layout className="tb-ws">
        {screens.md ? (
          <Layout.Sider width={208} theme="light" className="tb-ws-sider">
            <nav aria-label={t('x.nav.gov')}>
              <div className="tb-ws-sider-title">{t('x.nav.gov')}</div>
              {menu}
            </nav>
          </Layout.Sider>
        ) : (
          <nav aria-label={t('x.nav.gov')} className="tb-ws-topnav">
            {menu}
          </nav>
        )}
        <Layout.Content className="tb-ws-content">
          <Routes>
            <Route index element={<Navigate to={role && GOV.includes(role) ? '/gov/plan' : '/gov/regional'} replace />} />
            <Route path="coordination" element={<RequireRole roles={SIGNED_IN}><CaseList /></RequireRole>} />
            <Route path="coordination/:id" element={<RequireRole roles={SIGNED_IN}><CaseDetail /></RequireRole>} />
            <Route path="coordination-stats" element={<CoordinationStats />} />
            <Route path="plan" element={<RequireRole roles={GOV}><PlanProgressPage /></RequireRole>} />
            <Route path="regional" element={<RegionalStatsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </div>
  );
}
