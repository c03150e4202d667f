import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, GeoComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { usePrefersReducedMotion } from '../lib/reduced-motion';

echarts.use([BarChart, FunnelChart, LineChart, MapChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, GeoComponent, CanvasRenderer]);

export { echarts };

/**
 * A resizable ECharts canvas. `label` is read by screen readers (plus ECharts' own aria description); with
 * prefers-reduced-motion the chart does not animate.
 */
export function EChart({ option, height = 360, label, onClick }: { option: EChartsCoreOption; height?: number; label: string; onClick?: (p: { name?: string; data?: unknown }) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const reducedMotion = usePrefersReducedMotion();
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // with prefers-reduced-motion the bars and lines are drawn in place instead of growing in
    chart.current?.setOption({ aria: { enabled: true }, ...(reducedMotion ? { animation: false } : {}), ...option }, true);
  }, [option, reducedMotion]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const h = (p: unknown) => onClick(p as { name?: string; data?: unknown });
    c.on('click', h);
    return () => {
      c.off('click', h);
    };
  }, [onClick]);
  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label={label} />;
}
