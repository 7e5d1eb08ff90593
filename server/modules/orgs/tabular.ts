import { AppError } from '../../platform/http/errors.ts';
import type { TabularColumn, TabularEntity } from '../../platform/tabular/types.ts';
import { DOMAIN_LABELS, formatTagCell, MAX_CAPACITY, ORG_DOMAINS, parseTagCell, type OrgDomain } from './domain.ts';
import { listQuery } from './schema.ts';
import { exportOrgs, importOrg, type OrgImportRow } from './service.ts';

export const ORGS_ENTITY = 'orgs';

const columns: readonly TabularColumn[] = [
  { key: 'id', header: { zh: '编号', en: 'ID' }, type: 'string', note: '新增时留空 Leave empty for a new organisation' },
  { key: 'name', header: { zh: '名称', en: 'Name' }, type: 'string', required: true, maxLength: 80, example: '区农业农村局机关党委' },
  {
    key: 'domain',
    header: { zh: '领域', en: 'Domain' },
    type: 'enum',
    required: true,
    options: ORG_DOMAINS,
    optionLabels: Object.fromEntries(ORG_DOMAINS.map((d) => [d, DOMAIN_LABELS[d].zh])),
    example: '机关',
  },
  { key: 'parentName', header: { zh: '上级单位', en: 'Parent unit' }, type: 'string', maxLength: 80 },
  { key: 'regionCode', header: { zh: '区划代码', en: 'Region code' }, type: 'string', required: true, maxLength: 16, example: '510113000000' },
  { key: 'regionName', header: { zh: '所在区域', en: 'Region' }, type: 'string', note: '导出参考，导入时忽略 For reference; ignored on import' },
  { key: 'liaisonName', header: { zh: '联络人', en: 'Liaison' }, type: 'string', maxLength: 40 },
  { key: 'liaisonPhone', header: { zh: '联络电话', en: 'Liaison phone' }, type: 'string', maxLength: 20, note: '带 * 的号码视为不变 A masked number is left unchanged' },
  { key: 'capacity', header: { zh: '结对容量', en: 'Capacity' }, type: 'integer', required: true, example: '3', note: `0–${MAX_CAPACITY}` },
  { key: 'resourceTags', header: { zh: '可提供资源', en: 'Resources offered' }, type: 'string', example: '资金、产业指导', note: '用顿号分隔 Separated by 、' },
  { key: 'needTags', header: { zh: '需求', en: 'Needs' }, type: 'string', note: '仅村、社区 Villages and communities only' },
  { key: 'note', header: { zh: '备注', en: 'Note' }, type: 'string', maxLength: 500 },
];

const text = (v: unknown): string | undefined => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim());

/** A domain cell: the stored key or its Chinese label. */
function domainOf(v: unknown): OrgDomain | undefined {
  const t = text(v);
  return ORG_DOMAINS.find((d) => d === t || DOMAIN_LABELS[d].zh === t);
}

function rowInput(values: Record<string, unknown>): { input?: OrgImportRow; errors: { column: string; message: string }[] } {
  const errors: { column: string; message: string }[] = [];
  const name = text(values.name);
  const domain = domainOf(values.domain);
  const regionCode = text(values.regionCode);
  const capacity = Number(text(values.capacity));
  const resources = parseTagCell(values.resourceTags);
  const needs = parseTagCell(values.needTags);
  if (!name || name.length < 2) errors.push({ column: 'name', message: '名称至少 2 个字 The name needs at least 2 characters' });
  if (!domain) errors.push({ column: 'domain', message: '领域不正确 Unknown domain' });
  if (!regionCode || !/^\d{12}(\d{2}){0,2}$/.test(regionCode)) errors.push({ column: 'regionCode', message: '区划代码为 12 位数字 A 12-digit region code' });
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) errors.push({ column: 'capacity', message: `结对容量应为 0–${MAX_CAPACITY} Capacity 0–${MAX_CAPACITY}` });
  for (const [column, parsed] of [['resourceTags', resources], ['needTags', needs]] as const) {
    if (parsed.unknown.length) errors.push({ column, message: `未知标签：${parsed.unknown.join('、')} Unknown tags` });
  }
  if (errors.length) return { errors };
  return {
    errors,
    input: {
      id: text(values.id),
      name: name!,
      domain: domain!,
      parentName: text(values.parentName),
      regionCode: regionCode!,
      liaisonName: text(values.liaisonName) ?? null,
      liaisonPhone: text(values.liaisonPhone) ?? null,
      capacity,
      resourceTags: resources.tags,
      needTags: needs.tags,
      note: text(values.note) ?? null,
    },
  };
}

export const orgsTabular: TabularEntity = {
  id: ORGS_ENTITY,
  label: { zh: '党组织与单位', en: 'Organisations' },
  columns,
  permissions: { export: 'orgs.read', import: 'orgs.write' },
  async exportRows(ctx, actor, filters) {
    const parsed = listQuery.omit({ cursor: true, limit: true, format: true }).parse(filters);
    const views = await exportOrgs(ctx, actor, parsed);
    return views.map((o) => ({
      id: o.id,
      name: o.name,
      domain: o.domain,
      parentName: o.parentName ?? '',
      regionCode: o.regionCode,
      regionName: o.regionName,
      liaisonName: o.liaisonName ?? '',
      liaisonPhone: o.liaisonPhone ?? '',
      capacity: o.capacity,
      resourceTags: formatTagCell(o.resourceTags),
      needTags: formatTagCell(o.needTags),
      note: o.note ?? '',
    }));
  },
  async importRows(ctx, trx, actor, rows, onProgress) {
    let created = 0;
    let updated = 0;
    const errors: { row: number; column?: string; message: string }[] = [];
    for (const [i, row] of rows.entries()) {
      const parsed = rowInput(row.values);
      errors.push(...parsed.errors.map((e) => ({ row: row.row, ...e })));
      if (parsed.input) {
        try {
          const outcome = await importOrg(ctx, trx, actor, parsed.input);
          if (outcome === 'created') created++;
          if (outcome === 'updated') updated++;
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          errors.push({ row: row.row, message: error.message });
        }
      }
      onProgress(i + 1);
    }
    return { created, updated, errors };
  },
};

