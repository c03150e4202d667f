import { Menu } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import { useAuth } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { useL } from '../policies/i18n';
import { ApplicationPage, ApplicationsPage, CataloguePage, ProductPage } from './Pages';

const SIGNED_IN: Role[] = ['enterprise', 'institution', 'broker', 'service', 'government', 'admin'];

/** /firstkind/* — 首台套/首批次/首版次: the catalogue, potential users, insurance-compensation applications and review. */
export default function Firstkind() {
  const { t } = useL();
  const loc = useLocation();
  const { session } = useAuth();
  const role = session?.user.role;
  const gov = role === 'government' || role === 'admin';
  const items = [
    { key: '/firstkind', label: <Link to="/firstkind">{t('fk.catalogue')}</Link> },
    ...(role && (gov || role === 'enterprise' || role === 'institution')
      ? [{ key: '/firstkind/applications', label: <Link to="/firstkind/applications">{gov ? t('fk.reviewQueue') : t('fk.myApplications')}</Link> }]
      : []),
  ];
  const sel = loc.pathname.startsWith('/firstkind/applications') ? '/firstkind/applications' : '/firstkind';
  return (
    <div className="tb-container tb-page">
      <nav aria-label={t('fk.area')}>
        <Menu mode="horizontal" selectedKeys={[sel]} items={items} style={{ marginBottom: 16 }} />
      </nav>
      <Routes>
        <Route index element={<CataloguePage />} />
        <Route path="applications" element={<RequireRole roles={SIGNED_IN}><ApplicationsPage /></RequireRole>} />
        <Route path="applications/:id" element={<RequireRole roles={SIGNED_IN}><ApplicationPage /></RequireRole>} />
        <Route path=":id" element={<ProductPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
