import { AuditOutlined, CloudUploadOutlined, DashboardOutlined, ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { BorderOuterOutlined, HeatMapOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { AlertOutlined, EnvironmentOutlined, TagsOutlined } from '@ant-design/icons';
import { BankOutlined, ProjectOutlined, ShareAltOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Role } from '../features/auth/index.ts';
import type { Bilingual } from '../lib/i18n.tsx';

/**
 * The feature registry: the menu and the router both read this list. A new module adds one
 * entry here, pointing at its page; the page's code loads only when someone opens it.
 */
export interface Feature {
  /** Stable id, also the menu key. */
  key: string;
  /** Route path under the signed-in layout, e.g. `/regions` or `/indicators/:id`. */
  path: string;
  label: Bilingual;
  icon?: ReactNode;
  /** Roles that may open the page; absent means every signed-in user. Mirrors the API's permissions. */
  roles?: readonly Role[];
  element: LazyExoticComponent<ComponentType>;
  /** A drill-down page that is not a menu item names the menu item it belongs to. */
  menuParent?: string;
  /** Open to anyone, outside the signed-in layout (a resident's report and tracking pages). */
  public?: boolean;
  /** Roles whose work starts here: they land on this page after signing in, and find it first in the menu. */
  homeFor?: readonly Role[];
}

const ADMINS: readonly Role[] = ['district_admin', 'town_admin'];

export const FEATURES: readonly Feature[] = [
  {
    key: 'cockpit',
    path: '/cockpit',
    label: { zh: '驾驶舱', en: 'Cockpit' },
    icon: <DashboardOutlined />,
    element: lazy(() => import('../features/cockpit/pages/cockpit-page.tsx')),
  },
  {
    key: 'indicator-records',
    path: '/indicators/:id',
    label: { zh: '指标明细', en: 'Indicator records' },
    element: lazy(() => import('../features/cockpit/pages/indicator-records-page.tsx')),
    menuParent: 'cockpit',
  },
  {
    key: 'regions',
    path: '/regions',
    label: { zh: '区域与网格', en: 'Regions and grids' },
    icon: <ApartmentOutlined />,
    element: lazy(() => import('../features/regions/pages/regions-page.tsx')),
  },
  {
    key: 'imports',
    path: '/imports',
    label: { zh: '表格导入导出', en: 'Spreadsheets' },
    icon: <CloudUploadOutlined />,
    roles: ['district_admin', 'town_admin', 'village_cadre'],
    element: lazy(() => import('../features/imports/pages/imports-page.tsx')),
  },
  {
    key: 'users',
    path: '/users',
    label: { zh: '用户管理', en: 'Users' },
    icon: <TeamOutlined />,
    roles: ADMINS,
    element: lazy(() => import('../features/users/pages/users-page.tsx')),
  },
  {
    key: 'audit',
    path: '/audit',
    label: { zh: '审计日志', en: 'Audit log' },
    icon: <AuditOutlined />,
    roles: ['district_admin'],
    element: lazy(() => import('../features/audit/pages/audit-page.tsx')),
  },
  {
    key: 'grid-members',
    path: '/grid/members',
    label: { zh: '网格力量', en: 'Grid forces' },
    icon: <UsergroupAddOutlined />,
    roles: ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    element: lazy(() => import('../features/grid/pages/members-page.tsx')),
  },
  {
    key: 'grid-coverage',
    path: '/grid/coverage',
    label: { zh: '力量覆盖', en: 'Grid coverage' },
    icon: <HeatMapOutlined />,
    roles: ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    element: lazy(() => import('../features/grid/pages/coverage-page.tsx')),
  },
  {
    key: 'grid-areas',
    path: '/grid/areas',
    label: { zh: '网格边界', en: 'Grid polygons' },
    icon: <BorderOuterOutlined />,
    roles: ['district_admin', 'town_admin', 'village_cadre'],
    element: lazy(() => import('../features/grid/pages/areas-page.tsx')),
  },
  {
    key: 'orgs',
    path: '/orgs',
    label: { zh: '党组织与单位', en: 'Organisations' },
    icon: <BankOutlined />,
    element: lazy(() => import('../features/orgs/pages/orgs-page.tsx')),
  },
  {
    key: 'pairing',
    path: '/pairing',
    label: { zh: '结对共建', en: 'Pairing' },
    icon: <ShareAltOutlined />,
    element: lazy(() => import('../features/pairing/pages/pairing-page.tsx')),
  },
  {
    key: 'projects',
    path: '/projects',
    label: { zh: '共建项目', en: 'Projects' },
    icon: <ProjectOutlined />,
    element: lazy(() => import('../features/projects/pages/projects-page.tsx')),
  },
  {
    key: 'cases',
    path: '/cases',
    label: { zh: '事件办理', en: 'Cases' },
    icon: <AlertOutlined />,
    roles: ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    homeFor: ['grid_worker'],
    element: lazy(() => import('../features/cases/pages/inbox-page.tsx')),
  },
  {
    key: 'case-new',
    path: '/cases/new',
    label: { zh: '上报事件', en: 'Report a case' },
    roles: ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    element: lazy(() => import('../features/cases/pages/new-case-page.tsx')),
    menuParent: 'cases',
  },
  {
    key: 'case-detail',
    path: '/cases/:id',
    label: { zh: '事件详情', en: 'Case' },
    roles: ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    element: lazy(() => import('../features/cases/pages/case-page.tsx')),
    menuParent: 'cases',
  },
  {
    key: 'case-map',
    path: '/case-map',
    label: { zh: '事件地图', en: 'Case map' },
    icon: <EnvironmentOutlined />,
    roles: ['district_admin', 'town_admin', 'village_cadre', 'grid_worker'],
    element: lazy(() => import('../features/cases/pages/map-page.tsx')),
  },
  {
    key: 'case-categories',
    path: '/cases/categories',
    label: { zh: '事件分类', en: 'Case categories' },
    icon: <TagsOutlined />,
    roles: ['district_admin'],
    element: lazy(() => import('../features/cases/pages/categories-page.tsx')),
  },
  {
    key: 'report',
    path: '/report',
    label: { zh: '随手拍', en: 'Report a problem' },
    element: lazy(() => import('../features/cases/pages/report-page.tsx')),
    public: true,
  },
  {
    key: 'track',
    path: '/track/:trackingNo?',
    label: { zh: '办理进度', en: 'Track a report' },
    element: lazy(() => import('../features/cases/pages/track-page.tsx')),
    public: true,
  },
];

export function mayOpen(feature: Pick<Feature, 'roles'>, role: Role | null | undefined): boolean {
  return !feature.roles || (role !== null && role !== undefined && feature.roles.includes(role));
}

const isHomeOf = (f: Pick<Feature, 'homeFor'>, role: Role | null | undefined) => Boolean(role && f.homeFor?.includes(role));

/** The menu: features that are not drill-downs, limited to what the role may open, the role's home first. */
export function menuFeatures(role: Role | null | undefined): Feature[] {
  const items = FEATURES.filter((f) => !f.menuParent && !f.public && mayOpen(f, role));
  return [...items.filter((f) => isHomeOf(f, role)), ...items.filter((f) => !isHomeOf(f, role))];
}

/** Where a signed-in user lands: their role's home (a grid worker's inbox), or the first page (the cockpit). */
export function homePath(role: Role | null | undefined): string {
  return FEATURES.find((f) => isHomeOf(f, role))?.path ?? FEATURES[0]?.path ?? '/cockpit';
}

const literalSegments = (path: string) => path.split('/').filter((s) => s && !s.startsWith(':')).length;

/**
 * The menu key to highlight for a location: the feature whose path matches, or its menu parent.
 * The most literal path wins, as in the router: `/cases/categories` over `/cases/:id` and `/cases`.
 */
export function menuKeyFor(pathname: string): string | undefined {
  const matches = FEATURES.filter((f) => {
    const pattern = new RegExp(`^${f.path.replace(/:[^/]+/g, '[^/]+')}(/|$)`);
    return pattern.test(pathname);
  });
  const feature = matches.sort((a, b) => literalSegments(b.path) - literalSegments(a.path))[0];
  return feature?.menuParent ?? feature?.key;
}
