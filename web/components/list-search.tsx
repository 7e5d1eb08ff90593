import { Input } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useUrlParams } from '../lib/url-state.ts';

/**
 * The search box above a list, kept in `?q=`: Enter or the search button applies the text, and
 * emptying the box shows everything again at once; either way the list goes back to its first page.
 */
export function ListSearch({ placeholder, style, ...rest }: { placeholder: string; style?: CSSProperties; 'data-testid'?: string }) {
  const [params, update] = useUrlParams(['q', 'cursor'] as const);
  const [text, setText] = useState(params.q ?? '');
  const search = (q: string) => update({ q: q.trim() || null, cursor: null });
  return (
    <Input.Search
      placeholder={placeholder}
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) search('');
      }}
      onSearch={search}
      style={style}
      {...rest}
    />
  );
}
