import { platformManifest } from '../platform/manifest.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { casesManifest } from './cases/manifest.ts';
import { demoManifest } from './demo/manifest.ts';
import { gridManifest } from './grid/manifest.ts';
import { indicatorsManifest } from './indicators/manifest.ts';
import { orgsManifest } from './orgs/manifest.ts';
import { pairingManifest } from './pairing/manifest.ts';
import { projectsManifest } from './projects/manifest.ts';
import { regionsManifest } from './regions/manifest.ts';

/** Every capability, in dependency order: a new module is one more line here. */
export const MODULES: readonly ModuleManifest[] = [platformManifest, regionsManifest, demoManifest, indicatorsManifest, orgsManifest, projectsManifest, pairingManifest, gridManifest, casesManifest];
