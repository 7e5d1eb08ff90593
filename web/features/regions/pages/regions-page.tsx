import { ApartmentOutlined, EditOutlined, PlusOutlined, RollbackOutlined, StopOutlined, FormOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Drawer, Empty, Row, Skeleton } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useActiveToggle } from '../../../components/use-active-toggle.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { useCreateArea } from '../api/create-area.ts';
import { useDrawnAreas } from '../api/get-drawn-areas.ts';
import { useRegion } from '../api/get-region.ts';
import { useSetRetired } from '../api/retire-area.ts';
import { useUpdateArea } from '../api/update-area.ts';
import { AreaDialog, type AreaDialogState, type AreaValues } from '../components/area-dialog.tsx';
import { RegionDetails } from '../components/region-details.tsx';
import { RegionTree } from '../components/region-tree.tsx';
import type { DrawRequest } from '../components/region-map.tsx';
import { LEVEL_LABELS, messages } from '../messages.ts';
import { childAreaLevel, isEditable, isRetired, type Area, type EditableLevel, type RegionDetail, type RegionSummary } from '../types.ts';

// Leaflet (and its stylesheet) load with the map, not with the app.
const RegionMap = lazy(() => import('../components/region-map.tsx'));

const WRITERS = new Set(['district_admin', 'town_admin']);

type DrawTarget = { kind: 'create'; parent: RegionDetail; level: EditableLevel } | { kind: 'redraw'; region: RegionDetail };

