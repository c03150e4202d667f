import { Grid, Layout, Menu } from 'antd';
import { AuditOutlined, BankOutlined, UserOutlined, DashboardOutlined } from '@ant-design/icons';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { NotFound } from '../../components/PageState';
import ReviewQueue from './ReviewQueue';
import Users from './Users';
import Organisations from './Organisations';

export default function Admin() {
  const { t } = useI18n();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const items = [
    { key: '/admin/review', icon: <AuditOutlined />, label: <Link to="/admin/review">{t('nav.review')}</Link> },
    { key: '/admin/users', icon: <UserOutlined />, label: <Link to="/admin/users">{t('nav.users')}</Link> },
    { key: '/admin/organisations', icon: <BankOutlined />, label: <Link to="/admin/organisations">{t('nav.organisations')}</Link> },
    { key: '/dashboard', icon: <DashboardOutlined />, label: <Link to="/dashboard">{t('nav.dashboard')}</Link> },
  ];
  const sel = items.find((i) => loc.pathname.startsWith(i.key))?.key ?? '';
  const menu = <Menu mode={screens.md ? 'inline' : 'horizontal'} selectedKeys={[sel]} items={items} className="tb-ws-menu" />;
  return (
    <div className="tb-container tb-page">
      <Layout className="tb-ws">
        {screens.md ? (
          <Layout.Sider width={208} theme="light" className="tb-ws-sider">
            <nav aria-label={t('nav.admin')}>
              <div className="tb-ws-sider-title">{t('nav.admin')}</div>
              {menu}
            </nav>
          </Layout.Sider>
        ) : (
          <nav aria-label={t('nav.admin')} className="tb-ws-topnav">
            {menu}
          </nav>
        )}
        <Layout.Content className="tb-ws-content">
          <Routes>
            <Route index element={<Navigate to="/admin/review" replace />} />
            <Route path="review" element={<ReviewQueue />} />
            <Route path="users" element={<Users />} />
            <Route path="organisations" element={<Organisations />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </div>
  );
}
