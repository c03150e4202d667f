import { Menu } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import { useAuth } from '../../lib/auth';
import { useP, type PKey } from './i18n';
import { ChallengeDetail, ProgrammeDetail, ProgrammeList } from './Public';
import { ChallengeNew, ProgrammeNew } from './Gov';
import { ApplicationList, ApplicationPage } from './Applications';
import { ProjectList, ProjectPage } from './Projects';

/** /programmes/* — 揭榜挂帅: public programmes and challenges; government, team and reviewer pages. */
export default function Programmes() {
  const { t } = useP();
  const { session } = useAuth();
  const role = session?.user.role;
  const loc = useLocation();
  const entries: { key: string; label: PKey; show: boolean }[] = [
    { key: '/programmes', label: 'nav.list', show: true },
    { key: '/programmes/mine', label: 'nav.mine', show: role === 'enterprise' || role === 'institution' },
    { key: '/programmes/reviews', label: 'nav.reviews', show: !!session },
    { key: '/programmes/projects', label: 'nav.projects', show: !!session },
  ];
  const items = entries.filter((e) => e.show).map((e) => ({ key: e.key, label: <Link to={e.key}>{t(e.label)}</Link> }));
  const sel = [...items].sort((a, b) => b.key.length - a.key.length).find((i) => loc.pathname === i.key || loc.pathname.startsWith(`${i.key}/`))?.key ?? '/programmes';
  return (
    <div className="tb-container tb-page">
      <h1 className="tb-page-title">{t('area')}</h1>
      <p className="tb-page-sub">{t('sub')}</p>
      <Menu mode="horizontal" selectedKeys={[sel]} items={items} style={{ marginBottom: 16 }} />
      <Routes>
        <Route index element={<ProgrammeList />} />
        <Route path="new" element={<RequireRole roles={['government', 'admin']}><ProgrammeNew /></RequireRole>} />
        <Route path="mine" element={<RequireRole roles={['enterprise', 'institution']}><ApplicationList scope="mine" /></RequireRole>} />
        <Route path="reviews" element={<RequireRole><ApplicationList scope="review" /></RequireRole>} />
        <Route path="applications/:id" element={<RequireRole><ApplicationPage /></RequireRole>} />
        <Route path="projects" element={<RequireRole><ProjectList /></RequireRole>} />
        <Route path="projects/:id" element={<RequireRole><ProjectPage /></RequireRole>} />
        <Route path="challenges/:id" element={<ChallengeDetail />} />
        <Route path=":id/challenges/new" element={<RequireRole roles={['government', 'admin']}><ChallengeNew /></RequireRole>} />
        <Route path=":id" element={<ProgrammeDetail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
