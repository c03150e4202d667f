import { ApartmentOutlined, BankOutlined, CalendarOutlined, ClusterOutlined, ExperimentOutlined, FileTextOutlined, RocketOutlined, SolutionOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SectionLayout } from '../../components/SectionLayout';
import { NotFound } from '../../components/PageState';
import { RequireRole } from '../../components/RequireRole';
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
  return (
    <SectionLayout title={t('sv.area')} entries={entries.map((e) => ({ ...e, label: t(e.label) }))}>
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
    </SectionLayout>
  );
}
