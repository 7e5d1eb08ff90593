/**
 * Who may do what. Deny by default: a permission that no table grants is refused.
 * These are pure functions; each module's manifest contributes its rows of the table.
 */
export const ROLES = ['district_admin', 'town_admin', 'village_cadre', 'grid_worker', 'org_liaison', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  district_admin: { zh: '区级管理员', en: 'District admin' },
  town_admin: { zh: '镇街管理员', en: 'Town admin' },
  village_cadre: { zh: '村社干部', en: 'Village cadre' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  org_liaison: { zh: '结对单位联络员', en: 'Pairing unit liaison' },
  enterprise: { zh: '农业企业', en: 'Agricultural enterprise' },
};

/** `public`: anyone, signed in or not. `authenticated`: any signed-in user. Otherwise the roles listed. */
export type Grant = 'public' | 'authenticated' | readonly Role[];
export type PermissionTable = Readonly<Record<string, Grant>>;

export interface Principal {
  role: Role | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Route-level pseudo-permissions that need no row in a table. */
export const BUILT_IN: PermissionTable = { public: 'public', authenticated: 'authenticated' };

export function can(table: PermissionTable, principal: Principal, permission: string): boolean {
  const grant = BUILT_IN[permission] ?? table[permission];
  if (grant === undefined) return false;
  if (grant === 'public') return true;
  if (principal.role === null) return false;
  if (grant === 'authenticated') return true;
  return grant.includes(principal.role);
}

/** Merge the modules' tables; a permission declared twice is a programming error. */
export function mergePermissionTables(tables: readonly PermissionTable[]): PermissionTable {
  const merged: Record<string, Grant> = {};
  for (const table of tables) {
    for (const [permission, grant] of Object.entries(table)) {
      if (permission in merged) throw new Error(`permission ${permission} is declared twice`);
      merged[permission] = grant;
    }
  }
  return merged;
}

/**
 * Region scope: a user holds scope roots; a record is in scope when its region's materialised
 * path starts with one of the roots' paths. `null` scope means no restriction (machines of the
 * platform itself, never a person).
 */
export type ScopePaths = readonly string[] | null;

export function inScope(scope: ScopePaths, regionPath: string): boolean {
  if (scope === null) return true;
  return scope.some((root) => regionPath.startsWith(root));
}

/** A region above a scope root is visible for orientation (its name, its place in the tree). */
export function isAncestorOfScope(scope: ScopePaths, regionPath: string): boolean {
  if (scope === null) return true;
  return scope.some((root) => root.startsWith(regionPath));
}

/** Roles that may see personal data (phones, ID numbers) unmasked. */
export const UNMASKED_ROLES: readonly Role[] = ['district_admin', 'town_admin', 'village_cadre'];

export function maySeePersonalData(role: Role | null): boolean {
  return role !== null && UNMASKED_ROLES.includes(role);
}
