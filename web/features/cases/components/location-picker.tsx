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
  // A coordinate typed while the other is still empty: no point yet, so no pin in a made-up place.
  const [half, setHalf] = useState<Partial<Point>>({});

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
    const next: Partial<Point> = { ...(value ?? half) };
    if (n === null) delete next[key];
    else next[key] = n;
    if (next.lat !== undefined && next.lng !== undefined) {
      setHalf({});
      onChange({ lat: next.lat, lng: next.lng });
    } else {
      setHalf(next);
      if (value) onChange(null);
    }
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
          value={value?.lat ?? half.lat ?? null}
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
          value={value?.lng ?? half.lng ?? null}
          onChange={(n) => set('lng', n)}
          prefix={<span style={{ color: '#8c8c8c', fontSize: 12 }}>{t('lngShort')}</span>}
          style={{ flex: 1, minWidth: 0 }}
        />
      </Flex>
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
    </Flex>
  );
}
