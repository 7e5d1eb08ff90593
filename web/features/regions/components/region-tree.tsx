import { Empty, Flex, Input, Spin, Tag, Tree, Typography, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useRegionSearch } from '../api/list-regions.ts';
import { useLazyRegionTree, type RegionTreeNode } from '../hooks/use-lazy-region-tree.ts';
import { LEVEL_LABELS, messages } from '../messages.ts';
import { isRetired } from '../types.ts';

interface TreeItem {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeItem[];
}

/**
 * The directory: a tree from the user's scope roots whose branches load when opened, and a
 * search box (`?q=`) whose hits replace the tree until cleared.
 */
export function RegionTree({
  roots,
  selected,
  onSelect,
  query,
  onQuery,
  includeRetired,
}: {
  roots: readonly string[];
  selected: string | undefined;
  onSelect: (code: string) => void;
  query: string | undefined;
  onQuery: (q: string | undefined) => void;
  includeRetired: boolean;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const { token } = theme.useToken();
  const { tree, load, reveal, isPending, error } = useLazyRegionTree(roots, { includeRetired });
  const [expanded, setExpanded] = useState<string[]>([]);
  const search = useRegionSearch(query);
  const [text, setText] = useState(query ?? '');

  useEffect(() => setText(query ?? ''), [query]);

  // Roots open at first; a selection made elsewhere (a link, a search hit) opens its branch.
  useEffect(() => {
    if (tree.length > 0) setExpanded((e) => (e.length > 0 ? e : tree.map((n) => n.key)));
  }, [tree]);
  useEffect(() => {
    if (!selected || isPending) return;
    void reveal(selected)
      .then((parents) => setExpanded((e) => [...new Set([...e, ...parents])]))
      .catch(() => undefined);
  }, [selected, isPending, reveal]);

  const items = useMemo(() => {
    const toItem = (n: RegionTreeNode): TreeItem => ({
      key: n.key,
      isLeaf: n.isLeaf,
      title: (
        <span>
          {n.region.shortName || n.region.name}
          {isRetired(n.region) ? (
            <Tag color="default" style={{ marginInlineStart: 6 }}>
              {t('retired')}
            </Tag>
          ) : null}
        </span>
      ),
      children: n.children?.map(toItem),
    });
    return tree.map(toItem);
  }, [tree, t]);

  return (
    <Flex vertical gap={8}>
      <Input.Search
        placeholder={t('searchPlaceholder')}
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) onQuery(undefined);
        }}
        onSearch={(value) => onQuery(value.trim() || undefined)}
        loading={search.isFetching}
        data-testid="region-search"
      />
      {query ? (
        <>
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">{t('searchResults')}</Typography.Text>
            <Typography.Link onClick={() => onQuery(undefined)}>{t('backToTree')}</Typography.Link>
          </Flex>
          {search.isError ? <ErrorAlert error={search.error} /> : null}
          {search.isPending ? <Spin /> : null}
          {search.data && search.data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noResults')} /> : null}
          <Flex vertical role="list" data-testid="region-search-results">
            {(search.data?.items ?? []).map((r) => (
              <button
                key={r.code}
                type="button"
                role="listitem"
                onClick={() => onSelect(r.code)}
                style={{
                  textAlign: 'start',
                  border: 'none',
                  borderBottom: `1px solid ${token.colorBorderSecondary}`,
                  background: r.code === selected ? token.colorPrimaryBg : 'transparent',
                  padding: '8px',
                  cursor: 'pointer',
                  font: 'inherit',
                }}
              >
                <Typography.Text strong>{r.shortName || r.name}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pick(LEVEL_LABELS[r.level])} · {r.code}
                </Typography.Text>
              </button>
            ))}
          </Flex>
        </>
      ) : error ? (
        <ErrorAlert error={error} />
      ) : isPending ? (
        <Spin />
      ) : (
        <Tree
          treeData={items}
          blockNode
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selected ? [selected] : []}
          onSelect={(_, { node }) => {
            // A click on a name both opens the region and unfolds its children.
            const key = String(node.key);
            onSelect(key);
            if (!node.isLeaf) setExpanded((e) => (e.includes(key) ? e : [...e, key]));
          }}
          loadData={(node) => load(String(node.key))}
          data-testid="region-tree"
        />
      )}
    </Flex>
  );
}
