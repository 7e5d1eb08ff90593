import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../../../components/use-echart.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export interface Matrix {
  rows: { key: string; name: string }[];
  columns: { key: string; name: string }[];
  counts: number[][];
}

/** A matrix of counts as a heat map: rows down, columns across, white for none, deep red for many. */
export default function Heatmap({ matrix, testId }: { matrix: Matrix; testId?: string }) {
  const { ref, chart } = useEChart();

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const data = matrix.counts.flatMap((row, y) => row.map((value, x) => [x, y, value]));
    const max = Math.max(1, ...data.map((d) => d[2]!));
    instance.setOption(
      {
        tooltip: {
          formatter: (p: { data: number[] }) => `${matrix.rows[p.data[1]!]?.name ?? ''} · ${matrix.columns[p.data[0]!]?.name ?? ''}：${p.data[2]}`,
        },
        grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
        xAxis: { type: 'category', data: matrix.columns.map((c) => c.name), axisLabel: { rotate: 40, interval: 0 }, splitArea: { show: true } },
        yAxis: { type: 'category', data: matrix.rows.map((r) => r.name), inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
        visualMap: { min: 0, max, show: false, inRange: { color: ['#ffffff', '#fde3e1', '#f08c86', '#c8161d'] } },
        series: [{ type: 'heatmap', data, label: { show: matrix.rows.length <= 20, formatter: (p: { data: number[] }) => (p.data[2] ? String(p.data[2]) : '') } }],
      },
      true,
    );
  }, [chart, matrix]);

  return <div ref={ref} style={{ width: '100%', height: Math.max(200, matrix.rows.length * 22 + 90) }} role="img" aria-label="heat map" data-testid={testId} />;
}
