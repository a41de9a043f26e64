// Charts as inline SVG, drawn on the server: horizontal bars for counts and medians, and a time
// axis on which each preservation measure shows from its start to its expiry.
export interface Bar { label: string; value: number; tone?: 'late' | 'ok' | 'neutral' }

const tones = { late: '#b42318', ok: '#1d6b3a', neutral: '#2457c5' };

export function BarChart(props: { bars: Bar[]; title: string; unit?: string; digits?: number }) {
  const rowH = 26;
  const labelW = 130;
  const barW = 200;
  const width = labelW + barW + 60;
  const height = Math.max(props.bars.length, 1) * rowH + 10;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  if (props.bars.length === 0) return <p class="empty">暂无数据</p>;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      {props.bars.map((bar, i) => {
        const w = Math.max(2, (bar.value / max) * barW);
        const y = 5 + i * rowH;
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end" font-size="13" fill="#1d2733">{bar.label}</text>
            <rect x={labelW} y={y + 4} width={w} height={rowH - 10} rx={3} fill={tones[bar.tone ?? 'neutral']} />
            <text x={labelW + w + 6} y={y + 17} font-size="13" fill="#1d2733">
              {bar.value.toFixed(props.digits ?? 0)}{props.unit ?? ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Span { label: string; start: Date; end: Date; tone?: 'late' | 'ok' | 'neutral'; note?: string }

/**
 * Each measure as a bar from when it was taken to its expiry, with today's line across them. The
 * expiry is written after the bar in a column of its own (never on the coloured bar), and "今天"
 * sits on its own line under the bars, so it cannot cover the axis dates.
 */
export function ExpiryTimeline(props: { spans: Span[]; now: Date; title: string }) {
  if (props.spans.length === 0) return <p class="empty">暂无保全措施</p>;
  const rowH = 30;
  const labelW = 190;
  const axisW = 420;
  const noteW = 100;
  const width = labelW + axisW + noteW;
  const barsEnd = 8 + props.spans.length * rowH;
  const height = barsEnd + 40;
  const from = Math.min(props.now.getTime(), ...props.spans.map((s) => s.start.getTime()));
  const to = Math.max(props.now.getTime(), ...props.spans.map((s) => s.end.getTime()));
  const scale = (t: number) => labelW + ((t - from) / Math.max(1, to - from)) * axisW;
  const day = (t: number) => new Date(t).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
  const todayX = scale(props.now.getTime());
  const todayAnchor = todayX - labelW < 16 ? 'start' : labelW + axisW - todayX < 16 ? 'end' : 'middle';
  return (
    <svg class="chart expiry" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      {props.spans.map((span, i) => {
        const y = 8 + i * rowH;
        const x1 = scale(span.start.getTime());
        const x2 = Math.max(x1 + 3, scale(span.end.getTime()));
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end" font-size="13" fill="#1d2733">{span.label}</text>
            <rect x={x1} y={y + 5} width={x2 - x1} height={rowH - 12} rx={3} fill={tones[span.tone ?? 'neutral']} opacity="0.85" />
            <text x={x2 + 5} y={y + 17} font-size="11" fill="#5b6776">{span.note ?? `至 ${day(span.end.getTime())}`}</text>
          </g>
        );
      })}
      <line x1={todayX} y1={2} x2={todayX} y2={barsEnd + 2} stroke="#9b1c1c" stroke-dasharray="4 3" />
      <text x={todayX} y={barsEnd + 16} text-anchor={todayAnchor} font-size="12" fill="#9b1c1c">今天</text>
      <text x={labelW} y={height - 4} font-size="11" fill="#5b6776">{day(from)}</text>
      <text x={labelW + axisW} y={height - 4} text-anchor="end" font-size="11" fill="#5b6776">{day(to)}</text>
    </svg>
  );
}
