import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useT } from '../../../lib/i18n.tsx';
import { useOrgs } from '../api/list-orgs.ts';
import { messages } from '../messages.ts';

/** Pick an organisation by typing part of its name; `domain` limits the choice (comma-separated). */
export function OrgSelect({
  value,
  onChange,
  domain,
  placeholder,
  style,
  id,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  domain?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}) {
  const t = useT(messages);
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const orgs = useOrgs({ q: q || undefined, domain, limit: 30 });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      placeholder={placeholder ?? t('selectOrg')}
      loading={orgs.isFetching}
      options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      style={style ?? { width: '100%' }}
    />
  );
}
