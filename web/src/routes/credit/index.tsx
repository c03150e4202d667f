import { AlertOutlined, AuditOutlined, FileSearchOutlined, SafetyCertificateOutlined, ToolOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SectionLayout, type SectionEntry } from '../../components/SectionLayout';
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
  const entries: SectionEntry[] = [
    { key: '/credit/gov/records', icon: <FileSearchOutlined />, label: t('cr.gov.records') },
    { key: '/credit/gov/abnormal', icon: <AlertOutlined />, label: t('cr.gov.abnormal') },
    { key: '/credit/gov/repairs', icon: <ToolOutlined />, label: t('cr.gov.repairs') },
    { key: '/credit/gov/inspections', icon: <AuditOutlined />, label: t('cr.gov.inspections') },
  ];
  return (
    <SectionLayout title={t('cr.gov.title')} titleIcon={<SafetyCertificateOutlined />} entries={entries}>
      <Routes>
        <Route index element={<Navigate to="/credit/gov/records" replace />} />
        <Route path="records" element={<Records />} />
        <Route path="abnormal" element={<Abnormal />} />
        <Route path="repairs" element={<Repairs />} />
        <Route path="inspections" element={<InspectionList />} />
        <Route path="inspections/:id" element={<InspectionPlanPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </SectionLayout>
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
