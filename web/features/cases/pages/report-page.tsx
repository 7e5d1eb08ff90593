import { Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../lib/i18n.tsx';
import { PublicShell } from '../components/public-shell.tsx';
import { ReportForm } from '../components/report-form.tsx';
import { messages } from '../messages.ts';

/** `/report`: anyone reports a problem from their phone, no sign-in. */
export default function ReportPage() {
  const t = useT(messages);
  return (
    <PublicShell>
      <Typography.Title level={3} style={{ marginTop: 4 }}>
        {t('reportTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('reportSubtitle')}</Typography.Paragraph>
      <ReportForm />
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/track">{t('trackLookup')}</Link>
      </Typography.Paragraph>
    </PublicShell>
  );
}
