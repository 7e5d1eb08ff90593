import { AimOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';

const PinMap = lazy(() => import('./pin-map.tsx'));

export interface Point {
  lat: number;
  lng: number;
}

/** Where the problem is: tap the map, use the phone's location, or type the coordinates. */
export function LocationPicker({ value, onChange }: { value: Point | null; onChange: (point: Point | null) => void }) {
  const t = useT(messages);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblem(t('gpsUnavailable'));
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onChange({
          lat: Math.round(position.coords.latitude * 1e6) / 1e6,
          lng: Math.round(position.coords.longitude * 1e6) / 1e6,
        });
      },
      (error) => {
        setLocating(false);
        setProblem(t('gpsFailed', { reason: error.message }));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const set = (key: keyof Point, n: number | null) => {
    if (n === null) return onChange(null);
    const other = value ?? { lat: 30.893, lng: 104.262 };
    onChange({ ...other, [key]: n });
  };

  return (
    <Flex vertical gap={8}>
      <Suspense fallback={<Spin style={{ height: 220 }} />}>
        <PinMap value={value} onPick={onChange} height={220} />
      </Suspense>
      <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="use-gps" style={{ alignSelf: 'flex-start' }}>
        {t('useGps')}
      </Button>
      {/* Latitude and longitude side by side on one line, each half of it, also on a phone. */}
      <Flex gap={8} align="center">
        <InputNumber
          aria-label={t('latitude')}
          placeholder={t('latitude')}
          data-testid="lat"
          min={-90}
          max={90}
          step={0.0001}
          precision={6}
          value={value?.lat ?? null}
          onChange={(n) => set('lat', n)}
          prefix={<span style={{ color: '#8c8c8c', fontSize: 12 }}>{t('latShort')}</span>}
          style={{ flex: 1, minWidth: 0 }}
        />
        <InputNumber
          aria-label={t('longitude')}
          placeholder={t('longitude')}
          data-testid="lng"
          min={-180}
          max={180}
          step={0.0001}
          precision={6}
          value={value?.lng ?? null}
          onChange={(n) => set('lng', n)}
          prefix={<span style={{ color: '#8c8c8c', fontSize: 12 }}>{t('lngShort')}</span>}
          style={{ flex: 1, minWidth: 0 }}
        />
      </Flex>
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
    </Flex>
  );
}
