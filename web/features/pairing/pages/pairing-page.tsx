import { App, Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { useCreatePairing } from '../api/create-pairing.ts';
import { CoveragePanel } from '../components/coverage-panel.tsx';
import { MatchmakerPanel } from '../components/matchmaker-panel.tsx';
import { PairingDialog } from '../components/pairing-dialog.tsx';
import { PairingDrawer } from '../components/pairing-drawer.tsx';
import { PairingList } from '../components/pairing-list.tsx';
import { messages } from '../messages.ts';
import type { CreatePairingInput } from '../types.ts';

const ADMINS = new Set(['district_admin', 'town_admin']);

/** Pairings, their coverage and the matchmaker, one tab each (in the URL); a pairing opens in a drawer. */
export default function PairingPage() {
  const t = useT(messages);
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const me = useMe().data;
  const isAdmin = Boolean(me && ADMINS.has(me.role));
  const [params, update] = useUrlParams(['tab', 'pairing', 'status', 'cursor'] as const);
  const tab = params.tab === 'coverage' || (params.tab === 'matchmaker' && isAdmin) ? params.tab : 'list';
  const create = useCreatePairing();
  const [creating, setCreating] = useState(false);

  const onCreate = (input: CreatePairingInput) =>
    create.mutate(input, {
      onSuccess: (p) => {
        void message.success(t('created', { name: p.title }));
        setCreating(false);
        update({ pairing: p.id });
      },
    });

  return (
    <>
      <PageHeader title={t('title')} subtitle={isWide ? t('subtitle') : undefined} />
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'list' ? null : key, cursor: null })}
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: t('tabList'),
            children: (
              <PairingList
                canWrite={isAdmin}
                onCreate={() => {
                  create.reset();
                  setCreating(true);
                }}
                onOpen={(id) => update({ pairing: id })}
              />
            ),
          },
          { key: 'coverage', label: t('tabCoverage'), children: <CoveragePanel /> },
          ...(isAdmin ? [{ key: 'matchmaker', label: t('tabMatchmaker'), children: <MatchmakerPanel onAccepted={() => update({ tab: null, status: 'proposed', cursor: null })} /> }] : []),
        ]}
      />
      <PairingDrawer id={params.pairing} onClose={() => update({ pairing: null })} />
      <PairingDialog open={creating} pending={create.isPending} error={create.error} onSubmit={onCreate} onClose={() => setCreating(false)} />
    </>
  );
}
