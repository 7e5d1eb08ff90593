import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './index.ts';

/**
 * Migrations come from every module's manifest. Names are `YYYYMMDDHHMM_module_what`, so the
 * timestamp orders them across modules; a migration is frozen once it lands.
 */
export function createMigrator(db: Db, migrations: Record<string, Migration>): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  return new Migrator({ db, provider, migrationTableName: 'gongzhi_migration', migrationLockTableName: 'gongzhi_migration_lock' });
}

export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  const result: MigrationResultSet = await createMigrator(db, migrations).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
