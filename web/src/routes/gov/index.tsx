import { AimOutlined, BarChartOutlined, ExperimentOutlined, FlagOutlined, GlobalOutlined, PieChartOutlined, ShopOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SectionLayout, type SectionEntry } from '../../components/SectionLayout';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
import { useAuth } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { useT } from '../credit/i18n';
import { CaseDetail, CaseList, CoordinationStats } from './Coordination';
import { PlanProgressPage, RegionalStatsPage } from './Plan';
import { PilotGapsPage } from './PilotGaps';
import { CultivationPage } from './Cultivation';
import { GepPage } from './Gep';
import { useL } from './i18n';
import './gov.css';

const GOV: Role[] = ['government', 'admin'];
const GAPS: Role[] = ['government', 'admin', 'service'];
const SIGNED_IN: Role[] = ['enterprise', 'institution', 'broker', 'service', 'government', 'admin'];

/** /gov/* — coordination cases, plan progress, regional statistics (public pages need no login). */
export default function Gov() {
  const { t } = useT();
  const { l } = useL();
  const { session } = useAuth();
  const role = session?.user.role;
  const entries: SectionEntry[] = [
    { key: '/gov/coordination', label: t('x.nav.coordination'), icon: <FlagOutlined />, roles: SIGNED_IN },
    { key: '/gov/coordination-stats', label: t('co.stats'), icon: <PieChartOutlined /> },
    { key: '/gov/plan', label: t('x.nav.plan'), icon: <AimOutlined />, roles: GOV },
    { key: '/gov/regional', label: t('x.nav.regional'), icon: <BarChartOutlined /> },
    { key: '/gov/pilot-gaps', label: l('gaps.title'), icon: <ExperimentOutlined />, roles: GAPS },
    { key: '/gov/cultivation', label: l('cu.title'), icon: <ShopOutlined />, roles: GOV },
    { key: '/gov/gep', label: l('gep.title'), icon: <GlobalOutlined /> },
  ];
  return (
    <SectionLayout title={t('x.nav.gov')} entries={entries}>
      <Routes>
        <Route index element={<Navigate to={role && GOV.includes(role) ? '/gov/plan' : '/gov/regional'} replace />} />
        <Route path="coordination" element={<RequireRole roles={SIGNED_IN}><CaseList /></RequireRole>} />
        <Route path="coordination/:id" element={<RequireRole roles={SIGNED_IN}><CaseDetail /></RequireRole>} />
        <Route path="coordination-stats" element={<CoordinationStats />} />
        <Route path="plan" element={<RequireRole roles={GOV}><PlanProgressPage /></RequireRole>} />
        <Route path="regional" element={<RegionalStatsPage />} />
        <Route path="pilot-gaps" element={<RequireRole roles={GAPS}><PilotGapsPage /></RequireRole>} />
        <Route path="cultivation" element={<RequireRole roles={GOV}><CultivationPage /></RequireRole>} />
        <Route path="gep" element={<GepPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </SectionLayout>
  );
}
