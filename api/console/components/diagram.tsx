// A process's path as an SVG: the main line of stages left to right (wrapping onto rows), the
// current stage filled, the stages behind it ticked, the side exits (rejected, no consent) below.
// Under 600 px the SVG's text would shrink past reading, so the same stages are also an ordered
// list that the stylesheet shows instead (styles.ts, `.stage-list`).
export interface DiagramStage { key: string; label: string }

export function ProcessDiagram(props: { stages: DiagramStage[]; exits: DiagramStage[]; current: string; passed: string[]; title: string }) {
  const perRow = 5;
  const boxW = 150;
  const boxH = 46;
  const gapX = 34;
  const gapY = 30;
  const rows = Math.ceil(props.stages.length / perRow);
  const width = perRow * boxW + (perRow - 1) * gapX + 20;
  const exitsY = rows * (boxH + gapY) + 10;
  const height = exitsY + (props.exits.length ? boxH + 20 : 0);
  const place = (index: number) => {
    const row = Math.floor(index / perRow);
    const col = row % 2 === 0 ? index % perRow : perRow - 1 - (index % perRow);
    return { x: 10 + col * (boxW + gapX), y: 10 + row * (boxH + gapY) };
  };
  const box = (stage: DiagramStage, x: number, y: number) => {
    const isCurrent = stage.key === props.current;
    const passed = props.passed.includes(stage.key);
    const fill = isCurrent ? '#9b1c1c' : passed ? '#e2f3e8' : '#ffffff';
    const stroke = isCurrent ? '#9b1c1c' : passed ? '#1d6b3a' : '#aeb8c4';
    const ink = isCurrent ? '#ffffff' : '#1d2733';
    return (
      <g data-stage={stage.key} data-passed={passed && !isCurrent ? '' : undefined} aria-current={isCurrent ? 'step' : undefined}>
        <rect x={x} y={y} width={boxW} height={boxH} rx={8} fill={fill} stroke={stroke} stroke-width={isCurrent ? 3 : 1.5} />
        <text x={x + boxW / 2} y={y + boxH / 2 + 5} text-anchor="middle" font-size="14" fill={ink} font-weight={isCurrent ? 700 : 400}>
          {(passed && !isCurrent ? '✓ ' : '') + stage.label}
        </text>
      </g>
    );
  };
  const listItem = (stage: DiagramStage, exit: boolean) => {
    const isCurrent = stage.key === props.current;
    const passed = props.passed.includes(stage.key) && !isCurrent;
    const state = isCurrent ? 'current' : passed ? 'passed' : 'ahead';
    return (
      <li data-stage={stage.key} data-state={state} class={exit ? 'exit' : undefined} aria-current={isCurrent ? 'step' : undefined}>
        <span class="mark" aria-hidden="true">{isCurrent ? '●' : passed ? '✓' : '○'}</span>
        {stage.label}<span class="visually-hidden">{isCurrent ? '（当前阶段）' : passed ? '（已完成）' : ''}</span>
      </li>
    );
  };
  return (
    <div class="process-diagram">
    <svg class="diagram" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#5b6776" />
        </marker>
      </defs>
      {props.stages.slice(1).map((_, i) => {
        const a = place(i);
        const b = place(i + 1);
        if (a.y === b.y) {
          const leftToRight = b.x > a.x;
          const x1 = leftToRight ? a.x + boxW : a.x;
          const x2 = leftToRight ? b.x : b.x + boxW;
          return <line x1={x1} y1={a.y + boxH / 2} x2={x2} y2={b.y + boxH / 2} stroke="#5b6776" stroke-width="1.5" marker-end="url(#arrow)" />;
        }
        return <line x1={a.x + boxW / 2} y1={a.y + boxH} x2={b.x + boxW / 2} y2={b.y} stroke="#5b6776" stroke-width="1.5" marker-end="url(#arrow)" />;
      })}
      {props.stages.map((stage, i) => {
        const p = place(i);
        return box(stage, p.x, p.y);
      })}
      {props.exits.map((stage, i) => box(stage, 10 + i * (boxW + gapX), exitsY))}
      {props.exits.length ? (
        <text x={10 + props.exits.length * (boxW + gapX)} y={exitsY + boxH / 2 + 5} font-size="13" fill="#5b6776">其他结果</text>
      ) : null}
    </svg>
    <ol class="stage-list" aria-label={props.title}>
      {props.stages.map((stage) => listItem(stage, false))}
      {props.exits.length ? <li class="exits-head" aria-hidden="true">其他结果</li> : null}
      {props.exits.map((stage) => listItem(stage, true))}
    </ol>
    </div>
  );
}
