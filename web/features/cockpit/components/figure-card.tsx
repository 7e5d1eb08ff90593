import { Card, Statistic } from 'antd';
import { Link } from 'react-router';
import { formatNumber } from '../../../lib/format.ts';
import { useLang } from '../../../lib/i18n.tsx';
import type { Indicator } from '../types.ts';

/** One headline figure; the whole card links to the records behind it. */
export function FigureCard({ indicator, region }: { indicator: Indicator; region: string }) {
  const { pick, lang } = useLang();
  const unit = pick(indicator.units);
  return (
    <Link to={`/indicators/${encodeURIComponent(indicator.id)}?region=${region}`} data-testid={`figure-${indicator.id}`} aria-label={`${pick(indicator.labels)} ${indicator.value}`}>
      <Card className="gz-figure" size="small" styles={{ body: { padding: '16px 20px' } }}>
        <Statistic
          title={pick(indicator.labels)}
          value={indicator.value}
          formatter={(v) => formatNumber(Number(v), lang)}
          suffix={unit ? <span style={{ fontSize: 14 }}>{unit}</span> : undefined}
          styles={{ content: { fontSize: 32, fontWeight: 600, color: '#c8161d' } }}
        />
      </Card>
    </Link>
  );
}
