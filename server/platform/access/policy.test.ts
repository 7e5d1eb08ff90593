import { describe, expect, it } from 'vitest';
import { can, inScope, isAncestorOfScope, mergePermissionTables, ROLES, type PermissionTable, type Role } from './policy.ts';
import { isValidIdCard, isValidPhone, maskIdCard, maskPhone } from './pii.ts';

const table: PermissionTable = {
  'regions.read': 'authenticated',
  'regions.write': ['district_admin', 'town_admin'],
  'cases.report': 'public',
  'audit.read': ['district_admin'],
};

describe('can', () => {
  // Every role against every permission, plus the anonymous caller.
  const expected: Record<string, readonly (Role | null)[]> = {
    'regions.read': ROLES,
    'regions.write': ['district_admin', 'town_admin'],
    'cases.report': [...ROLES, null],
    'audit.read': ['district_admin'],
    'not.declared': [],
  };
  const callers: (Role | null)[] = [...ROLES, null];
  for (const [permission, allowed] of Object.entries(expected)) {
    for (const role of callers) {
      const verdict = allowed.includes(role);
      it(`${role ?? 'anonymous'} ${verdict ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(table, { role }, permission)).toBe(verdict);
      });
    }
  }

  it('treats public and authenticated as built-in route permissions', () => {
    expect(can({}, { role: null }, 'public')).toBe(true);
    expect(can({}, { role: null }, 'authenticated')).toBe(false);
    expect(can({}, { role: 'grid_worker' }, 'authenticated')).toBe(true);
  });

  it('refuses a permission declared by two modules', () => {
    expect(() => mergePermissionTables([{ a: 'public' }, { a: ['district_admin'] }])).toThrow(/declared twice/);
  });
});

describe('region scope', () => {
  const district = '510000000000/510100000000/510113000000/';
  const town = `${district}510113002000/`;
  const village = `${town}510113002001/`;
  const otherVillage = `${town}510113002002/`;
  const cases: [string, readonly string[] | null, string, boolean][] = [
    ['district admin sees a village', [district], village, true],
    ['village cadre sees own village', [village], village, true],
    ['village cadre sees a grid in own village', [village], `${village}51011300200101/`, true],
    ['village cadre does not see a sibling village', [village], otherVillage, false],
    ['village cadre does not see the town itself as in scope', [village], town, false],
    ['no scope roots sees nothing', [], village, false],
    ['the system sees everything', null, otherVillage, true],
    ['a code that is a prefix of another is not its ancestor', ['510113002001/'], '510113002001x/', false],
  ];
  for (const [name, scope, path, verdict] of cases) {
    it(name, () => expect(inScope(scope, path)).toBe(verdict));
  }
  it('lets a user orient themselves by the regions above their scope', () => {
    expect(isAncestorOfScope([village], town)).toBe(true);
    expect(isAncestorOfScope([village], otherVillage)).toBe(false);
  });
});

describe('personal data', () => {
  it('validates and masks phone numbers', () => {
    expect(isValidPhone('13812345678')).toBe(true);
    expect(isValidPhone('028-83601234')).toBe(true);
    expect(isValidPhone('1381234567')).toBe(false);
    expect(isValidPhone('23812345678')).toBe(false);
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('checks the ID-card check character', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X');
  });
});
