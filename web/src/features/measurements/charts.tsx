// Chart.js for the measurement pictures, with only the parts we draw registered (radar and bar),
// so the rest of the library is shaken out; this module is only reached from lazy pages.
// Every chart is a <figure>: the canvas is an image with a short name, and the same figures stand
// in a table next to it, always in the accessibility tree and shown on request ("Toon als tabel")
// and on paper. The figure's own styles (measurements.css) come with it, for every page that uses it.
import './measurements.css';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = "'Source Sans 3', system-ui, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#2b2621';

/** Line colours for series (moments or persons), dark enough on white, told apart by dash too. */
export const SERIES = [
  { color: '#1d5a55', fill: 'rgba(29, 90, 85, 0.12)', dash: [] as number[] },
  { color: '#9c4326', fill: 'rgba(156, 67, 38, 0.12)', dash: [8, 4] },
  { color: '#3f3a72', fill: 'rgba(63, 58, 114, 0.10)', dash: [2, 3] },
  { color: '#7a5200', fill: 'rgba(122, 82, 0, 0.10)', dash: [12, 4, 2, 4] },
  { color: '#2d6a2e', fill: 'rgba(45, 106, 46, 0.10)', dash: [4, 4] },
  { color: '#6f655b', fill: 'rgba(111, 101, 91, 0.10)', dash: [1, 2] },
];

export interface Series {
  label: string;
  values: (number | null)[];
}

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function useChart(config: () => ChartConfiguration, deps: unknown[]) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config());
    // Paper is narrower than the screen: redraw at print size, and back after.
    const before = () => chart.resize();
    window.addEventListener('beforeprint', before);
    return () => {
      window.removeEventListener('beforeprint', before);
      chart.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

/** A radar ("spinnenweb") with one line per series over the same axes. */
export function RadarCanvas({ axes, series, min, max, label }: { axes: string[]; series: Series[]; min: number; max: number; label: string }) {
  const ref = useChart(
    () => ({
      type: 'radar',
      data: {
        labels: axes,
        datasets: series.map((s, i) => {
          const look = SERIES[i % SERIES.length];
          return {
            label: s.label,
            data: s.values,
            borderColor: look.color,
            backgroundColor: look.fill,
            pointBackgroundColor: look.color,
            borderDash: look.dash,
            borderWidth: 2.5,
            pointRadius: 4,
            fill: true,
            spanGaps: true,
          };
        }),
      },
      options: {
        animation: reducedMotion() ? false : { duration: 300 },
        maintainAspectRatio: false,
        responsive: true,
        scales: {
          r: {
            min,
            max,
            ticks: { stepSize: max - min > 5 ? 2 : 1, backdropColor: 'rgba(255,255,255,0.8)' },
            pointLabels: { font: { size: 13 } },
          },
        },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: false, boxWidth: 24 } } },
      },
    }),
    [JSON.stringify(axes), JSON.stringify(series), min, max],
  );
  return (
    <div className="k-chart k-chart--radar">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}

/** Horizontal bars, one per category; null is a gap (e.g. too few people to show). */
export function BarCanvas({ categories, values, label, axisLabel }: { categories: string[]; values: (number | null)[]; label: string; axisLabel: string }) {
  const ref = useChart(
    () => ({
      type: 'bar',
      data: {
        labels: categories,
        datasets: [
          {
            label: axisLabel,
            data: values,
            backgroundColor: values.map((v) => ((v ?? 0) >= 0 ? '#1d5a55' : '#9c4326')),
            borderWidth: 0,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        animation: reducedMotion() ? false : { duration: 300 },
        maintainAspectRatio: false,
        responsive: true,
        scales: { x: { title: { display: true, text: axisLabel } } },
        plugins: { legend: { display: false } },
      },
    }),
    [JSON.stringify(categories), JSON.stringify(values), axisLabel],
  );
  return (
    <div className="k-chart k-chart--bar" style={{ height: `${Math.max(12, categories.length * 2.4 + 4)}rem` }}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}

/**
 * A picture with its table: the table is always in the accessibility tree (visually hidden until
 * asked for, always printed); the button shows it on screen too.
 */
export function ChartFigure({ title, chart, table, headingLevel = 4 }: { title: string; chart: ReactNode; table: ReactNode; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  return (
    <figure className="k-figure" aria-labelledby={`${id}-title`}>
      <div className="k-figure__head">
        <H id={`${id}-title`} className={`utrecht-heading-${headingLevel}`}>
          {title}
        </H>
        <Button appearance="subtle-button" className="k-noprint" aria-expanded={asTable} aria-controls={`${id}-table`} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('meas.showChart') : t('meas.showTable')}
        </Button>
      </div>
      {!asTable && chart}
      <div id={`${id}-table`} className={asTable ? 'k-figure__table' : 'k-figure__table k-visually-hidden k-print-show'}>
        {table}
      </div>
    </figure>
  );
}
