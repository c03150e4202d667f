/** Pure rules for incubation carriers: stages, intake decisions. */
export * from './incubation.js';
