import { Checkbox } from 'antd';
import { FilterSelect } from '../../../components/filter-select.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useCategories } from '../api/categories.ts';
import { messages, STATUS_LABELS } from '../messages.ts';
import type { CaseStatus } from '../types.ts';

/** The filters the case list and the case map share, kept in the URL: status, top-level category, overdue only. A change goes back to the first page. */
export function CaseFilters() {
  const t = useT(messages);
  const { pick } = useLang();
  const categories = useCategories();
  const [params, update] = useUrlParams(['overdue', 'cursor'] as const);
  return (
    <>
      <FilterSelect param="status" placeholder={t('allStatuses')} options={(Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) }))} style={{ minWidth: 120 }} />
      <FilterSelect
        param="category"
        placeholder={t('allCategories')}
        options={(categories.data?.items ?? []).filter((c) => c.parentCode === null).map((c) => ({ value: c.code, label: pick({ zh: c.nameZh, en: c.nameEn }) }))}
        style={{ minWidth: 120 }}
      />
      <Checkbox checked={params.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : null, cursor: null })}>
        {t('overdueOnly')}
      </Checkbox>
    </>
  );
}
