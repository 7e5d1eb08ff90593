import { describe, expect, test } from 'vitest';
import { homePath, menuFeatures, menuKeyFor } from './features.tsx';

describe('the feature registry', () => {
  test('a location highlights the most literal matching path, or its menu parent', () => {
    expect(menuKeyFor('/cases')).toBe('cases');
    expect(menuKeyFor('/cases/new')).toBe('cases');
    expect(menuKeyFor('/cases/0190a1b2-c3d4')).toBe('cases');
    expect(menuKeyFor('/cases/categories')).toBe('case-categories');
    expect(menuKeyFor('/indicators/cases.open')).toBe('cockpit');
    expect(menuKeyFor('/nowhere')).toBeUndefined();
  });

  test('only district admins see the case categories in the menu', () => {
    expect(menuFeatures('district_admin').map((f) => f.key)).toContain('case-categories');
    expect(menuFeatures('town_admin').map((f) => f.key)).not.toContain('case-categories');
  });

  test('a grid worker starts at their inbox, first in their menu; the others at the cockpit', () => {
    expect(homePath('grid_worker')).toBe('/cases');
    expect(menuFeatures('grid_worker')[0]!.key).toBe('cases');
    for (const role of ['district_admin', 'town_admin', 'village_cadre', 'org_liaison'] as const) {
      expect(homePath(role)).toBe('/cockpit');
      expect(menuFeatures(role)[0]!.key).toBe('cockpit');
    }
    expect(homePath(null)).toBe('/cockpit');
  });
});
