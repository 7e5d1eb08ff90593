import { AimOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';

const PinMap = lazy(() => import('./pin-map.tsx'));

/** Typed coordinates count once typing pauses this long. */
const TYPING_PAUSE_MS = 500;

export interface Point {
  lat: number;
  lng: number;
}

/** Where the problem is: tap the map, use the phone's location, or type the coordinates. */
export function LocationPicker({ value, onChange }: { value: Point | null; onChange: (point: Point | null) => void }) {
  const t = useT(messages);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Coordinates being typed. They become the point once typing pauses and both are there: no pin
  // in a made-up place, and none jumping through 3, 30, 30.9 on the way.
  const [typed, setTyped] = useState<Partial<Point> | null>(null);
  useEffect(() => {
    if (typed === null) return;
    const timer = setTimeout(() => {
      if (typed.lat !== undefined && typed.lng !== undefined) {
        setTyped(null);
        onChange({ lat: typed.lat, lng: typed.lng });
      } else if (value) onChange(null);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, value, onChange]);
  const pick = (point: Point | null) => {
    setTyped(null);
    onChange(point);
  };

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
        pick({
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
    const next: Partial<Point> = { ...(typed ?? value ?? {}) };
    if (n === null) delete next[key];
    else next[key] = n;
    setTyped(next);
  };
  const shown = typed ?? value ?? {};

  return (
    <Flex vertical gap={8}>
      <Suspense fallback={<Spin style={{ height: 220 }} />}>
        <PinMap value={value} onPick={pick} height={220} />
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
          value={shown.lat ?? null}
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
          value={shown.lng ?? null}
          onChange={(n) => set('lng', n)}
          prefix={<span style={{ color: '#8c8c8c', fontSize: 12 }}>{t('lngShort')}</span>}
          style={{ flex: 1, minWidth: 0 }}
        />
      </Flex>
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
    </Flex>
  );
}
