import { regionByCode } from '../reference/index.js';
import type { OrganisationRow } from './organisations.table.js';
import { organisationFlags } from './organisations.service.js';

/** The public profile of an organisation: never the internal columns. */
export function presentOrganisation(row: OrganisationRow, industries: string[] = []) {
  const region = row.region_code ? regionByCode(row.region_code) : null;
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    type: row.type,
    regionCode: row.region_code,
    regionName: region?.name ?? null,
    industries,
    flags: organisationFlags(row),
    intro: row.intro,
    website: row.website,
    verified: row.verified === 1,
    createdAt: row.created_at,
  };
}

export type OrganisationView = ReturnType<typeof presentOrganisation>;
