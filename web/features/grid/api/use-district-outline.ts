import { useRegion } from '../../regions/index.ts';
import type { Area } from '../types.ts';

/** The outline of the district a region lies in, drawn under the grids as the "land" (the regions module serves it). */
export function useDistrictOutline(regionCode: string | undefined): Area | null {
  const region = useRegion(regionCode).data;
  const districtCode = region?.level === 'district' ? region.code : region?.ancestors.find((a) => a.level === 'district')?.code;
  const district = useRegion(districtCode).data;
  return (district?.geometry as Area | null | undefined) ?? null;
}
