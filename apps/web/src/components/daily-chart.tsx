import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate, formatDayMonth } from '../format';
import type { words } from '../i18n';

const SERIES = ['activated', 'started', 'completed', 'passed', 'certified'] as const;
const COLOURS = ['#1f5fa8', '#2e8540', '#b35900', '#6a3d9a', '#a3001b'];

/** A point of the x axis (a Vietnam calendar day, placed at its UTC midnight) back to its day, YYYY-MM-DD. */
const dayAt = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * Milestones reached each day (uPlot: small, fast, canvas). The days are calendar days in Vietnam:
 * each sits at its UTC midnight and the chart reckons in UTC, so neither the ticks nor their labels
 * move with the browser's zone; the axis reads d/m and the legend dd/mm/yyyy, whatever its language.
 */
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
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
        series: [
          // uPlot names the x series "Time" and writes its dates month first unless told otherwise.
          { label: props.t.date, value: (_, v) => (v === null ? '--' : formatDate(dayAt(v))) },
          ...SERIES.map((s, i) => ({ label: props.t[s], stroke: COLOURS[i], width: 2 })),
        ],
        axes: [{ values: (_, splits) => splits.map((s) => formatDayMonth(dayAt(s))) }, { size: 50 }],
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [props.days, props.t]);
  return <div ref={box} className="daily-chart" role="img" aria-label={props.t.daily} />;
}
