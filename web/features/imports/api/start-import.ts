import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ImportStarted } from '../types.ts';

export interface StartImportInput {
  entity: string;
  file: File;
  dryRun: boolean;
}

/** POST /tabular/ENTITY/import: the server answers 202 with a job to follow. */
export function startImport({ entity, file, dryRun }: StartImportInput): Promise<ImportStarted> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<ImportStarted>(`/tabular/${encodeURIComponent(entity)}/import`, form, { dryRun: dryRun ? 'true' : 'false' });
}

export function useStartImport() {
  return useMutation({ mutationFn: startImport });
}
