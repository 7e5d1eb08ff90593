import type { ModuleManifest } from '../../platform/module.ts';
import { seedDemoAccounts } from './service.ts';

export const demoManifest: ModuleManifest = {
  name: 'demo',
  label: { zh: '演示数据', en: 'Demo data' },
  demo: seedDemoAccounts,
};
