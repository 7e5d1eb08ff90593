import { PageHeader } from '../../../components/page-header.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { ReportForm } from '../components/report-form.tsx';
import { messages } from '../messages.ts';

/** `/cases/new`: a grid worker reports what they found, or staff enter a caller's report. */
export default function NewCasePage() {
  const t = useT(messages);
  return (
    <div style={{ maxWidth: 560 }}>
      <PageHeader title={t('staffReportTitle')} subtitle={t('staffReportSubtitle')} />
      <ReportForm asStaff />
    </div>
  );
}
