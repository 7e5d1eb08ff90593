import { Space, Tag } from 'antd';
import { useLang } from '../../../lib/i18n.tsx';
import { useVocabulary } from '../api/get-vocabulary.ts';
import { DOMAIN_COLORS } from '../messages.ts';
import type { OrgDomain } from '../types.ts';

/** A domain as a coloured tag with its label. */
export function DomainTag({ domain }: { domain: string }) {
  const { pick } = useLang();
  const vocabulary = useVocabulary().data;
  const label = vocabulary?.domains.find((d) => d.key === domain);
  return <Tag color={DOMAIN_COLORS[domain as OrgDomain]}>{label ? pick(label) : domain}</Tag>;
}

/** Resource or need tags by their labels; `highlight` marks the ones that matter here (e.g. matching). */
export function TagList({ tags, highlight, color }: { tags: readonly string[]; highlight?: readonly string[]; color?: string }) {
  const { pick } = useLang();
  const vocabulary = useVocabulary().data;
  if (tags.length === 0) return <span>—</span>;
  return (
    <Space size={4} wrap>
      {tags.map((tag) => {
        const label = vocabulary?.tags.find((t) => t.key === tag);
        return (
          <Tag key={tag} color={highlight?.includes(tag) ? 'green' : color}>
            {label ? pick(label) : tag}
          </Tag>
        );
      })}
    </Space>
  );
}
