// A preservation's path, drawn like a transfer's: 待裁定 → 保全实施中 → 已转执行 → 执行终结 on the main
// line, 驳回申请 and 已解除保全 as the other ends. Which stages lie behind an end depends on what happened
// on the way (a ruling granted, a conversion to enforcement), read from the read model's row.
import { stageLabels, type PreservationStage } from '../../../workflows/preservation/stages';
import { ProcessDiagram } from './diagram';

const mainLine: PreservationStage[] = ['awaiting_ruling', 'in_force', 'converted', 'concluded'];
const ends: PreservationStage[] = ['refused', 'released'];

/** The stages behind `stage`: the main line before it, or for an end, what the process went through to reach it. */
export function preservationStagesPassed(stage: string, history: { granted: boolean; converted: boolean }): PreservationStage[] {
  const at = mainLine.indexOf(stage as PreservationStage);
  if (at >= 0) return mainLine.slice(0, at);
  if (stage === 'refused') return ['awaiting_ruling'];
  return mainLine.filter((s) => s === 'awaiting_ruling' || (s === 'in_force' && history.granted) || (s === 'converted' && history.converted));
}

export function PreservationDiagram(props: { stage: string; stageLabel: string; granted: boolean; converted: boolean }) {
  return (
    <ProcessDiagram title={`财产保全流程，当前阶段：${props.stageLabel}`} current={props.stage}
      passed={preservationStagesPassed(props.stage, props)}
      stages={mainLine.map((s) => ({ key: s, label: stageLabels[s] }))} exits={ends.map((s) => ({ key: s, label: stageLabels[s] }))} />
  );
}
