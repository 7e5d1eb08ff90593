import type { ModuleManifest } from '../../platform/module.ts';
import { orgsInit } from './migrations/202611281000_orgs_init.ts';
import { orgRoutes } from './routes.ts';
import { loadReferenceOrgs } from './service.ts';
import { orgsTabular } from './tabular.ts';

/** Party organisations and units (党组织): the parties of pairings, clusters and projects. */
export const orgsManifest: ModuleManifest = {
  name: 'orgs',
  label: { zh: '党组织', en: 'Organisations' },
  migrations: { '202611281000_orgs_init': orgsInit },
  permissions: {
    'orgs.read': 'authenticated',
    'orgs.write': ['district_admin', 'town_admin'],
  },
  routes: orgRoutes,
  reference: async (ctx) => {
    await loadReferenceOrgs(ctx);
  },
  tabular: [orgsTabular],
};
