import type { Kysely, Migration } from 'kysely';

export const projectsInit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('parent_id', 'text', (c) => c.references('projects.id'))
      // The top of the project's tree (itself for a top-level project).
      .addColumn('root_id', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('region_path', 'text', (c) => c.notNull())
      .addColumn('budget_fen', 'bigint', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('status_key', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('projects_region_path').on('projects').column('region_path').execute();
    await db.schema.createIndex('projects_root').on('projects').column('root_id').execute();
    await db.schema.createIndex('projects_parent').on('projects').column('parent_id').execute();

    // Who answers for a project: a pairing, a cluster, an organisation, or someone named.
    await db.schema
      .createTable('project_owners')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_owners_pk', ['project_id', 'kind', 'ref_id'])
      .execute();
    await db.schema.createIndex('project_owners_ref').on('project_owners').columns(['kind', 'ref_id']).execute();

    // The organisations taking part (a pairing's parties): their liaisons see and report on the project.
    await db.schema
      .createTable('project_orgs')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_orgs_pk', ['project_id', 'org_id'])
      .execute();
    await db.schema.createIndex('project_orgs_org').on('project_orgs').column('org_id').execute();

    await db.schema
      .createTable('project_funding')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_funding_project').on('project_funding').column('project_id').execute();

    await db.schema
      .createTable('project_progress')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('entry_date', 'text', (c) => c.notNull())
      .addColumn('percent', 'integer', (c) => c.notNull())
      .addColumn('status_key', 'text')
      .addColumn('note', 'text')
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('reported_by', 'text')
      .addColumn('reported_by_name', 'text')
      .addColumn('verified_at', 'text')
      .addColumn('verified_by', 'text')
      .addColumn('verified_by_name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('project_progress_project').on('project_progress').columns(['project_id', 'entry_date']).execute();

    await db.schema
      .createTable('project_config')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['project_config', 'project_progress', 'project_funding', 'project_orgs', 'project_owners', 'projects']) await db.schema.dropTable(table).execute();
  },
};
