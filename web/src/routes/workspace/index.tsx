import { FileAddOutlined, FileTextOutlined, ExperimentOutlined, SafetyOutlined, ApartmentOutlined, BulbOutlined, PieChartOutlined, FileSearchOutlined, IdcardOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SectionLayout, type SectionEntry } from '../../components/SectionLayout';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth, canPublish } from '../../lib/auth';
import type { Role } from '../../lib/api';
import { NotFound } from '../../components/PageState';
import MyListings from './MyListings';
import ListingForm from './ListingForm';
import Matches from './Matches';
import Ndas from './Ndas';
import IncomeRights from './IncomeRights';
import PatentAssessment from './PatentAssessment';
import BrokerProfile from './BrokerProfile';

interface Item {
  key: string;
  label: MessageKey;
  icon: React.ReactNode;
  show(role: Role): boolean;
}

const ITEMS: Item[] = [
  { key: '/workspace/demands', label: 'nav.myDemands', icon: <FileTextOutlined />, show: (r) => canPublish(r, 'demand') },
  { key: '/workspace/demands/new', label: 'nav.newDemand', icon: <FileAddOutlined />, show: (r) => canPublish(r, 'demand') },
  { key: '/workspace/achievements', label: 'nav.myAchievements', icon: <BulbOutlined />, show: (r) => canPublish(r, 'achievement') },
  { key: '/workspace/achievements/new', label: 'nav.newAchievement', icon: <ExperimentOutlined />, show: (r) => canPublish(r, 'achievement') },
  { key: '/workspace/brokered', label: 'nav.brokered', icon: <ApartmentOutlined />, show: (r) => r === 'broker' },
  { key: '/workspace/ndas', label: 'nav.ndas', icon: <SafetyOutlined />, show: () => true },
  { key: '/workspace/income', label: 'nav.incomeRights', icon: <PieChartOutlined />, show: (r) => r === 'institution' },
  { key: '/workspace/patent', label: 'nav.patentAssessment', icon: <FileSearchOutlined />, show: (r) => r === 'institution' },
  { key: '/workspace/broker', label: 'nav.brokerProfile', icon: <IdcardOutlined />, show: (r) => r === 'broker' },
];

/** institutions start from achievements, everyone else from their first item */
function firstFor(role: Role): string {
  if (role === 'institution') return '/workspace/achievements';
  return ITEMS.find((i) => i.show(role))?.key ?? '/workspace/ndas';
}

function selected(pathname: string, keys: string[]): string {
  const exact = keys.find((k) => k === pathname);
  if (exact) return exact;
  return keys.filter((k) => pathname.startsWith(k) && !k.endsWith('/new')).sort((a, b) => b.length - a.length)[0] ?? '';
}

export default function Workspace() {
  const { session } = useAuth();
  const { t } = useI18n();
  const role = session!.user.role;
  const entries: SectionEntry[] = ITEMS.filter((i) => i.show(role)).map((i) => ({ key: i.key, icon: i.icon, label: t(i.label) }));
  return (
    <SectionLayout title={t('nav.workspace')} entries={entries} select={selected}>
      <Routes>
        <Route index element={<Navigate to={firstFor(role)} replace />} />
        <Route path="demands" element={<MyListings kind="demand" />} />
        <Route path="demands/new" element={<ListingForm key="new-d" kind="demand" />} />
        <Route path="demands/:id/edit" element={<ListingForm kind="demand" />} />
        <Route path="demands/:id/matches" element={<Matches kind="demand" />} />
        <Route path="achievements" element={<MyListings kind="achievement" />} />
        <Route path="achievements/new" element={<ListingForm key="new-a" kind="achievement" />} />
        <Route path="achievements/:id/edit" element={<ListingForm kind="achievement" />} />
        <Route path="achievements/:id/matches" element={<Matches kind="achievement" />} />
        <Route
          path="brokered"
          element={
            <>
              <MyListings kind="demand" scope="brokered" />
              <div style={{ height: 24 }} />
              <MyListings kind="achievement" scope="brokered" />
            </>
          }
        />
        <Route path="ndas" element={<Ndas />} />
        <Route path="income" element={role === 'institution' ? <IncomeRights /> : <NotFound />} />
        <Route path="patent" element={<PatentAssessment />} />
        <Route path="broker" element={role === 'broker' ? <BrokerProfile /> : <NotFound />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </SectionLayout>
  );
}
