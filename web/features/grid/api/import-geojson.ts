import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { GeojsonImportResult } from '../types.ts';
import { invalidateGrid } from './invalidate.ts';

/** POST /grid/areas/import-geojson[?dryRun=true]: every feature is checked; all are written, or none. */
export function importGeojson({ collection, dryRun }: { collection: unknown; dryRun: boolean }): Promise<GeojsonImportResult> {
  return api.post<GeojsonImportResult>('/grid/areas/import-geojson', collection, dryRun ? { dryRun: 'true' } : undefined);
}

export function useImportGeojson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: importGeojson,
    onSuccess: async (result) => {
      if (!result.dryRun) await Promise.all([invalidateGrid(client), client.invalidateQueries({ queryKey: ['regions'] })]);
    },
  });
}
