/** What other features may use from the projects feature. */
export { ProjectTable } from './components/project-table.tsx';
export { ProjectDrawer } from './components/project-drawer.tsx';
export { ProjectFormModal } from './components/project-form.tsx';
export { invalidateProjects } from './api/invalidate.ts';
export type { ProjectInput, ProjectSummary, ProjectDetail } from './types.ts';
