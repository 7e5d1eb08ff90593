import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Photo } from '../types.ts';

/** POST /cases/:id/photos (multipart): photos of the handling, before the handling is reported. */
export function uploadPhotos(id: string, files: File[]): Promise<{ photos: Photo[] }> {
  const form = new FormData();
  for (const file of files) form.append('photos', file, file.name);
  return api.post(`/cases/${encodeURIComponent(id)}/photos`, form);
}

export function useUploadPhotos() {
  return useMutation({
    mutationFn: ({ id, files }: { id: string; files: File[] }) => uploadPhotos(id, files),
  });
}
