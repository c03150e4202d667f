import { useMemo, useState } from 'react';
import { Alert, Modal, Radio, Skeleton } from 'antd';
import { useI18n } from '../i18n';
import { useTrl, type TrlLevel } from '../lib/reference';

type Answers = Record<string, boolean | undefined>;

/** The highest level whose questions are all answered yes (0 when none). */
export function trlFromAnswers(levels: TrlLevel[], answers: Answers): number {
  let best = 0;
  for (const l of levels) {
    if (l.questions.length && l.questions.every((_, i) => answers[`${l.level}.${i}`] === true)) best = Math.max(best, l.level);
  }
  return best;
}

/** TRL self-assessment (技术成熟度自评): questions per level from /api/reference/trl. */
export function TrlWizard({ open, onClose, onApply }: { open: boolean; onClose(): void; onApply(level: number): void }) {
  const { t, pick } = useI18n();
  const levels = useTrl();
  const [answers, setAnswers] = useState<Answers>({});
  const result = useMemo(() => (levels ? trlFromAnswers(levels, answers) : 0), [levels, answers]);
  return (
    <Modal
      open={open}
      title={t('wizard.title')}
      onCancel={onClose}
      width={760}
      okText={t('wizard.apply')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: result === 0 }}
      onOk={() => onApply(result)}
    >
      <p className="tb-muted">{t('wizard.intro')}</p>
      {!levels ? (
        <Skeleton active />
      ) : (
        <div className="tb-wizard" data-testid="trl-wizard">
          {levels.map((l) => (
            <fieldset key={l.level} className="tb-wizard-level">
              <legend>{t('wizard.level', { n: l.level, name: pick(l.zh, l.en) })}</legend>
              {l.questions.map((q, i) => {
                const key = `${l.level}.${i}`;
                const qid = `trlq-${l.level}-${i}`;
                return (
                  <div key={key} className="tb-wizard-q">
                    <span id={qid}>{pick(q.zh, q.en)}</span>
                    <Radio.Group
                      aria-labelledby={qid}
                      value={answers[key]}
                      onChange={(e) => setAnswers((a) => ({ ...a, [key]: e.target.value as boolean }))}
                      options={[
                        { value: true, label: t('common.yes') },
                        { value: false, label: t('common.no') },
                      ]}
                    />
                  </div>
                );
              })}
            </fieldset>
          ))}
        </div>
      )}
      <Alert
        className="tb-wizard-result"
        type={result ? 'success' : 'info'}
        showIcon
        title={result ? t('wizard.result', { n: result }) : t('wizard.resultNone')}
        aria-live="polite"
      />
    </Modal>
  );
}
