import type { ReactNode } from 'react';
import { Grid, Layout, Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import type { Role } from '../lib/api';

export interface SectionEntry {
  /** the route the entry links to; the entry is selected on it and below it (the longest matching key wins) */
  key: string;
  label: ReactNode;
  icon: ReactNode;
  /** shown only to these roles; every visitor when absent */
  roles?: Role[];
}

function longestPrefix(pathname: string, keys: string[]): string {
  return [...keys].sort((a, b) => b.length - a.length).find((k) => pathname.startsWith(k)) ?? '';
}

/**
 * A work area with its own menu: a side menu from the md breakpoint up, a horizontal one above the content on phones.
 * Used by the workspace and the services, government, credit-supervision and administration areas.
 */
export function SectionLayout({ title, titleIcon, entries, select = longestPrefix, children }: {
  title: string;
  titleIcon?: ReactNode;
  entries: SectionEntry[];
  /** which visible entry is selected on `pathname` (default: the longest key the path starts with) */
  select?: (pathname: string, keys: string[]) => string;
  children: ReactNode;
}) {
  const loc = useLocation();
  const { session } = useAuth();
  const role = session?.user.role;
  const screens = Grid.useBreakpoint();
  const items = entries.filter((e) => !e.roles || (role && e.roles.includes(role))).map((e) => ({ key: e.key, icon: e.icon, label: <Link to={e.key}>{e.label}</Link> }));
  const sel = select(loc.pathname, items.map((i) => i.key));
  const menu = <Menu mode={screens.md ? 'inline' : 'horizontal'} selectedKeys={[sel]} items={items} className="tb-ws-menu" />;
  return (
    <div className="tb-container tb-page">
      <Layout className="tb-ws">
        {screens.md ? (
          <Layout.Sider width={208} theme="light" className="tb-ws-sider">
            <nav aria-label={title}>
              <div className="tb-ws-sider-title">
                {titleIcon ? <>{titleIcon} </> : null}
                {title}
              </div>
              {menu}
            </nav>
          </Layout.Sider>
        ) : (
          <nav aria-label={title} className="tb-ws-topnav">
            {menu}
          </nav>
        )}
        <Layout.Content className="tb-ws-content">{children}</Layout.Content>
      </Layout>
    </div>
  );
}
