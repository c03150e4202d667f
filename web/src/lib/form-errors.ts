import type { FormInstance } from 'antd';
import { ApiError } from './api';

/** 'ip.0.number' → ['ip', 0, 'number'] (antd form name path) */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts an API error's field messages next to the form fields they name. Returns the message to show at the
 * top of the form for anything that has no field in this form (null when every problem found its field).
 */
export function applyApiError(form: FormInstance, err: unknown, knownFields?: (field: string) => boolean): string | null {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (!err.fields.length) return err.message;
  const byField = new Map<string, string[]>();
  const orphans: string[] = [];
  for (const f of err.fields) {
    const msg = f.message ?? err.message;
    const known = knownFields ? knownFields(f.field) : true;
    if (!known) {
      orphans.push(msg);
      continue;
    }
    const list = byField.get(f.field) ?? [];
    // TypeBox reports a nullable field three ways (pattern, type null, anyOf); the first is the useful one
    if (list.length === 0) list.push(msg);
    byField.set(f.field, list);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: fieldPath(field), errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(fieldPath(first), { block: 'center' });
  return orphans.length ? orphans.join('；') : null;
}
