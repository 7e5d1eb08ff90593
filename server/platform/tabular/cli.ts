import type { AppContext } from '../module.ts';

export async function importCommand(_ctx: AppContext, _entity: string, _file: string, _options: { dryRun: boolean }): Promise<number> {
  throw new Error('not yet built');
}

export async function exportCommand(_ctx: AppContext, _entity: string, _options: { format: string; out?: string; filters: string[] }): Promise<number> {
  throw new Error('not yet built');
}
