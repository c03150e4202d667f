/** Reference data module — public door. */
export {
  regions,
  regionByCode,
  resolveRegion,
  isLiaoning,
  cityOf,
  provinceOf,
  regionGroups,
  taxonomy,
  taxonomyNode,
  flattenTaxonomy,
  classifyField,
  trlLevels,
  regionPrefix,
} from './reference.data.js';
export type {
  Region,
  RegionLevel,
  RegionGroup,
  TaxonomyNode,
  TaxonomyLevel,
  FlatTaxonomyNode,
  TrlGroup,
  TrlQuestion,
  TrlLevel,
} from './reference.data.js';
