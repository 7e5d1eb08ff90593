import type { IndicatorColumn, IndicatorDefinition } from '../../platform/indicators.ts';
import type { AppContext, ModuleManifest } from '../../platform/module.ts';
import type { OrgDomain } from '../orgs/domain.ts';
import { countOwnedBy, listOwnedBy } from '../projects/service.ts';
import { seedPairingDemo } from './demo.ts';
import { AGENCY_ENTERPRISE_DOMAINS, TWO_NEW_DOMAINS, VILLAGE_DOMAINS } from './domain.ts';
import { pairingInit } from './migrations/202611281020_pairing_init.ts';
import { pairingRoutes } from './routes.ts';
import * as service from './service.ts';
import { pairingsTabular } from './tabular.ts';

const col = (key: string, zh: string, en: string): IndicatorColumn => ({ key, label: { zh, en } });
const unit = { zh: '个', en: '' };

/** Organisations (or the towns and villages they stand for) of some domains taking part in active pairings. */
function partiesIndicator(id: string, label: { zh: string; en: string }, domains: readonly OrgDomain[], by: 'org_id' | 'region_code'): IndicatorDefinition {
  const columns =
    by === 'org_id'
      ? [col('name', '组织', 'Organisation'), col('domain', '领域', 'Domain'), col('pairings', '结对数', 'Pairings')]
      : [col('code', '区划代码', 'Code'), col('name', '名称', 'Name'), col('pairings', '结对数', 'Pairings')];
  return {
    id,
    label,
    unit,
    compute: (ctx, q) => service.countActiveParties(ctx, q.regionPath, domains, by),
    async records(ctx, q) {
      const [rows, total] = await Promise.all([service.activePartyRecords(ctx, q.regionPath, domains, by, q.limit, q.offset), service.countActiveParties(ctx, q.regionPath, domains, by)]);
      return { columns, rows, total };
    },
  };
}

/** Configuration counts: the same for every region. */
function configIndicator(
  id: string,
  label: { zh: string; en: string },
  count: (ctx: AppContext) => Promise<number>,
  list: (ctx: AppContext) => Promise<Record<string, unknown>[]>,
  columns: IndicatorColumn[],
): IndicatorDefinition {
  return {
    id,
    label,
    unit,
    compute: (ctx) => count(ctx),
    async records(ctx, q) {
      const rows = await list(ctx);
      return { columns, rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
    },
  };
}

const indicators: IndicatorDefinition[] = [
  {
    id: 'pairing.pairings',
    label: { zh: '结对关系', en: 'Active pairings' },
    unit: { zh: '组', en: '' },
    compute: (ctx, q) => service.countActivePairings(ctx, q.regionPath),
    async records(ctx, q) {
      const [rows, total] = await Promise.all([service.activePairingRecords(ctx, q.regionPath, q.limit, q.offset), service.countActivePairings(ctx, q.regionPath)]);
      return {
        columns: [col('title', '结对', 'Pairing'), col('mode', '帮扶方式', 'Mode'), col('mechanism', '机制', 'Mechanism'), col('region', '区域', 'Region'), col('parties', '结对方', 'Parties'), col('startDate', '开始', 'Start')],
        rows,
        total,
      };
    },
  },
  {
    id: 'pairing.projects',
    label: { zh: '结对共建项目', en: 'Co-building projects' },
    unit,
    compute: (ctx, q) => countOwnedBy(ctx, 'pairing', q.regionPath),
    async records(ctx, q) {
      const [items, total] = await Promise.all([listOwnedBy(ctx, 'pairing', q.regionPath, q.limit, q.offset), countOwnedBy(ctx, 'pairing', q.regionPath)]);
      return {
        columns: [col('title', '项目', 'Project'), col('status', '状态', 'Status'), col('region', '区域', 'Region'), col('owners', '结对', 'Pairing'), col('progress', '进度%', 'Progress %')],
        rows: items.map((p) => ({ id: p.id, title: p.title, status: p.status.zh, region: p.regionName, owners: p.owners.map((o) => o.name).join('、'), progress: p.progress.reported })),
        total,
      };
    },
  },
  partiesIndicator('pairing.orgs.agency_enterprise', { zh: '参与结对的机关企事业单位', en: 'Agencies and enterprises in pairings' }, AGENCY_ENTERPRISE_DOMAINS, 'org_id'),
  partiesIndicator('pairing.orgs.two_new', { zh: '参与结对的“两新”组织', en: 'Two-new organisations in pairings' }, TWO_NEW_DOMAINS, 'org_id'),
  partiesIndicator('pairing.towns_covered', { zh: '结对覆盖镇（街道）', en: 'Towns covered' }, ['town'], 'region_code'),
  partiesIndicator('pairing.villages_covered', { zh: '结对覆盖村（社区）', en: 'Villages covered' }, VILLAGE_DOMAINS, 'region_code'),
  configIndicator('pairing.modes', { zh: '结对帮扶方式', en: 'Pairing modes' }, service.countModes, service.modeRecords, [col('key', '标识', 'Key'), col('name', '方式', 'Mode'), col('tasks', '任务数', 'Tasks')]),
  configIndicator('pairing.task_templates', { zh: '结对共建任务', en: 'Task templates' }, service.countTemplates, service.templateRecords, [
    col('mode', '帮扶方式', 'Mode'),
    col('title', '任务', 'Task'),
    col('dueDays', '期限（天）', 'Due (days)'),
  ]),
];

/** Pairing and co-building (结对共建): mechanisms, modes, pairings, tasks, coverage, matchmaker. */
export const pairingManifest: ModuleManifest = {
  name: 'pairing',
  label: { zh: '结对共建', en: 'Pairing' },
  migrations: { '202611281020_pairing_init': pairingInit },
  permissions: {
    'pairing.read': 'authenticated',
    'pairing.write': ['district_admin', 'town_admin'],
    'pairing.tasks.update': ['district_admin', 'town_admin', 'village_cadre', 'org_liaison'],
    'pairing.config': ['district_admin'],
    'pairing.matchmake': ['district_admin', 'town_admin'],
  },
  routes: pairingRoutes,
  reference: service.loadReferenceConfig,
  indicators,
  tabular: [pairingsTabular],
  demo: seedPairingDemo,
};
