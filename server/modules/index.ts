import { platformManifest } from '../platform/manifest.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { demoManifest } from './demo/manifest.ts';
import { indicatorsManifest } from './indicators/manifest.ts';
import { regionsManifest } from './regions/manifest.ts';

/** Every capability, in dependency order: a new module is one more line here. */
export const MODULES: readonly ModuleManifest[] = [platformManifest, regionsManifest, demoManifest, indicatorsManifest];
