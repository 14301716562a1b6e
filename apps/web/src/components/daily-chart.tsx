import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { words } from '../i18n';

const SERIES = ['activated', 'started', 'completed', 'passed', 'certified'] as const;
const COLOURS = ['#1f5fa8', '#2e8540', '#b35900', '#6a3d9a', '#a3001b'];

/** Milestones reached each day (uPlot: small, fast, canvas). */
export function DailyChart(props: { t: ReturnType<typeof words>; days: Record<string, number | string>[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const x = props.days.map((d) => Date.parse(`${d.date as string}T00:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [x, ...SERIES.map((s) => props.days.map((d) => Number(d[s] ?? 0)))];
    const plot = new uPlot(
      {
        width: Math.min(box.current.clientWidth || 600, 900),
        height: 220,
        series: [{}, ...SERIES.map((s, i) => ({ label: props.t[s], stroke: COLOURS[i], width: 2 }))],
        axes: [{}, { size: 50 }],
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [props.days, props.t]);
  return <div ref={box} className="daily-chart" role="img" aria-label={props.t.daily} />;
}
