import { useI18n } from '../../i18n';
import ValuationCalculator from './ValuationCalculator';

export default function Valuation() {
  const { t } = useI18n();
  return (
    <div className="tb-container tb-page">
      <h1 className="tb-page-title">{t('val.title')}</h1>
      <p className="tb-page-sub">{t('val.sub')}</p>
      <ValuationCalculator />
    </div>
  );
}
