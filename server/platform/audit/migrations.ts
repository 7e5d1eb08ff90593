import { sql, type Kysely, type Migration } from 'kysely';
import { GENESIS_HASH } from './domain.ts';

export const auditMigrations: Record<string, Migration> = {
  '202611280001_audit_init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_log').execute();
    },
  },
  /**
   * The chain's head in one row: appending claims it with one UPDATE, which both serialises the
   * writers and reads the latest committed end of the chain (no separate lock and read), and
   * verification compares it with the last entry, so entries deleted from the end are noticed.
   */
  '202611290001_audit_head': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      await db
        .insertInto('audit_head')
        .values({ id: 1, seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH })
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_head').execute();
    },
  },
};
