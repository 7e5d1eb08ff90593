import { Tag, Tooltip } from 'antd';
import { useRegion } from '../api/get-region.ts';

/** A region code shown by its name (looked up once, then cached). */
export function RegionName({ code, tag = false }: { code: string; tag?: boolean }) {
  const region = useRegion(code);
  const name = region.data ? region.data.shortName || region.data.name : code;
  const body = tag ? <Tag>{name}</Tag> : <span>{name}</span>;
  return <Tooltip title={code}>{body}</Tooltip>;
}
