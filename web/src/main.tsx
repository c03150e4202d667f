import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n';
import { AuthProvider } from './lib/auth';
import { usePrefersReducedMotion } from './lib/reduced-motion';
import { AppRoutes } from './routes';
import './styles.css';

function Themed() {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUSLocale : zhCNLocale}
      theme={{
        token: {
          colorPrimary: '#0b4ea2',
          colorLink: '#0b4ea2',
          borderRadius: 4,
          motion: !reducedMotion,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
        },
        components: {
          Layout: { headerBg: '#0b3d82', headerHeight: 64, headerPadding: '0', footerBg: '#0f2747', bodyBg: '#f3f5f9' },
          Menu: { darkItemBg: 'transparent', darkItemSelectedBg: 'rgba(255,255,255,0.14)', darkItemColor: 'rgba(255,255,255,0.88)' },
        },
      }}
    >
      <AntApp>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </BrowserRouter>
  </StrictMode>,
);
