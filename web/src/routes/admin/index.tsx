import { AuditOutlined, BankOutlined, UserOutlined, DashboardOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SectionLayout, type SectionEntry } from '../../components/SectionLayout';
import { useI18n } from '../../i18n';
import { NotFound } from '../../components/PageState';
import ReviewQueue from './ReviewQueue';
import Users from './Users';
import Organisations from './Organisations';

export default function Admin() {
  const { t } = useI18n();
  const entries: SectionEntry[] = [
    { key: '/admin/review', icon: <AuditOutlined />, label: t('nav.review') },
    { key: '/admin/users', icon: <UserOutlined />, label: t('nav.users') },
    { key: '/admin/organisations', icon: <BankOutlined />, label: t('nav.organisations') },
    { key: '/dashboard', icon: <DashboardOutlined />, label: t('nav.dashboard') },
  ];
  return (
    <SectionLayout title={t('nav.admin')} entries={entries}>
      <Routes>
        <Route index element={<Navigate to="/admin/review" replace />} />
        <Route path="review" element={<ReviewQueue />} />
        <Route path="users" element={<Users />} />
        <Route path="organisations" element={<Organisations />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </SectionLayout>
  );
}
