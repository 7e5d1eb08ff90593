import { describe, expect, test } from 'vitest';
import { menuFeatures, menuKeyFor } from './features.tsx';

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
});
