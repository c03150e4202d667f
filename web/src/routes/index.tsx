import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { AppLayout } from '../components/AppLayout';
import { LoadingBlock, NotFound } from '../components/PageState';
import { RequireRole } from '../components/RequireRole';
import { useI18n } from '../i18n';
import type { Role } from '../lib/api';
import Home from './public/Home';

// Everything but the home page loads on demand, so the first visit downloads only the shell and the home page.
const SearchPage = lazy(() => import('./public/Search'));
const ListingDetail = lazy(() => import('./public/ListingDetail'));
const OrganisationPage = lazy(() => import('./public/Organisation'));
const Brokers = lazy(() => import('./public/Brokers'));
const Login = lazy(() => import('./public/Login'));
const Register = lazy(() => import('./public/Register'));
const Workspace = lazy(() => import('./workspace'));
const Admin = lazy(() => import('./admin'));
const Dashboard = lazy(() => import('./government/Dashboard'));
const Deals = lazy(() => import('./deals'));
const Contracts = lazy(() => import('./contracts'));
const RegistrarQueue = lazy(() => import('./contracts/RegistrarQueue'));
const Notifications = lazy(() => import('./me/Notifications'));
const Subscriptions = lazy(() => import('./me/Subscriptions'));
const MatchPage = lazy(() => import('./market/MatchPage'));
const Auctions = lazy(() => import('./market/Auctions'));
const AuctionRoom = lazy(() => import('./market/AuctionRoom'));
const TenderBox = lazy(() => import('./market/TenderBox'));
const Valuation = lazy(() => import('./decision/Valuation'));
const Credit = lazy(() => import('./credit'));
const Gov = lazy(() => import('./gov'));
const Services = lazy(() => import('./services'));
const Insight = lazy(() => import('./insight'));
const Programmes = lazy(() => import('./programmes'));
const Policies = lazy(() => import('./policies'));
const Firstkind = lazy(() => import('./firstkind'));

const PARTIES: Role[] = ['enterprise', 'institution', 'broker', 'service'];

function ScrollAndTitle() {
  const { pathname } = useLocation();
  const { t } = useI18n();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return null;
}

export function AppRoutes() {
  return (
    <AppLayout>
      <ScrollAndTitle />
      <Suspense fallback={<div className="tb-container tb-page"><LoadingBlock rows={6} /></div>}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/demands" element={<SearchPage kind="demand" />} />
          <Route path="/achievements" element={<SearchPage kind="achievement" />} />
          <Route path="/demands/:id" element={<ListingDetail kind="demand" />} />
          <Route path="/achievements/:id" element={<ListingDetail kind="achievement" />} />
          <Route path="/organisations/:id" element={<OrganisationPage />} />
          <Route path="/brokers" element={<Brokers />} />
          <Route path="/login" element={<Login />} />
          <Route path="/register" element={<Register />} />
          <Route
            path="/workspace/*"
            element={
              <RequireRole roles={PARTIES}>
                <Workspace />
              </RequireRole>
            }
          />
          <Route
            path="/admin/*"
            element={
              <RequireRole roles={['admin']}>
                <Admin />
              </RequireRole>
            }
          />
          <Route
            path="/dashboard"
            element={
              <RequireRole roles={['government', 'admin']}>
                <Dashboard />
              </RequireRole>
            }
          />
          <Route
            path="/insight"
            element={
              <RequireRole roles={['government', 'admin']}>
                <Insight />
              </RequireRole>
            }
          />
          <Route path="/match" element={<MatchPage />} />
          <Route path="/auctions" element={<Auctions />} />
          <Route path="/auctions/:id" element={<AuctionRoom />} />
          <Route path="/tenders/:id" element={<TenderBox />} />
          <Route path="/valuation" element={<Valuation />} />
          <Route
            path="/deals/*"
            element={
              <RequireRole roles={[...PARTIES, 'admin']}>
                <Deals />
              </RequireRole>
            }
          />
          <Route
            path="/contracts/*"
            element={
              <RequireRole roles={[...PARTIES, 'government', 'admin']}>
                <Contracts />
              </RequireRole>
            }
          />
          <Route
            path="/registrar"
            element={
              <RequireRole roles={['government', 'admin']}>
                <RegistrarQueue />
              </RequireRole>
            }
          />
          <Route
            path="/notifications"
            element={
              <RequireRole>
                <Notifications />
              </RequireRole>
            }
          />
          <Route
            path="/subscriptions"
            element={
              <RequireRole>
                <Subscriptions />
              </RequireRole>
            }
          />
          <Route path="/credit/*" element={<Credit />} />
          <Route path="/gov/*" element={<Gov />} />
          <Route path="/services/*" element={<Services />} />
          <Route path="/programmes/*" element={<Programmes />} />
          <Route path="/policies/*" element={<Policies />} />
          <Route path="/firstkind/*" element={<Firstkind />} />
          <Route path="*" element={<div className="tb-container tb-page"><NotFound /></div>} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}
