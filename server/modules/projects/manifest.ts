import type { ModuleManifest } from '../../platform/module.ts';
import { projectsInit } from './migrations/202611281010_projects_init.ts';
import { projectRoutes } from './routes.ts';
import { loadReferenceLadder } from './service.ts';
import { projectsTabular } from './tabular.ts';

/** Co-building projects (共建项目): one project model for pairings, clusters and the agriculture chain. */
export const projectsManifest: ModuleManifest = {
  name: 'projects',
  label: { zh: '共建项目', en: 'Projects' },
  migrations: { '202611281010_projects_init': projectsInit },
  permissions: {
    'projects.read': 'authenticated',
    'projects.write': ['district_admin', 'town_admin'],
    'projects.progress': ['district_admin', 'town_admin', 'village_cadre', 'org_liaison'],
    'projects.verify': ['district_admin', 'town_admin'],
    'projects.config': ['district_admin'],
  },
  routes: projectRoutes,
  reference: loadReferenceLadder,
  tabular: [projectsTabular],
};
