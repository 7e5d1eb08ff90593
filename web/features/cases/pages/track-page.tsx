import { Button, Card, Descriptions, Flex, Input, List, Result, Skeleton, Steps, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { usePublicCase } from '../api/track-case.ts';
import { useVerifyCase } from '../api/verify-case.ts';
import { PublicShell } from '../components/public-shell.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { messages, STEPS } from '../messages.ts';
import { saveReport, savedReports, tokenFor } from '../saved-reports.ts';
import type { PublicCase } from '../types.ts';

function Lookup() {
  const t = useT(messages);
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const mine = savedReports();
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('trackLookup')}>
        <Input.Search
          placeholder={t('trackPlaceholder')}
          enterButton={t('lookup')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onSearch={(v) => v.trim() && navigate(`/track/${v.trim().toUpperCase()}`)}
        />
      </Card>
      {mine.length > 0 ? (
        <Card size="small" title={t('myReports')}>
          <List
            dataSource={mine}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/track/${r.trackingNo}`}>{r.trackingNo}</Link>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </Flex>
  );
}

function Verify({ data, token }: { data: PublicCase; token: string }) {
  const t = useT(messages);
  const verify = useVerifyCase();
  const [failing, setFailing] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Card size="small" title={t('verifyTitle')} style={{ borderColor: '#722ed1' }} data-testid="verify-card">
      <Typography.Paragraph type="secondary">{t('verifyHelp')}</Typography.Paragraph>
      {failing ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            placeholder={t('verifyReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            autoSize={{ minRows: 2 }}
          />
          <Button
            danger
            disabled={!reason.trim()}
            loading={verify.isPending}
            onClick={() =>
              verify.mutate({
                trackingNo: data.trackingNo,
                token,
                result: 'fail',
                reason: reason.trim(),
              })
            }
          >
            {t('verifyFail')}
          </Button>
        </Flex>
      ) : (
        <Flex gap={8}>
          <Button
            type="primary"
            data-testid="verify-pass"
            loading={verify.isPending}
            onClick={() =>
              verify.mutate({
                trackingNo: data.trackingNo,
                token,
                result: 'pass',
              })
            }
          >
            {t('verifyPass')}
          </Button>
          <Button onClick={() => setFailing(true)}>{t('verifyFail')}</Button>
        </Flex>
      )}
      {verify.isError ? <ErrorAlert error={verify.error} style={{ marginTop: 8 }} /> : null}
    </Card>
  );
}

function Progress({ trackingNo }: { trackingNo: string }) {
  const t = useT(messages);
  const { pick } = useLang();
  const [params] = useSearchParams();
  // A token in the link is used if it could be one, and kept on this phone only once the server
  // says it is this report's: a mistyped or stale link must not overwrite the reporter's own.
  const linked = params.get('token') ?? undefined;
  const given = linked && linked.length >= 10 && linked.length <= 100 ? linked : undefined;
  const token = given ?? tokenFor(trackingNo);
  const query = usePublicCase(trackingNo, token);
  const confirmed = Boolean(given && query.data?.own);
  useEffect(() => {
    if (confirmed && given) saveReport({ trackingNo, token: given });
  }, [confirmed, given, trackingNo]);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) {
    return isApiError(query.error, 404) || isApiError(query.error, 400) ? (
      <Result status="404" title={t('notFound')} subTitle={trackingNo} extra={<Lookup />} />
    ) : (
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  const data = query.data;
  const step =
    data.status === 'rejected'
      ? 1
      : Math.max(
          0,
          // Suspended: the step it was suspended at (the last one before the suspension).
          STEPS.findIndex((s) => s.status === (data.status === 'suspended' ? ([...data.timeline].reverse().find((e) => e.status !== 'suspended')?.status ?? 'reported') : data.status)),
        );
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="track-no">
            {data.trackingNo}
          </Typography.Title>
          <StatusTag status={data.status} />
        </Flex>
        <Typography.Paragraph style={{ margin: '8px 0' }}>{pick({ zh: data.category.nameZh, en: data.category.nameEn })}</Typography.Paragraph>
        <Steps
          data-testid="progress"
          type="dot"
          size="small"
          titlePlacement="vertical"
          responsive={false}
          current={step}
          status={data.status === 'rejected' ? 'error' : data.status === 'closed' ? 'finish' : 'process'}
          items={STEPS.map((s) => ({ title: pick(s.label) }))}
          style={{ marginTop: 8 }}
        />
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('region')}>{data.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('reportedAt')}>{formatDateTime(data.reportedAt)}</Descriptions.Item>
          {data.expectedAt ? <Descriptions.Item label={t('expectedAt')}>{formatDateTime(data.expectedAt)}</Descriptions.Item> : null}
          {data.closedAt ? <Descriptions.Item label={t('closedAt')}>{formatDateTime(data.closedAt)}</Descriptions.Item> : null}
          {data.own ? <Descriptions.Item label={t('yourReport')}>{data.own.description}</Descriptions.Item> : null}
          {data.own?.handlingNotes ? (
            <Descriptions.Item label={t('whatWasDone')}>
              <span data-testid="handling-notes" style={{ whiteSpace: 'pre-wrap' }}>
                {data.own.handlingNotes}
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {data.own?.canVerify && token ? <Verify data={data} token={token} /> : null}
      <Card size="small" title={t('timeline')}>
        <Timeline
          items={[...data.timeline].reverse().map((e, i) => ({
            key: i,
            title: formatDateTime(e.at),
            content: (
              <>
                <Typography.Text strong>{pick(e.label)}</Typography.Text>
                {e.note ? <div>{e.note}</div> : null}
              </>
            ),
          }))}
        />
      </Card>
      <Link to="/report" style={{ textAlign: 'center' }}>
        {t('reportLink')}
      </Link>
    </Flex>
  );
}

/** `/track/:trackingNo`: a report's status and public history; with the reporter's secret, verify the handling. */
export default function TrackPage() {
  const t = useT(messages);
  const { trackingNo } = useParams();
  return (
    <PublicShell>
      <Typography.Title level={3} style={{ marginTop: 4 }}>
        {t('trackTitle')}
      </Typography.Title>
      {trackingNo ? <Progress key={trackingNo} trackingNo={trackingNo} /> : <Lookup />}
    </PublicShell>
  );
}
