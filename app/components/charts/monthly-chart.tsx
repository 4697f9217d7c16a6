/**
 * Monthly follow-up chart: stacked bars for the items completed on time and late in each month, a
 * line for the open backlog and a dashed line for the overdue part of it, at each month's end.
 * Plain SVG rendered on the server (no chart library, no script needed), sized by its viewBox so it
 * fits a tablet held upright. Screen readers get a summary (role="img" + aria-label) and a table of
 * the same numbers that is visually hidden, not removed; tests read that table too.
 */
import { type CSSProperties } from "react";
import { formatNumber } from "~/domain/vietnamese";

export type MonthlyChartPoint = {
  /** "2026-12" */
  month: string;
  /** "12/2026" */
  label: string;
  backlog: number;
  overdue: number;
  completedOnTime: number;
  completedLate: number;
};

export const CHART_COLORS = {
  onTime: "#1e7b3c",
  late: "#c26a00",
  backlog: "#1f5fa8",
  overdue: "#b3261e",
} as const;

export const SERIES_LABELS = {
  backlog: "Tồn đọng",
  overdue: "Quá hạn",
  completedOnTime: "Hoàn thành đúng hạn",
  completedLate: "Hoàn thành trễ hạn",
} as const;

/** Hidden from sight, kept for assistive technology (inline: it must hold without any stylesheet). */
const VISUALLY_HIDDEN: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
  border: 0,
};

const WIDTH = 720;
const HEIGHT = 300;
const PLOT = { left: 48, right: 12, top: 14, bottom: 46 };

