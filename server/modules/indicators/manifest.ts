import type { ModuleManifest } from '../../platform/module.ts';
import { indicatorRoutes } from './routes.ts';

/** The cockpit's figures: computed live from every module's declared indicators. */
export const indicatorsManifest: ModuleManifest = {
  name: 'indicators',
  label: { zh: '驾驶舱', en: 'Cockpit' },
  permissions: { 'indicators.read': 'authenticated' },
  routes: indicatorRoutes,
};
