import { Grid, Layout, Menu } from 'antd';
import { AlertOutlined, AuditOutlined, FileSearchOutlined, SafetyCertificateOutlined, ToolOutlined } from '@ant-design/icons';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import CreditPage from './CreditPage';
import { Abnormal, Records, Repairs } from './Gov';
import { InspectionList, InspectionPlanPage } from './Inspections';
import Mine from './Mine';
import { useT } from './i18n';

/** 信用监管 workbench for government users (records, abnormal list, repairs, random inspections). */
function GovWorkbench() {
  const { t } = useT();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const items = [
    { key: '/credit/gov/records', icon: <FileSearchOutlined />, label: <Link to="/credit/gov/records">{t('cr.gov.records')}</Link> },
    { key: '/credit/gov/abnormal', icon: <AlertOutlined />, label: <Link to="/credit/gov/abnormal">{t('cr.gov.abnormal')}</Link> },
    { key: '/credit/gov/repairs', icon: <ToolOutlined />, label: <Link to="/credit/gov/repairs">{t('cr.gov.repairs')}</Link> },
    { key: '/credit/gov/inspections', icon: <AuditOutlined />, label: <Link to="/credit/gov/inspections">{t('cr.gov.inspections')}</Link> },
  ];
  const sel = items.find((i) => loc.pathname.startsWith(i.key))?.key ?? '';
  const menu = <Menu mode={screens.md ? 'inline' : 'horizontal'} selectedKeys={[sel]} items={items} className="tb-ws-menu" />;
  return (
    <div className="tb-container tb-page">
      <Layout className="tb-ws">
        {screens.md ? (
          <Layout.Sider width={208} theme="light" className="tb-ws-sider">
            <nav aria-label={t('cr.gov.title')}>
              <div className="tb-ws-sider-title">
                <SafetyCertificateOutlined /> {t('cr.gov.title')}
              </div>
              {menu}
            </nav>
          </Layout.Sider>
        ) : (
          <nav aria-label={t('cr.gov.title')} className="tb-ws-topnav">
            {menu}
          </nav>
        )}
        <Layout.Content className="tb-ws-content">
          <Routes>
            <Route index element={<Navigate to="/credit/gov/records" replace />} />
            <Route path="records" element={<Records />} />
            <Route path="abnormal" element={<Abnormal />} />
            <Route path="repairs" element={<Repairs />} />
            <Route path="inspections" element={<InspectionList />} />
            <Route path="inspections/:id" element={<InspectionPlanPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </div>
  );
}

/** /credit/* — the public credit page per organisation, the government workbench and the organisation's own page. */
export default function Credit() {
  return (
    <Routes>
      <Route
        path="gov/*"
        element={
          <RequireRole roles={['government', 'admin']}>
            <GovWorkbench />
          </RequireRole>
        }
      />
      <Route
        path="me"
        element={
          <RequireRole roles={['enterprise', 'institution', 'broker', 'service']}>
            <Mine />
          </RequireRole>
        }
      />
      <Route path="inspections/:id" element={<div className="tb-container tb-page"><InspectionPlanPage /></div>} />
      <Route path=":id" element={<CreditPage />} />
      <Route index element={<Navigate to="/credit/me" replace />} />
      <Route path="*" element={<div className="tb-container tb-page"><NotFound /></div>} />
    </Routes>
  );
}
