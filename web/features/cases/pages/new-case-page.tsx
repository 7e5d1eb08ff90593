import { PageHeader } from '../../../components/page-header.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { useMe } from '../../auth/index.ts';
import { ReportForm } from '../components/report-form.tsx';
import { messages } from '../messages.ts';

/** `/cases/new`: a grid worker reports what they found, or staff enter a caller's report. */
export default function NewCasePage() {
  const t = useT(messages);
  const me = useMe();
  return (
    <div style={{ maxWidth: 560 }}>
      <PageHeader title={t('staffReportTitle')} subtitle={t('staffReportSubtitle')} />
      {/* Keyed by the user: a draft kept on this browser is only ever its own user's. */}
      {me.data ? <ReportForm key={me.data.id} staffId={me.data.id} /> : null}
    </div>
  );
}
