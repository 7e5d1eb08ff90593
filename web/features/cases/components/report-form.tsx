import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, List, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useCategories } from '../api/categories.ts';
import { useNearby } from '../api/nearby.ts';
import { useReportCase } from '../api/report-case.ts';
import { messages } from '../messages.ts';
import { clearDraft, loadDraft, saveDraft, type DraftOwner } from '../report-draft.ts';
import { saveReport } from '../saved-reports.ts';
import type { ReportResult } from '../types.ts';
import { AttributeFields, attributesComplete } from './attribute-fields.tsx';
import { CategoryPicker } from './category-picker.tsx';
import { LocationPicker, type Point } from './location-picker.tsx';
import { PhotoInput } from './photo-input.tsx';
import { StatusTag } from './status-tag.tsx';

/**
 * The report form, phone first: location, category (and its questions), description, photos,
 * phone. Before submitting it shows open reports of the same kind within 100 m, to follow instead.
 * Residents post to the public endpoint; staff (`staffId`, whose draft it keeps) to theirs. What has been typed is kept
 * on the phone until the report is sent, so a dropped connection or a closed page loses nothing.
 */
export function ReportForm({ staffId }: { staffId?: string }) {
  const asStaff = staffId !== undefined;
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const categories = useCategories();
  const report = useReportCase(asStaff);
  const [form] = useState<DraftOwner>(() => (staffId === undefined ? 'public' : { staff: staffId }));
  const [restored, setRestored] = useState(() => loadDraft(form));
  const [point, setPoint] = useState<Point | null>(restored?.point ?? null);
  const [category, setCategory] = useState<string | undefined>(restored?.category);
  const [attributes, setAttributes] = useState<Record<string, string>>(restored?.attributes ?? {});
  const [description, setDescription] = useState(restored?.description ?? '');
  const [address, setAddress] = useState(restored?.address ?? '');
  const [name, setName] = useState(restored?.name ?? '');
  const [phone, setPhone] = useState(restored?.phone ?? '');
  const [photos, setPhotos] = useState<File[]>([]);
  const [result, setResult] = useState<ReportResult | null>(null);
  const nearby = useNearby({ lat: point?.lat, lng: point?.lng, category });
  useEffect(() => {
    if (!result) saveDraft(form, { point, category, attributes, description, address, name, phone });
  }, [form, result, point, category, attributes, description, address, name, phone]);

  const chosen = categories.data?.items.find((c) => c.code === category);
  const describedEnough = description.trim().length >= 2;
  // What still keeps the submit button grey, said next to it.
  const missing = [
    point === null ? t('location') : null,
    category ? null : t('category'),
    describedEnough ? null : t('description'),
    category && !attributesComplete(chosen, attributes) ? t('answers') : null,
  ].filter((m): m is string => m !== null);
  const ready = missing.length === 0;

  const submit = () => {
    if (!ready || !point || !category) return;
    report.mutate(
      {
        category,
        description: description.trim(),
        lat: point.lat,
        lng: point.lng,
        address: address.trim() || undefined,
        name: (asStaff && name.trim()) || undefined,
        phone: phone.trim() || undefined,
        attributes,
        photos,
      },
      {
        onSuccess: (done) => {
          clearDraft(form);
          setRestored(null);
          if (done.reporterToken && !asStaff)
            saveReport({
              trackingNo: done.trackingNo,
              token: done.reporterToken,
            });
          if (asStaff) void message.success(t('submittedStaff', { no: done.trackingNo }));
          setResult(done);
        },
      },
    );
  };

  const reset = () => {
    setResult(null);
    setDescription('');
    setPhotos([]);
    setAttributes({});
    report.reset();
  };

  /** Throw the kept draft away and start from an empty form. */
  const startOver = () => {
    clearDraft(form);
    setRestored(null);
    setPoint(null);
    setCategory(undefined);
    setAttributes({});
    setDescription('');
    setAddress('');
    setName('');
    setPhone('');
    setPhotos([]);
    report.reset();
  };

  if (result) {
    const trackUrl = `/track/${result.trackingNo}${result.reporterToken && !asStaff ? `?token=${encodeURIComponent(result.reporterToken)}` : ''}`;
    return (
      <Result
        icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
        title={t('submittedTitle')}
        subTitle={
          <Flex vertical gap={4} align="center">
            <Typography.Text>{t('trackingNo')}</Typography.Text>
            <Typography.Title level={3} copyable style={{ margin: 0 }} data-testid="tracking-no">
              {result.trackingNo}
            </Typography.Title>
            <Typography.Text type="secondary">{result.region.name}</Typography.Text>
            {asStaff ? null : <Typography.Text type="secondary">{t('saveNumber')}</Typography.Text>}
            {result.withinScope === false ? (
              <Alert type="info" showIcon style={{ marginTop: 8, textAlign: 'left' }} data-testid="outside-scope" title={t('outsideScope', { region: result.region.name })} />
            ) : null}
          </Flex>
        }
        extra={[
          result.withinScope === false ? null : (
            <Link key="track" to={asStaff ? `/cases/${result.id}` : trackUrl}>
              <Button type="primary">{t('viewProgress')}</Button>
            </Link>
          ),
          <Button key="again" onClick={reset}>
            {t('reportAnother')}
          </Button>,
        ]}
      />
    );
  }

  return (
    <Form layout="vertical" onFinish={submit} requiredMark>
      {restored ? (
        <Alert
          type="info"
          showIcon
          closable
          data-testid="draft-restored"
          style={{ marginBottom: 12 }}
          title={t('draftRestored')}
          onClose={() => setRestored(null)}
          action={
            <Button size="small" onClick={startOver} data-testid="draft-start-over">
              {t('startOver')}
            </Button>
          }
        />
      ) : null}
      <Card size="small" title={t('location')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('locationHelp')}
        </Typography.Paragraph>
        <LocationPicker value={point} onChange={setPoint} />
        <Form.Item label={t('address')} style={{ marginTop: 12, marginBottom: 0 }}>
          <Input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} data-testid="address" />
        </Form.Item>
      </Card>

      <Card size="small" style={{ marginBottom: 12 }}>
        {categories.isPending ? (
          <Skeleton active />
        ) : categories.isError ? (
          <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />
        ) : (
          <Form.Item label={t('category')} required>
            <CategoryPicker
              categories={categories.data.items}
              value={category}
              onChange={(code) => {
                setCategory(code);
                setAttributes({});
              }}
            />
          </Form.Item>
        )}
        <AttributeFields category={chosen} values={attributes} onChange={setAttributes} requiredMessage={t('required')} />
        {nearby.data && nearby.data.items.length > 0 ? (
          <Alert
            type="info"
            showIcon
            data-testid="nearby"
            style={{ marginBottom: 12 }}
            title={t('nearbyTitle', { count: nearby.data.items.length })}
            description={
              <>
                <Typography.Text type="secondary">{t('nearbyHelp')}</Typography.Text>
                <List
                  size="small"
                  dataSource={nearby.data.items}
                  renderItem={(item) => (
                    <List.Item
                      actions={[
                        <Link key="follow" to={`/track/${item.trackingNo}`}>
                          {t('follow')}
                        </Link>,
                      ]}
                    >
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text code>{item.trackingNo}</Typography.Text>
                        <StatusTag status={item.status} />
                        <Typography.Text type="secondary">{t('meters', { n: item.distanceMeters })}</Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </>
            }
          />
        ) : null}
        <Form.Item
          label={t('description')}
          required
          help={description.trim().length === 1 ? t('descriptionTooShort') : undefined}
          validateStatus={description.trim().length === 1 ? 'warning' : undefined}
        >
          <Input.TextArea
            data-testid="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t('descriptionPlaceholder')}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={1000}
            showCount
          />
        </Form.Item>
        <Form.Item label={t('photos')}>
          <PhotoInput value={photos} onChange={setPhotos} />
        </Form.Item>
        {asStaff ? (
          <Form.Item label={t('callerName')}>
            <Input data-testid="caller-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('callerNamePlaceholder')} maxLength={40} autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item label={asStaff ? t('callerPhone') : t('phone')}>
          <Input
            data-testid="phone"
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder={asStaff ? t('callerPhonePlaceholder') : t('phonePlaceholder')}
            maxLength={20}
          />
        </Form.Item>
      </Card>

      {report.isError ? <ErrorAlert error={report.error} style={{ marginBottom: 4 }} /> : null}
      {report.isPaused ? <Alert type="warning" showIcon style={{ marginBottom: 4 }} title={t('offlineWaiting')} data-testid="offline-waiting" /> : null}
      {report.isError || report.isPaused ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }} data-testid="draft-kept">
          {t('draftKept')}
        </Typography.Paragraph>
      ) : null}
      {!ready && !report.isPending ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6, textAlign: 'center' }} data-testid="still-needed">
          {t('stillNeeded', { what: missing.join(t('listSeparator')) })}
        </Typography.Paragraph>
      ) : null}
      <Button type="primary" htmlType="submit" size="large" block disabled={!ready} loading={report.isPending} data-testid="submit-report">
        {report.isPending ? t('submitting') : t('submit')}
      </Button>
      {chosen ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12, textAlign: 'center' }}>
          {t('categoryChosen', { name: pick({ zh: chosen.nameZh, en: chosen.nameEn }) })}
        </Typography.Paragraph>
      ) : null}
    </Form>
  );
}
