import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Flex, Image, Row, Skeleton, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { NotFoundPage } from '../../../components/status-pages.tsx';
import { isApiError } from '../../../lib/api.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useAllCategories } from '../api/categories.ts';
import { useCase } from '../api/get-case.ts';
import { readableAnswers, type AttributeQuestion } from '../attribute-answers.ts';
import { ActionBar } from '../components/action-bar.tsx';
import { CaseTimeline } from '../components/case-timeline.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { messages } from '../messages.ts';
import { LEVEL_LABELS } from '../../regions/index.ts';
import type { CaseDetail, Photo } from '../types.ts';

const CaseLocationMap = lazy(() => import('../components/case-location-map.tsx'));

/** A case's id (tracking numbers and other paths are not). */
const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function NotFound() {
  const t = useT(messages);
  return <NotFoundPage title={t('caseNotFound')} body={t('caseNotFoundHint')} back={{ to: '/cases', label: t('backToCases') }} />;
}

function Photos({ photos }: { photos: Photo[] }) {
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {photos.map((p) => (
          <Image key={p.hash} src={p.url} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

function Facts({ data }: { data: CaseDetail }) {
  const t = useT(messages);
  const { pick, mixed } = useLang();
  // The category's questions, deactivated categories included, to word the answers.
  const categories = useAllCategories();
  const questions = (categories.data?.items.find((c) => c.code === data.category.code)?.attributes ?? []) as AttributeQuestion[];
  const sources: Record<string, string> = {
    public: t('sourcePublic'),
    grid_worker: t('sourceGrid'),
    staff: t('sourceStaff'),
    open311: t('sourceOpen311'),
  };
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('category')}>{pick({ zh: data.category.nameZh, en: data.category.nameEn })}</Descriptions.Item>
      <Descriptions.Item label={t('region')}>{data.region.name}</Descriptions.Item>
      {data.address ? <Descriptions.Item label={t('addressLabel')}>{data.address}</Descriptions.Item> : null}
      {data.lat !== null && data.lng !== null ? <Descriptions.Item label={t('location')}>{`${data.lat}, ${data.lng}`}</Descriptions.Item> : null}
      <Descriptions.Item label={t('reportedAt')}>{formatDateTime(data.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('source')}>{sources[data.source] ?? data.source}</Descriptions.Item>
      {data.reporterName ? <Descriptions.Item label={t('reporterName')}>{data.reporterName}</Descriptions.Item> : null}
      {data.reporterPhone ? <Descriptions.Item label={t('reporterPhone')}>{data.reporterPhone}</Descriptions.Item> : null}
      {data.assignee ? <Descriptions.Item label={t('assignee')}>{data.assignee.name ?? data.assignee.id}</Descriptions.Item> : null}
      {data.deadline ? (
        <Descriptions.Item label={t('deadline')}>
          <Typography.Text type={data.overdue ? 'danger' : undefined}>{formatDateTime(data.deadline)}</Typography.Text>{' '}
          {data.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
        </Descriptions.Item>
      ) : null}
      {data.escalationLevel !== data.region.level ? (
        <Descriptions.Item label={t('escalatedTo')}>
          {pick(LEVEL_LABELS[data.escalationLevel])}
        </Descriptions.Item>
      ) : null}
      {readableAnswers(questions, data.attributes, mixed).map((a) => (
        <Descriptions.Item key={a.label} label={a.label}>
          {a.value}
        </Descriptions.Item>
      ))}
      {data.closedAt ? <Descriptions.Item label={t('closedAt')}>{formatDateTime(data.closedAt)}</Descriptions.Item> : null}
    </Descriptions>
  );
}

/** `/cases/:id`: everything about a case, its timeline, and the actions this user may take now. */
export default function CasePage() {
  const t = useT(messages);
  const { id } = useParams();
  const valid = id !== undefined && CASE_ID.test(id);
  const query = useCase(valid ? id : undefined);
  // The case map's old address, and anything else that is not a case's id.
  if (id === 'map') return <Navigate to="/case-map" replace />;
  if (!valid || isApiError(query.error, 404)) return <NotFound />;
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const reportPhotos = data.photos.filter((p) => p.stage === 'report');
  const handlingPhotos = data.photos.filter((p) => p.stage === 'handling');
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <Link to="/cases" aria-label={t('back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="case-title">{t('detailTitle', { no: data.trackingNo })}</span>
            <StatusTag status={data.status} />
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={12}>
            <Card size="small">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.description}</Typography.Paragraph>
              <Photos photos={reportPhotos} />
            </Card>
            {data.extension ? (
              <Alert
                type="warning"
                showIcon
                title={t('extensionPending', {
                  amount: `${data.extension.amount.amount} ${t(data.extension.amount.unit === 'days' ? 'days' : 'hours')}`,
                  reason: data.extension.reason,
                })}
              />
            ) : null}
            <Card size="small" title={t('actionsTitle')}>
              <ActionBar caseId={data.id} version={data.version} actions={data.availableActions} />
            </Card>
            {data.handling ? (
              <Card size="small" title={t('handlingNotes')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.handling.notes}</Typography.Paragraph>
              </Card>
            ) : null}
            {handlingPhotos.length > 0 ? (
              <Card size="small" title={t('handlingPhotos')}>
                <Photos photos={handlingPhotos} />
              </Card>
            ) : null}
            <Facts data={data} />
            {data.lat !== null && data.lng !== null ? (
              <Suspense fallback={<Spin />}>
                <CaseLocationMap lat={data.lat} lng={data.lng} regionCode={data.region.code} height={220} />
              </Suspense>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('timeline')}>
            <CaseTimeline entries={data.timeline} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
