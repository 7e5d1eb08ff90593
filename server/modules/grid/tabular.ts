import type { TabularEntity } from '../../platform/tabular/types.ts';
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_ROLES, FORCE_TYPE_LABELS, FORCE_TYPES, MEMBER_COLUMNS, NAME_MAX, UNIT_MAX } from './domain.ts';
import { exportMembers, importMembers } from './service.ts';

export const MEMBERS_ENTITY = 'grid.members';

/** Grid members as a spreadsheet: one row per person and role; a person listed twice (same phone) is one member. */
export const membersTabular: TabularEntity = {
  id: MEMBERS_ENTITY,
  label: { zh: '网格力量成员', en: 'Grid members' },
  columns: [
    { key: 'name', header: { zh: MEMBER_COLUMNS.name, en: 'Name' }, type: 'string', required: true, maxLength: NAME_MAX, example: '张伟' },
    { key: 'phone', header: { zh: MEMBER_COLUMNS.phone, en: 'Phone' }, type: 'string', required: true, maxLength: 20, example: '13812345678', note: '同一手机号视为同一人 The same phone is the same person' },
    { key: 'unit', header: { zh: MEMBER_COLUMNS.unit, en: 'Unit' }, type: 'string', maxLength: UNIT_MAX, example: '区民政局' },
    {
      key: 'forceType',
      header: { zh: MEMBER_COLUMNS.forceType, en: 'Force type' },
      type: 'enum',
      required: true,
      options: FORCE_TYPES,
      optionLabels: Object.fromEntries(FORCE_TYPES.map((t) => [t, FORCE_TYPE_LABELS[t].zh])),
      example: FORCE_TYPE_LABELS.agency_cadre.zh,
    },
    {
      key: 'microGrids',
      header: { zh: MEMBER_COLUMNS.microGrids, en: 'Micro-grid codes' },
      type: 'string',
      required: true,
      maxLength: 1000,
      example: '5101130020010101;5101130020010102',
      note: '多个编码用 ; 或 ， 分隔 Separate several codes with ; or ，',
    },
    {
      key: 'role',
      header: { zh: MEMBER_COLUMNS.role, en: 'Role' },
      type: 'enum',
      options: ASSIGNMENT_ROLES,
      optionLabels: Object.fromEntries(ASSIGNMENT_ROLES.map((r) => [r, ASSIGNMENT_ROLE_LABELS[r].zh])),
      example: ASSIGNMENT_ROLE_LABELS.member.zh,
      note: '留空为成员 Empty means member',
    },
  ],
  permissions: { export: 'grid.members.read', import: 'grid.members.write' },
  exportRows: exportMembers,
  importRows: importMembers,
};
