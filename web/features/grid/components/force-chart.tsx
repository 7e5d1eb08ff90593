import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../../../components/use-echart.ts';
import { useLang } from '../../../lib/i18n.tsx';
import { FORCE_TYPE_LABELS } from '../messages.ts';
import { FORCE_TYPES, type ForceType } from '../types.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** People by force type: one horizontal bar each. Volunteers outnumber the rest, so the axis is logarithmic when they do by far. */
export default function ForceChart({ totals, onSelect }: { totals: Record<ForceType, number>; onSelect?: (forceType: ForceType) => void }) {
  const { ref, chart } = useEChart();
  const { pick } = useLang();

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const rows = [...FORCE_TYPES].reverse();
    const values = rows.map((t) => totals[t]);
    const positive = values.filter((v) => v > 0);
    const logScale = positive.length > 1 && Math.max(...positive) / Math.min(...positive) > 50;
    instance.setOption(
      {
        grid: { left: 8, right: 56, top: 8, bottom: 28, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        // From 0.5 so that a single person still draws a bar; the half is not labelled.
        // Said on the axis: on a logarithmic scale 72,000 looks near 425.
        xAxis: logScale
          ? {
              type: 'log',
              min: 0.5,
              name: pick({ zh: '对数刻度', en: 'log scale' }),
              nameLocation: 'middle',
              nameGap: 26,
              nameTextStyle: { color: '#8c8c8c', fontSize: 11 },
              splitLine: { lineStyle: { color: '#eee' } },
              axisLabel: { formatter: (v: number) => (v >= 1 ? String(v) : '') },
            }
          : { type: 'value', splitLine: { lineStyle: { color: '#eee' } } },
        yAxis: { type: 'category', data: rows.map((t) => pick(FORCE_TYPE_LABELS[t])), axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            // A log axis cannot show 0: an empty force draws as no bar, labelled 0.
            data: rows.map((t) => ({ value: logScale && totals[t] === 0 ? null : totals[t], id: t, label: { formatter: String(totals[t]) } })),
            itemStyle: { color: '#c8161d', borderRadius: [0, 4, 4, 0] },
            barMaxWidth: 26,
            label: { show: true, position: 'right' },
          },
        ],
      },
      true,
    );
    instance.off('click');
    instance.on('click', (event) => {
      const id = (event.data as { id?: ForceType } | undefined)?.id;
      if (id) onSelect?.(id);
    });
  }, [chart, totals, pick, onSelect]);

  return <div ref={ref} style={{ width: '100%', height: FORCE_TYPES.length * 40 + 40 }} role="img" aria-label={pick({ zh: '各类力量人数', en: 'People by force type' })} data-testid="force-chart" />;
}
