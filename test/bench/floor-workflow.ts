// The floor: the least a workflow can do with the same number of Updates as a transfer lifecycle.
// The benchmark reports courtrelay's throughput as a ratio of this one's, on the same server.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const floorStepUpdate = defineUpdate<number, [{ step: number }]>('step');
export const floorFinishUpdate = defineUpdate<number, []>('finish');

export async function benchFloor(): Promise<number> {
  let steps = 0;
  let finished = false;
  setHandler(floorStepUpdate, ({ step }) => {
    steps++;
    return step;
  });
  setHandler(floorFinishUpdate, () => {
    finished = true;
    return steps;
  });
  await condition(() => finished);
  return steps;
}
