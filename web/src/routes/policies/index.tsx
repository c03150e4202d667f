import { Menu } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import { useAuth } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { useL, type LKey } from './i18n';
import { DetailPage, LibraryPage, ManagePage, MinePage } from './Pages';

const PARTIES: Role[] = ['enterprise', 'institution', 'broker', 'service'];
const GOV: Role[] = ['government', 'admin'];

/** /policies/* — 惠企政策直达: the policy library, the policies I qualify for, and the government's editor. */
export default function Policies() {
  const { t } = useL();
  const loc = useLocation();
  const { session } = useAuth();
  const role = session?.user.role;
  const entries: { key: string; label: LKey; roles?: Role[] }[] = [
    { key: '/policies/mine', label: 'po.mine', roles: PARTIES },
    { key: '/policies', label: 'po.library' },
    { key: '/policies/manage', label: 'po.manage', roles: GOV },
  ];
  const items = entries.filter((e) => !e.roles || (role && e.roles.includes(role))).map((e) => ({ key: e.key, label: <Link to={e.key}>{t(e.label)}</Link> }));
  const sel = loc.pathname === '/policies' || loc.pathname === '/policies/' ? '/policies' : items.find((i) => i.key !== '/policies' && loc.pathname.startsWith(i.key))?.key ?? '';
  return (
    <div className="tb-container tb-page">
      <nav aria-label={t('po.area')}>
        <Menu mode="horizontal" selectedKeys={[sel]} items={items} style={{ marginBottom: 16 }} />
      </nav>
      <Routes>
        <Route index element={<LibraryPage />} />
        <Route path="mine" element={<RequireRole roles={PARTIES}><MinePage /></RequireRole>} />
        <Route path="manage" element={<RequireRole roles={GOV}><ManagePage /></RequireRole>} />
        <Route path=":id" element={<DetailPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
