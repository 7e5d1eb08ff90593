import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../../../components/use-echart.ts';
import { useNavigate } from 'react-router';
import { formatNumber } from '../../../lib/format.ts';
import { useLang } from '../../../lib/i18n.tsx';
import type { Indicator } from '../types.ts';

// Only what the chart draws: ECharts' tree-shaken core keeps this page's chunk small.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** A horizontal bar per figure; clicking a bar opens its records, like the cards above. */
export default function IndicatorChart({ items, region }: { items: readonly Indicator[]; region: string }) {
  const { ref, chart } = useEChart();
  const { pick } = useLang();
  const navigate = useNavigate();

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const rows = [...items].reverse();
    instance.setOption(
      {
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eee' } } },
        yAxis: { type: 'category', data: rows.map((i) => pick(i.labels)), axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            data: rows.map((i) => ({ value: i.value, id: i.id })),
            itemStyle: { color: '#c8161d', borderRadius: [0, 4, 4, 0] },
            barMaxWidth: 28,
            label: { show: true, position: 'right', formatter: (p: { value: unknown }) => formatNumber(Number(p.value)) },
          },
        ],
      },
      true,
    );
    instance.off('click');
    instance.on('click', (event) => {
      const id = (event.data as { id?: string } | undefined)?.id;
      if (id) void navigate(`/indicators/${encodeURIComponent(id)}?region=${region}`);
    });
  }, [chart, items, region, pick, navigate]);

  return <div ref={ref} style={{ width: '100%', height: Math.max(160, items.length * 44 + 24) }} role="img" aria-label="chart" />;
}
