import { useMemo, useState, type ReactNode } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, type MenuProps } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined, BankOutlined, PartitionOutlined, FileProtectOutlined, BellOutlined, NotificationOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';
import { useAuth } from '../lib/auth';
import type { Role } from '../lib/api';
import { Logo } from './Logo';
import { NotificationBell } from './NotificationBell';

const { Header, Content, Footer } = Layout;

interface NavItem {
  key: string;
  label: MessageKey;
  roles?: Role[];
  children?: NavItem[];
}

const PARTIES: Role[] = ['enterprise', 'institution', 'broker', 'service'];
const GOV_GROUP = 'gov-group';

/** Top navigation; the workspace entry leads to the role's first page. */
const NAV: NavItem[] = [
  { key: '/', label: 'nav.home' },
  { key: '/demands', label: 'nav.demands' },
  { key: '/achievements', label: 'nav.achievements' },
  { key: '/programmes', label: 'x.nav.programmes' },
  {
    key: '/services',
    label: 'nav.services',
    children: [
      { key: '/match', label: 'nav.match' },
      { key: '/auctions', label: 'nav.auctions' },
      { key: '/valuation', label: 'nav.valuation' },
      { key: '/brokers', label: 'nav.brokers' },
      { key: '/policies', label: 'nav.policies' },
      { key: '/firstkind', label: 'nav.firstkind' },
      ...(['/services/pilot', '/services/finance', '/services/chains', '/services/incubation', '/services/instruments', '/services/alliances'] as const).map((key) => ({ key, label: `x.nav.${key.slice(10)}` as MessageKey })),
    ],
  },
  { key: '/workspace', label: 'nav.workspace', roles: PARTIES },
  { key: '/deals', label: 'nav.deals', roles: [...PARTIES, 'admin'] },
  { key: '/admin/review', label: 'nav.admin', roles: ['admin'] },
  { key: '/dashboard', label: 'nav.dashboard', roles: ['government', 'admin'] },
  {
    // government work, grouped so the top bar keeps to one line at 1366 px
    key: GOV_GROUP,
    label: 'nav.govGroup',
    roles: ['government', 'admin'],
    children: [
      { key: '/insight', label: 'nav.insight' },
      { key: '/gov', label: 'x.nav.gov' },
      { key: '/credit/gov', label: 'x.nav.credit' },
      { key: '/registrar', label: 'nav.registrar' },
    ],
  },
  { key: '/credit/me', label: 'x.nav.myCredit', roles: PARTIES },
  { key: '/policies/mine', label: 'nav.myPolicies', roles: PARTIES },
];
const LEAVES = NAV.flatMap((n) => n.children ?? [n]);

function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  if (pathname.startsWith('/admin')) return '/admin/review';
  if (pathname.startsWith('/contracts')) return '/deals';
  const hit = LEAVES.filter((n) => n.key !== '/' && pathname.startsWith(n.key)).sort((a, b) => b.key.length - a.key.length)[0];
  return hit?.key ?? '';
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { session, logout } = useAuth();
  const loc = useLocation();
  const nav = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const role = session?.user.role;

  const items = useMemo<MenuProps['items']>(
    () =>
      NAV.filter((n) => !n.roles || (role && n.roles.includes(role))).map((n) =>
        n.children
          ? { key: n.key, label: t(n.label), children: n.children.map((c) => ({ key: c.key, label: <Link to={c.key}>{t(c.label)}</Link> })) }
          : { key: n.key, label: <Link to={n.key}>{t(n.label)}</Link> },
      ),
    [role, t],
  );

  const userMenu: MenuProps['items'] = [
    ...(session?.organisation ? [{ key: 'org', icon: <BankOutlined />, label: <Link to={`/organisations/${session.organisation.id}`}>{t('nav.myOrg')}</Link> }] : []),
    ...(role && [...PARTIES, 'admin'].includes(role) ? [{ key: 'deals', icon: <PartitionOutlined />, label: <Link to="/deals">{t('nav.deals')}</Link> }] : []),
    ...(role && PARTIES.includes(role) ? [{ key: 'contracts', icon: <FileProtectOutlined />, label: <Link to="/contracts">{t('nav.contracts')}</Link> }] : []),
    { key: 'notifications', icon: <BellOutlined />, label: <Link to="/notifications">{t('nav.notifications')}</Link> },
    { key: 'subscriptions', icon: <NotificationOutlined />, label: <Link to="/subscriptions">{t('nav.subscriptions')}</Link> },
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
  ];

  const langButton = (
    <Button
      type="text"
      className="tb-header-btn"
      icon={<GlobalOutlined />}
      title={t('lang.label')}
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switch')}
    </Button>
  );

  const account = session ? (
    <Dropdown
      menu={{
        items: userMenu,
        onClick: async ({ key }) => {
          if (key === 'logout') {
            await logout();
            nav('/');
          }
        },
      }}
      trigger={['click']}
    >
      <Button type="text" className="tb-header-btn" icon={<UserOutlined />} data-testid="user-menu">
        <span className="tb-user-name">{session.user.name}</span>
        <span className="tb-user-role">{t(`role.${session.user.role}` as MessageKey)}</span>
      </Button>
    </Dropdown>
  ) : (
    <Space size={4}>
      <Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} className="tb-header-link">
        {t('nav.login')}
      </Link>
      <Link to="/register" className="tb-header-cta">
        {t('nav.register')}
      </Link>
    </Space>
  );

  return (
    <Layout className="tb-app">
      <a href="#main" className="tb-skip">
        {t('app.skip')}
      </a>
      <div className="tb-topbar">
        <div className="tb-container tb-topbar-inner">
          <span>{t('app.slogan')}</span>
          <span className="tb-topbar-right">{langButton}</span>
        </div>
      </div>
      <Header className="tb-header">
        <div className="tb-container tb-header-inner">
          <Link to="/" className="tb-brand" aria-label={t('app.name')}>
            <Logo />
            <span className="tb-brand-text">
              <span className="tb-brand-name">{t('app.headerName')}</span>
              <span className="tb-brand-sub">{t('app.headerSub')}</span>
            </span>
          </Link>
          {mobile ? (
            <Space size={0}>
              {session && <NotificationBell />}
              {account}
              <Button type="text" className="tb-header-btn" icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setDrawer(true)} />
            </Space>
          ) : (
            <>
              <nav className="tb-nav" aria-label={t('nav.menu')}>
                <Menu mode="horizontal" theme="dark" selectedKeys={[selectedKey(loc.pathname)]} items={items} className="tb-menu" />
              </nav>
              <div className="tb-account">
                {session && <NotificationBell />}
                {account}
              </div>
            </>
          )}
        </div>
      </Header>
      <Drawer open={drawer} onClose={() => setDrawer(false)} title={t('nav.menu')} placement="right" size={280}>
        <Menu mode="inline" selectedKeys={[selectedKey(loc.pathname)]} defaultOpenKeys={[GOV_GROUP]} items={items} onClick={() => setDrawer(false)} />
      </Drawer>
      <Content id="main" tabIndex={-1} className="tb-main">
        {children}
      </Content>
      <Footer className="tb-footer">
        <div className="tb-container">
          <div className="tb-footer-name">{t('app.name')}</div>
          <div>{t('app.footer.host')}</div>
          <div className="tb-footer-note">{t('app.footer.note')}</div>
          <div>
            <a href="/docs">{t('app.footer.api')}</a>
          </div>
        </div>
      </Footer>
    </Layout>
  );
}