/** A rounded top and step (1, 2 or 5 × 10ⁿ, at least 1) for about `ticks` whole-number gridlines. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  const step = Math.max(1, (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude);
  return { top: Math.ceil(max / step) * step, step };
}

function monthNumber(month: string): number {
  return Number(month.slice(5, 7));
}

export function MonthlyChart({ series, title }: { series: MonthlyChartPoint[]; title: string }) {
  const n = Math.max(series.length, 1);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const max = Math.max(0, ...series.map((p) => Math.max(p.backlog, p.overdue, p.completedOnTime + p.completedLate)));
  const { top, step } = niceScale(max);
  const slot = plotWidth / n;
  const barWidth = Math.min(36, slot * 0.55);
  const x = (i: number) => PLOT.left + slot * (i + 0.5);
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const line = (pick: (p: MonthlyChartPoint) => number) => series.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(" ");

  const first = series[0];
  const last = series[series.length - 1];
  const summary =
    first && last
      ? `${title}, ${series.length} tháng từ ${first.label} đến ${last.label}. Tháng ${last.label}: ` +
        `${SERIES_LABELS.backlog.toLowerCase()} ${formatNumber(last.backlog)}, ${SERIES_LABELS.overdue.toLowerCase()} ${formatNumber(last.overdue)}, ` +
        `${SERIES_LABELS.completedOnTime.toLowerCase()} ${formatNumber(last.completedOnTime)}, ${SERIES_LABELS.completedLate.toLowerCase()} ${formatNumber(last.completedLate)}. ` +
        "Số liệu từng tháng ở bảng kèm theo."
      : `${title}: chưa có số liệu.`;

  return (
    <figure className="monthly-chart">
      <figcaption className="monthly-chart-caption">
        <span className="monthly-chart-title">{title}</span>
        <ul className="chart-legend">
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={CHART_COLORS.onTime} />
            </svg>
            {SERIES_LABELS.completedOnTime}
          </li>
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={CHART_COLORS.late} />
            </svg>
            {SERIES_LABELS.completedLate}
          </li>
          <li>
            <svg width="28" height="14" aria-hidden="true">
              <line x1="0" y1="7" x2="28" y2="7" stroke={CHART_COLORS.backlog} strokeWidth="3" />
              <circle cx="14" cy="7" r="4" fill={CHART_COLORS.backlog} />
            </svg>
            {SERIES_LABELS.backlog}
          </li>
          <li>
            <svg width="28" height="14" aria-hidden="true">
              <line x1="0" y1="7" x2="28" y2="7" stroke={CHART_COLORS.overdue} strokeWidth="3" strokeDasharray="6 4" />
              <rect x="10" y="3" width="8" height="8" fill={CHART_COLORS.overdue} />
            </svg>
            {SERIES_LABELS.overdue}
          </li>
        </ul>
      </figcaption>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="xMidYMid meet"
        className="monthly-chart-svg"
        fontFamily="inherit"
      >
        {ticks.map((value) => (
          <g key={value}>
            <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(value)} y2={y(value)} stroke={value === 0 ? "#5b6472" : "#d7dce3"} strokeWidth="1" />
            <text x={PLOT.left - 8} y={y(value)} dy="0.35em" textAnchor="end" fontSize="13" fill="#5b6472">
              {formatNumber(value)}
            </text>
          </g>
        ))}
        {series.map((p, i) => {
          const onTimeTop = y(p.completedOnTime);
          const lateTop = y(p.completedOnTime + p.completedLate);
          const showYear = i === 0 || monthNumber(p.month) === 1;
          return (
            <g key={p.month}>
              <title>{`Tháng ${p.label}: ${SERIES_LABELS.completedOnTime.toLowerCase()} ${formatNumber(p.completedOnTime)}, ${SERIES_LABELS.completedLate.toLowerCase()} ${formatNumber(p.completedLate)}, ${SERIES_LABELS.backlog.toLowerCase()} ${formatNumber(p.backlog)}, ${SERIES_LABELS.overdue.toLowerCase()} ${formatNumber(p.overdue)}`}</title>
              {p.completedOnTime > 0 ? (
                <rect x={x(i) - barWidth / 2} y={onTimeTop} width={barWidth} height={y(0) - onTimeTop} fill={CHART_COLORS.onTime} />
              ) : null}
              {p.completedLate > 0 ? (
                <rect x={x(i) - barWidth / 2} y={lateTop} width={barWidth} height={onTimeTop - lateTop} fill={CHART_COLORS.late} />
              ) : null}
              <text x={x(i)} y={HEIGHT - PLOT.bottom + 18} textAnchor="middle" fontSize="13" fill="#1d2430">
                {`T${monthNumber(p.month)}`}
              </text>
              {showYear ? (
                <text x={x(i)} y={HEIGHT - PLOT.bottom + 36} textAnchor="middle" fontSize="12" fill="#5b6472">
                  {p.month.slice(0, 4)}
                </text>
              ) : null}
            </g>
          );
        })}
        {series.length > 0 ? (
          <>
            <polyline points={line((p) => p.backlog)} fill="none" stroke={CHART_COLORS.backlog} strokeWidth="3" strokeLinejoin="round" />
            <polyline points={line((p) => p.overdue)} fill="none" stroke={CHART_COLORS.overdue} strokeWidth="3" strokeDasharray="7 5" strokeLinejoin="round" />
            {series.map((p, i) => (
              <g key={p.month}>
                <circle cx={x(i)} cy={y(p.backlog)} r="4.5" fill={CHART_COLORS.backlog} stroke="#fff" strokeWidth="1.5" />
                <rect x={x(i) - 4} y={y(p.overdue) - 4} width="8" height="8" fill={CHART_COLORS.overdue} stroke="#fff" strokeWidth="1.5" />
              </g>
            ))}
          </>
        ) : null}
      </svg>
      <table style={VISUALLY_HIDDEN}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Tháng</th>
            <th scope="col">{SERIES_LABELS.completedOnTime}</th>
            <th scope="col">{SERIES_LABELS.completedLate}</th>
            <th scope="col">{SERIES_LABELS.backlog}</th>
            <th scope="col">{SERIES_LABELS.overdue}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((p) => (
            <tr key={p.month}>
              <th scope="row">{p.label}</th>
              <td>{formatNumber(p.completedOnTime)}</td>
              <td>{formatNumber(p.completedLate)}</td>
              <td>{formatNumber(p.backlog)}</td>
              <td>{formatNumber(p.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
