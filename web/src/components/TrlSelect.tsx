import { Select } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import { useTrl } from '../lib/reference';

/** TRL (GB/T 22900) selector: each option shows the level's description, grouped low / medium / high. */
export function TrlSelect({ value, onChange, id, placeholder, allowClear = true }: { value?: number | null; onChange?: (v: number | null) => void; id?: string; placeholder?: string; allowClear?: boolean }) {
  const { t, pick } = useI18n();
  const levels = useTrl();
  const groups = (['low', 'medium', 'high'] as const).map((g) => ({
    label: t(`trlGroup.${g}` as MessageKey),
    title: g,
    options: (levels ?? [])
      .filter((l) => l.group === g)
      .map((l) => ({
        value: l.level,
        label: (
          <span className="tb-trl-option">
            <strong>TRL {l.level}</strong> {pick(l.zh, l.en)}
          </span>
        ),
        text: `TRL ${l.level} ${l.zh} ${l.en}`,
      })),
  }));
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      options={groups}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={!levels}
      showSearch={{ optionFilterProp: 'text' }}
      popupMatchSelectWidth={false}
    />
  );
}