export default function RegionsPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const isDesktop = useIsWide('lg');
  const me = useMe().data;
  const roots = useMemo(() => me?.scopes.map((s) => s.code) ?? [], [me]);
  const scopePaths = useMemo(() => me?.scopes.map((s) => s.path) ?? [], [me]);
  const [params, update] = useUrlParams(['code', 'q'] as const);
  const code = params.code ?? roots[0];
  const [directoryOpen, setDirectoryOpen] = useState(false);
  const [drawTarget, setDrawTarget] = useState<DrawTarget | null>(null);
  const [dialog, setDialog] = useState<AreaDialogState | null>(null);

  const region = useRegion(code);
  const focus = region.data;
  const canWrite = Boolean(me && WRITERS.has(me.role));
  const writable = (r: Pick<RegionSummary, 'path'>) => canWrite && scopePaths.some((p) => r.path.startsWith(p));

  const districtCode = focus?.level === 'district' ? focus.code : focus?.ancestors.find((a) => a.level === 'district')?.code;
  const district = useRegion(districtCode);
  const areasWithin = focus && isEditable(focus.level) ? (focus.ancestors.find((a) => a.level === 'village')?.code ?? focus.code) : focus?.code;
  const areas = useDrawnAreas(areasWithin);

  const createArea = useCreateArea();
  const updateArea = useUpdateArea();
  const setRetired = useSetRetired();
  const toggle = useActiveToggle();

  const select = (next: string) => {
    setDirectoryOpen(false);
    setDrawTarget(null);
    update({ code: next });
  };

  const showWarnings = (warnings: readonly string[] | undefined) => {
    for (const warning of warnings ?? []) void message.warning(warning, 8);
  };

  const restore = async (target: Pick<RegionSummary, 'code' | 'name' | 'version'>) => {
    try {
      await setRetired.mutateAsync({ code: target.code, version: target.version, retire: false });
      void message.success(t('restoredToast', { name: target.name }));
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const confirmRetire = (target: RegionSummary) =>
    toggle({
      key: target.code,
      active: true,
      version: target.version,
      confirm: { title: t('retireTitle', { name: target.name }), content: t('retireBody', { level: pick(LEVEL_LABELS[target.level]) }), okText: t('retire') },
      deactivate: async () => (await setRetired.mutateAsync({ code: target.code, version: target.version, retire: true })).version,
      reactivate: async (version) => {
        await setRetired.mutateAsync({ code: target.code, version, retire: false });
        void message.success(t('restoredToast', { name: target.name }));
      },
      deactivatedText: t('retiredToast', { name: target.name }),
      undoText: t('undo'),
    });

  const startCreate = (parent: RegionDetail) => {
    const level = childAreaLevel(parent.level);
    if (!level) return;
    setDrawTarget({ kind: 'create', parent, level });
    if (!isDesktop) setDirectoryOpen(false);
  };

  const finishDrawing = (geometry: Area | null) => {
    if (!drawTarget) return;
    createArea.reset();
    updateArea.reset();
    setDialog(drawTarget.kind === 'create' ? { mode: 'create', parent: drawTarget.parent, level: drawTarget.level, geometry } : { mode: 'edit', region: drawTarget.region, geometry });
  };

  const submitDialog = async (values: AreaValues) => {
    if (!dialog) return;
    try {
      if (dialog.mode === 'create') {
        const created = await createArea.mutateAsync({ parentCode: dialog.parent.code, level: dialog.level, name: values.name, code: values.code, geometry: values.geometry });
        void message.success(t('createdToast', { name: created.name, code: created.code }));
        showWarnings(created.warnings);
        setDialog(null);
        setDrawTarget(null);
        update({ code: created.code });
      } else {
        const saved = await updateArea.mutateAsync({ code: dialog.region.code, version: dialog.region.version, name: values.name, geometry: values.geometry });
        void message.success(t('savedToast'));
        showWarnings(saved.warnings);
        setDialog(null);
        setDrawTarget(null);
      }
    } catch {
      // The dialog shows the mutation's error (the server's message) and stays open for a fix.
    }
  };

  const drawRequest: DrawRequest | null = drawTarget
    ? {
        title:
          drawTarget.kind === 'create'
            ? t('drawingFor', { name: drawTarget.parent.shortName || drawTarget.parent.name, level: pick(LEVEL_LABELS[drawTarget.level]) })
            : `${t('redraw')} · ${drawTarget.region.name}`,
        onFinish: (geometry) => finishDrawing(geometry),
        onCancel: () => setDrawTarget(null),
        onPaste: () => finishDrawing(null),
      }
    : null;

  const actions = focus && writable(focus) ? regionActions(focus) : null;

  function regionActions(r: RegionDetail) {
    const buttons: React.ReactNode[] = [];
    const childLevel = childAreaLevel(r.level);
    if (childLevel && !isRetired(r)) {
      buttons.push(
        <Button key="add" type="primary" size="small" icon={<PlusOutlined />} onClick={() => startCreate(r)} disabled={Boolean(drawTarget)}>
          {childLevel === 'grid' ? t('addGrid') : t('addMicroGrid')}
        </Button>,
      );
    }
    if (isEditable(r.level)) {
      if (!isRetired(r)) {
        buttons.push(
          <Button
            key="rename"
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              updateArea.reset();
              setDialog({ mode: 'edit', region: r, geometry: null });
            }}
          >
            {t('rename')}
          </Button>,
          <Button key="redraw" size="small" icon={<FormOutlined />} onClick={() => setDrawTarget({ kind: 'redraw', region: r })} disabled={Boolean(drawTarget)}>
            {t('redraw')}
          </Button>,
          <Button key="retire" size="small" danger icon={<StopOutlined />} onClick={() => confirmRetire(r)}>
            {t('retire')}
          </Button>,
        );
      } else {
        buttons.push(
          <Button key="restore" size="small" icon={<RollbackOutlined />} onClick={() => void restore(r)} loading={setRetired.isPending}>
            {t('restore')}
          </Button>,
        );
      }
    }
    return buttons.length > 0 ? buttons : null;
  }

  const childActions = focus && writable(focus) ? (child: RegionSummary) => (isRetired(child) && isEditable(child.level) ? <Button size="small" icon={<RollbackOutlined />} onClick={() => void restore(child)}>{t('restore')}</Button> : null) : undefined;

  const tree = (
    <RegionTree
      roots={roots}
      selected={code}
      onSelect={select}
      query={params.q}
      onQuery={(q) => update({ q }, { replace: true })}
      includeRetired={canWrite}
    />
  );

  const map = (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: isDesktop ? 420 : 300 }} />}>
      <RegionMap
        outline={(district.data?.geometry as Area | null | undefined) ?? null}
        focus={focus}
        areas={areas.data}
        selectedCode={focus?.code}
        onSelectArea={select}
        draw={drawRequest}
        height={isDesktop ? 420 : 300}
      />
    </Suspense>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          isDesktop ? null : (
            <Button icon={<ApartmentOutlined />} onClick={() => setDirectoryOpen(true)} data-testid="open-directory">
              {t('directory')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        {isDesktop ? (
          <Col lg={7} xxl={6}>
            <Card size="small" title={t('directory')} styles={{ body: { maxHeight: 'calc(100dvh - 200px)', overflow: 'auto' } }}>
              {tree}
            </Card>
          </Col>
        ) : (
          <Drawer open={directoryOpen} onClose={() => setDirectoryOpen(false)} title={t('directory')} placement="left" size="85%">
            {tree}
          </Drawer>
        )}
        <Col xs={24} lg={17} xxl={18}>
          {region.isError ? <ErrorAlert error={region.error} onRetry={() => void region.refetch()} /> : null}
          {!code ? <Empty description={t('selectHint')} /> : null}
          {region.isPending && code ? <Skeleton active /> : null}
          {focus ? <RegionDetails region={focus} onSelect={select} actions={actions} map={map} includeRetired={canWrite} childActions={childActions} /> : null}
        </Col>
      </Row>
      <AreaDialog
        state={dialog}
        onSubmit={(values) => void submitDialog(values)}
        onClose={() => setDialog(null)}
        pending={createArea.isPending || updateArea.isPending}
        error={dialog?.mode === 'create' ? createArea.error : updateArea.error}
      />
    </>
  );
}
