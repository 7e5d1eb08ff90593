import type { Kysely, Migration } from 'kysely';

export const gridInit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('grid_members')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text', (c) => c.notNull())
      // A keyed hash of the phone: finds the same person again without decrypting anything.
      .addColumn('phone_index', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('force_type', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('region_path', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // Subtree filters are path prefixes (LIKE 'p%'), which plain b-tree indexes on either database do
    // not serve; these indexes are the lookups that are equalities.
    await db.schema.createIndex('grid_members_phone').unique().on('grid_members').column('phone_index').execute();
    await db.schema.createIndex('grid_members_user').unique().on('grid_members').column('user_id').execute();
    await db.schema.createIndex('grid_members_force').on('grid_members').columns(['force_type', 'active']).execute();

    await db.schema
      .createTable('grid_assignments')
      .addColumn('member_id', 'text', (c) => c.notNull().references('grid_members.id').onDelete('cascade'))
      .addColumn('micro_grid_code', 'text', (c) => c.notNull())
      // A region's path never changes (a redrawn village gets new codes), so it is kept here for scope filters.
      .addColumn('micro_grid_path', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grid_assignments_pk', ['member_id', 'micro_grid_code'])
      .execute();
    await db.schema.createIndex('grid_assignments_micro_grid').on('grid_assignments').columns(['micro_grid_code', 'role']).execute();

    await db.schema
      .createTable('grid_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['grid_settings', 'grid_assignments', 'grid_members']) await db.schema.dropTable(table).execute();
  },
};
