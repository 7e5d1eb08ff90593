/** What other features may use from the organisations feature. */
export { OrgSelect } from './components/org-select.tsx';
export { DomainTag, TagList } from './components/tags.tsx';
export { useVocabulary } from './api/get-vocabulary.ts';
export type { Org, OrgDomain } from './types.ts';
