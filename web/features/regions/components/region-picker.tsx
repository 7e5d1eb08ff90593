import { TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useMe } from '../../auth/index.ts';
import { useT } from '../../../lib/i18n.tsx';
import { common } from '../../../lib/messages.ts';
import { useLazyRegionTree, type RegionTreeNode } from '../hooks/use-lazy-region-tree.ts';
import type { Level } from '../types.ts';

interface PickerOption {
  value: string;
  title: string;
  isLeaf: boolean;
  /** False for a region the picker shows only as a way down (`onlyLevel`). */
  selectable: boolean;
  children?: PickerOption[];
}

const DEPTH: Record<Level, number> = { province: 0, city: 1, district: 2, town: 3, village: 4, grid: 5, micro_grid: 6 };

function toOptions(nodes: readonly RegionTreeNode[], maxLevel: Level | undefined, onlyLevel: Level | undefined): PickerOption[] {
  return nodes.map((n) => {
    const atMax = maxLevel !== undefined && DEPTH[n.region.level] >= DEPTH[maxLevel];
    return {
      value: n.key,
      title: n.region.shortName || n.region.name,
      isLeaf: atMax || n.isLeaf,
      selectable: onlyLevel === undefined || n.region.level === onlyLevel,
      children: atMax || !n.children ? undefined : toOptions(n.children, maxLevel, onlyLevel),
    };
  });
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

/** Choose a region from a tree that loads each level when it opens. */
export function RegionPicker(props: PickerProps) {
  const t = useT(common);
  const me = useMe();
  const roots = useMemo(() => props.roots ?? me.data?.scopes.map((s) => s.code) ?? [], [props.roots, me.data]);
  const { tree, load, reveal, isPending } = useLazyRegionTree(roots);
  const selected = props.value === undefined ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const selectedKey = selected.join(',');

  // A value chosen elsewhere (the URL, a saved record) shows its name: open the branches down to it.
  useEffect(() => {
    if (isPending) return;
    for (const code of selectedKey ? selectedKey.split(',') : []) void reveal(code).catch(() => undefined);
  }, [selectedKey, isPending, reveal]);

  const options = useMemo(() => toOptions(tree, props.maxLevel, props.onlyLevel), [tree, props.maxLevel, props.onlyLevel]);

  const common_ = {
    id: props.id,
    treeData: options,
    loading: isPending,
    placeholder: props.placeholder ?? t('selectRegion'),
    style: { minWidth: 220, ...props.style },
    allowClear: props.allowClear,
    showSearch: true,
    treeNodeFilterProp: 'title',
    popupMatchSelectWidth: false,
    treeDefaultExpandedKeys: [...roots],
    loadData: (node: { value?: string | number }) => load(String(node.value)),
    'data-testid': 'region-picker',
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return <TreeSelect<string[]> {...common_} multiple value={props.value} onChange={(v) => onChange?.(v)} treeCheckStrictly={false} />;
  }
  const onChange = props.onChange;
  return <TreeSelect<string> {...common_} value={props.value} onChange={(v) => onChange?.(v)} />;
}
