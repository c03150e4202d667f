import { useEffect, useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { loadCities, loadCounties, type Region } from '../lib/reference';

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

/** A Liaoning city → county picker whose form value is the single 6-digit GB/T 2260 code. */
export function RegionCascader({ value, onChange, id, placeholder, ...rest }: { value?: string | null; onChange?: (v: string | null) => void; id?: string; placeholder?: string; 'aria-label'?: string }) {
  const [cities, setCities] = useState<Region[]>([]);
  const [counties, setCounties] = useState<Region[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([loadCities(), loadCounties()]).then(
      ([c, k]) => {
        if (live) {
          setCities(c);
          setCounties(k);
        }
      },
      (e: unknown) => console.warn(e),
    );
    return () => {
      live = false;
    };
  }, []);
  const options = useMemo<Option[]>(
    () =>
      cities.map((c) => ({
        value: c.code,
        label: c.name,
        children: counties.filter((k) => k.parent === c.code).map((k) => ({ value: k.code, label: k.name })),
      })),
    [cities, counties],
  );
  const path = useMemo(() => {
    if (!value) return undefined;
    if (cities.some((c) => c.code === value)) return [value];
    const county = counties.find((k) => k.code === value);
    return county?.parent ? [county.parent, value] : [value];
  }, [value, cities, counties]);
  return (
    <Cascader
      id={id}
      aria-label={rest['aria-label']}
      options={options}
      value={path}
      changeOnSelect
      showSearch
      placeholder={placeholder}
      onChange={(v) => onChange?.(v && v.length ? String(v[v.length - 1]) : null)}
    />
  );
}
