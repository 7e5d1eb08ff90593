import { Select, type SelectProps } from 'antd';
import { useUrlParams } from '../lib/url-state.ts';

/** A list filter of one choice, kept in the URL parameter `param`: clearing it drops the parameter, and any change goes back to the first page. */
export function FilterSelect({ param, ...select }: { param: string } & Omit<SelectProps<string>, 'value' | 'onChange' | 'allowClear' | 'mode'>) {
  const [params, update] = useUrlParams([param, 'cursor']);
  return <Select<string> allowClear {...select} value={params[param]} onChange={(v?: string) => update({ [param]: v ?? null, cursor: null })} />;
}
