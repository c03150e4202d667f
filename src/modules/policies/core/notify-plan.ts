/**
 * Who to notify when a policy version is published: every organisation that qualifies under this version and has no
 * record for it yet gets a record; it is notified only when it did not qualify under the previous recorded version
 * (it newly qualifies). Running the plan twice records and notifies nobody twice. Pure.
 */
export interface NotifyPlan {
  /** organisations to record as qualifying under this version */
  record: { organisationId: string; notify: boolean }[];
}

export function notifyPlan(qualifying: readonly string[], recordedThisVersion: ReadonlySet<string>, qualifiedPreviousVersion: ReadonlySet<string>): NotifyPlan {
  const seen = new Set<string>();
  const record: NotifyPlan['record'] = [];
  for (const id of qualifying) {
    if (seen.has(id) || recordedThisVersion.has(id)) continue;
    seen.add(id);
    record.push({ organisationId: id, notify: !qualifiedPreviousVersion.has(id) });
  }
  return { record };
}
