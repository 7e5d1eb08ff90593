import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import type { CategoryItem } from '../types.ts';

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

/** Two levels: the kind of problem, then what exactly; only reportable categories can be chosen. */
export function CategoryPicker({
  categories,
  value,
  onChange,
}: {
  categories: CategoryItem[];
  value: string | undefined;
  onChange: (code: string | undefined) => void;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const options = useMemo<Option[]>(() => {
    const label = (c: CategoryItem) => pick({ zh: c.nameZh, en: c.nameEn });
    return categories
      .filter((c) => c.parentCode === null)
      .map((top) => {
        const children = categories.filter((c) => c.parentCode === top.code && c.reportable).map((c) => ({ value: c.code, label: label(c) }));
        return children.length > 0 ? { value: top.code, label: label(top), children } : { value: top.code, label: label(top) };
      })
      .filter((o) => o.children || categories.find((c) => c.code === o.value)?.reportable);
  }, [categories, pick]);
  const path = useMemo(() => {
    const chosen = categories.find((c) => c.code === value);
    if (!chosen) return undefined;
    return chosen.parentCode ? [chosen.parentCode, chosen.code] : [chosen.code];
  }, [categories, value]);
  return (
    <Cascader
      data-testid="category-picker"
      options={options}
      value={path}
      placeholder={t('categoryPlaceholder')}
      onChange={(selected) => onChange(selected ? String(selected[selected.length - 1]) : undefined)}
      allowClear
      style={{ width: '100%' }}
      expandTrigger="click"
      popupMatchSelectWidth={false}
      // Two columns side by side fit a phone's width: long English names wrap instead of pushing the first one off the screen.
      classNames={{ popup: { root: 'gz-category-popup' } }}
    />
  );
}
