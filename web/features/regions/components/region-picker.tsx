import { useQueries } from '@tanstack/react-query';
import { Empty, Flex, Spin, TreeSelect, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useMe } from '../../auth/index.ts';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { common } from '../../../lib/messages.ts';
import { regionQuery } from '../api/get-region.ts';
import { useLazyRegionTree, type RegionTreeNode } from '../hooks/use-lazy-region-tree.ts';
import { LEVEL_DEPTH, choosable, useDebounced, useRegionPickerSearch, type PickerHit } from '../hooks/use-region-picker-search.ts';
import { LEVEL_LABELS, messages } from '../messages.ts';
import type { Level } from '../types.ts';

interface PickerOption {
  value: string;
  /** What the list shows (a search hit adds its level and ancestry). */
  title: React.ReactNode;
  /** What the box shows once chosen. */
  label: string;
  isLeaf: boolean;
  /** False for a region the picker shows only as a way down (`onlyLevel`). */
  selectable: boolean;
  children?: PickerOption[];
}

interface Labeled {
  value: string;
  label: React.ReactNode;
}

/** How long typing must pause before the picker asks the server. */
const SEARCH_DELAY_MS = 250;

function nameOf(region: { shortName: string; name: string }): string {
  return region.shortName || region.name;
}

function toOptions(nodes: readonly RegionTreeNode[], maxLevel: Level | undefined, onlyLevel: Level | undefined): PickerOption[] {
  return nodes.map((n) => {
    const atMax = maxLevel !== undefined && LEVEL_DEPTH[n.region.level] >= LEVEL_DEPTH[maxLevel];
    return {
      value: n.key,
      title: nameOf(n.region),
      label: nameOf(n.region),
      isLeaf: atMax || n.isLeaf,
      selectable: onlyLevel === undefined || n.region.level === onlyLevel,
      children: atMax || !n.children ? undefined : toOptions(n.children, maxLevel, onlyLevel),
    };
  });
}

function collectLabels(nodes: readonly RegionTreeNode[], into: Map<string, string>): Map<string, string> {
  for (const n of nodes) {
    into.set(n.key, nameOf(n.region));
    if (n.children) collectLabels(n.children, into);
  }
  return into;
}

type PickerProps = {
  /** Defaults to the signed-in user's scope roots. */
  roots?: readonly string[];
  /** Deepest level offered (e.g. `village` for a scope). */
  maxLevel?: Level;
  /** The one level that may be chosen (e.g. `micro_grid` for an assignment); the others only open. */
  onlyLevel?: Level;
  placeholder?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  id?: string;
} & ({ multiple?: false; value?: string; onChange?: (value: string) => void } | { multiple: true; value?: string[]; onChange?: (value: string[]) => void });

/**
 * Choose a region from a tree that loads each level when it opens. Typing searches the server
 * (within the roots, at the levels one may choose) and lists the hits with their ancestry;
 * clearing the text brings the tree back.
 */
