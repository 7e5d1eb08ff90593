import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ReportResult } from '../types.ts';
import { invalidateCases } from './invalidate.ts';

export interface ReportInput {
  category: string;
  description: string;
  lat: number;
  lng: number;
  address?: string;
  /** The caller's name (staff entering a report for someone who phoned). */
  name?: string;
  phone?: string;
  attributes: Record<string, string>;
  photos: File[];
}

/** The report as a multipart form, photos included: `attribute[CODE]` fields as Open311 names them. */
function toForm(input: ReportInput): FormData {
  const form = new FormData();
  form.append('category', input.category);
  form.append('description', input.description);
  form.append('lat', String(input.lat));
  form.append('lng', String(input.lng));
  if (input.address) form.append('address', input.address);
  if (input.name) form.append('name', input.name);
  if (input.phone) form.append('phone', input.phone);
  for (const [code, value] of Object.entries(input.attributes)) if (value) form.append(`attribute[${code}]`, value);
  for (const photo of input.photos) form.append('photos', photo, photo.name);
  return form;
}

/** POST /public/cases (anyone) or POST /cases (staff). */
export function reportCase(input: ReportInput, asStaff: boolean): Promise<ReportResult> {
  return api.post<ReportResult>(asStaff ? '/cases' : '/public/cases', toForm(input));
}

export function useReportCase(asStaff: boolean) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReportInput) => reportCase(input, asStaff),
    onSuccess: () => invalidateCases(client),
  });
}
