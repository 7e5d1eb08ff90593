import type { Role } from '../../platform/access/policy.ts';

export const DEMO_PASSWORD = 'gongzhi-demo';
export const DEMO_FLAG = 'demo.seeded';

/** One user per role; each signs in with the demo password. Demo users exist only in demo data. */
export const DEMO_USERS: readonly { username: string; displayName: string; role: Role; scope: string }[] = [
  { username: 'admin', displayName: '区委组织部管理员', role: 'district_admin', scope: '510113000000' },
  { username: 'town', displayName: '大弯街道管理员', role: 'town_admin', scope: '510113002000' },
  { username: 'village', displayName: '怡湖社区书记', role: 'village_cadre', scope: '510113002001' },
  { username: 'grid', displayName: '怡湖社区网格员', role: 'grid_worker', scope: '51011300200101' },
  { username: 'liaison', displayName: '结对单位联络员', role: 'org_liaison', scope: '510113000000' },
  { username: 'enterprise', displayName: '农业企业用户', role: 'enterprise', scope: '510113000000' },
];

/** A square of `sizeDeg` degrees whose south-west corner is at (lng, lat), closed. */
export function square(lng: number, lat: number, sizeDeg: number) {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [r(lng), r(lat)],
        [r(lng + sizeDeg), r(lat)],
        [r(lng + sizeDeg), r(lat + sizeDeg)],
        [r(lng), r(lat + sizeDeg)],
        [r(lng), r(lat)],
      ],
    ],
  };
}