export function RegionPicker(props: PickerProps) {
  const t = useT(common);
  const tr = useT(messages);
  const { pick } = useLang();
  const me = useMe();
  const { maxLevel, onlyLevel } = props;
  const roots = useMemo(() => props.roots ?? me.data?.scopes.map((s) => s.code) ?? [], [props.roots, me.data]);
  const { tree, load, reveal, isPending } = useLazyRegionTree(roots);
  const selected = useMemo(() => (!props.value ? [] : Array.isArray(props.value) ? props.value : [props.value]), [props.value]);
  const selectedKey = selected.join(',');

  // A value chosen elsewhere (the URL, a saved record) shows its name: open the branches down to it.
  useEffect(() => {
    if (isPending) return;
    for (const code of selectedKey ? selectedKey.split(',') : []) void reveal(code).catch(() => undefined);
  }, [selectedKey, isPending, reveal]);

  /* ---------- search ---------- */
  const [text, setText] = useState('');
  const settled = useDebounced(text, SEARCH_DELAY_MS);
  const searching = text.trim().length > 0;
  const rootRegions = useMemo(() => tree.map((n) => n.region), [tree]);
  const search = useRegionPickerSearch(searching ? settled : '', rootRegions, { maxLevel, onlyLevel });
  const waiting = searching && (settled.trim() !== text.trim() || search.isFetching || isPending);

  const hitOption = useCallback(
    ({ region, ancestry }: PickerHit): PickerOption => {
      const where = [onlyLevel ? null : pick(LEVEL_LABELS[region.level]), ancestry === undefined ? '…' : ancestry.join(' › ') || null].filter(Boolean).join(' · ');
      return {
        value: region.code,
        label: nameOf(region),
        isLeaf: true,
        selectable: choosable(region.level, { maxLevel, onlyLevel }),
        title: (
          <span data-testid="region-picker-hit">
            {nameOf(region)}
            {where ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {where}
              </Typography.Text>
            ) : null}
          </span>
        ),
      };
    },
    [maxLevel, onlyLevel, pick],
  );

  const treeOptions = useMemo(() => toOptions(tree, maxLevel, onlyLevel), [tree, maxLevel, onlyLevel]);
  const hitOptions = useMemo(() => search.hits.map(hitOption), [search.hits, hitOption]);
  const options = searching ? (settled.trim() ? hitOptions : []) : treeOptions;

  /* ---------- the chosen values' names, wherever they came from ---------- */
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const details = useQueries({
    queries: selected.map((code) => regionQuery(code)),
    combine: (results) => results.map((r) => (r.data ? nameOf(r.data) : undefined)),
  });
  const labels = useMemo(() => {
    const map = collectLabels(tree, new Map(picked));
    selected.forEach((code, i) => {
      const name = details[i];
      if (name && !map.has(code)) map.set(code, name);
    });
    return map;
  }, [tree, picked, selected, details]);
  const labeled = selected.map((code): Labeled => ({ value: code, label: labels.get(code) ?? code }));

  const remember = (chosen: readonly Labeled[]) => {
    const fresh = chosen.filter((c) => typeof c.label === 'string' && picked.get(c.value) !== c.label);
    if (fresh.length > 0) setPicked((m) => new Map([...m, ...fresh.map((c) => [c.value, c.label as string] as const)]));
    setText('');
  };

  const notFound = !searching ? undefined : waiting ? (
    <Flex gap={8} align="center" justify="center" style={{ padding: 12 }} data-testid="region-picker-searching">
      <Spin size="small" />
      <Typography.Text type="secondary">{tr('pickerSearching')}</Typography.Text>
    </Flex>
  ) : search.error ? (
    <Typography.Text type="danger" style={{ display: 'block', padding: 12 }}>
      {errorMessage(search.error)}
    </Typography.Text>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('pickerNoMatch', { q: text.trim() })} data-testid="region-picker-empty" />
  );

  const common_ = {
    id: props.id,
    treeData: options,
    loading: isPending || waiting,
    placeholder: props.placeholder ?? t('selectRegion'),
    style: { minWidth: 220, ...props.style },
    allowClear: props.allowClear,
    labelInValue: true,
    treeNodeLabelProp: 'label',
    showSearch: { searchValue: text, onSearch: setText, filterTreeNode: false, treeNodeFilterProp: 'label' },
    notFoundContent: notFound,
    popupRender: (menu: React.ReactElement) =>
      searching && search.more && options.length > 0 ? (
        <>
          {menu}
          <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
            {tr('pickerMore', { count: options.length })}
          </Typography.Text>
        </>
      ) : (
        menu
      ),
    onOpenChange: (open: boolean) => {
      if (!open) setText('');
    },
    popupMatchSelectWidth: false,
    treeDefaultExpandedKeys: [...roots],
    loadData: (node: { value?: string | number }) => load(String(node.value)),
    'data-testid': 'region-picker',
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return (
      <TreeSelect<Labeled[]>
        {...common_}
        multiple
        value={labeled}
        onChange={(v) => {
          remember(v ?? []);
          onChange?.((v ?? []).map((c) => c.value));
        }}
        treeCheckStrictly={false}
      />
    );
  }
  const onChange = props.onChange;
  return (
    <TreeSelect<Labeled | undefined>
      {...common_}
      value={labeled[0]}
      onChange={(v) => {
        remember(v ? [v] : []);
        onChange?.(v?.value as string);
      }}
    />
  );
}
