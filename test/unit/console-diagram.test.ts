// The stage diagram (issue 17): drawn as an SVG and, for widths under 600 px, as a vertical list the
// stylesheet shows instead; a preservation's page has one too, whose ends tick what led to them.
import { describe, expect, it } from 'vitest';
import { PreservationDiagram, preservationStagesPassed } from '../../api/console/components/preservation-diagram';
import { consoleCss } from '../../api/console/styles';

async function html(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}

describe('preservation stage diagram', () => {
  it.each([
    ['awaiting_ruling', { granted: false, converted: false }, []],
    ['in_force', { granted: true, converted: false }, ['awaiting_ruling']],
    ['converted', { granted: true, converted: true }, ['awaiting_ruling', 'in_force']],
    ['concluded', { granted: true, converted: true }, ['awaiting_ruling', 'in_force', 'converted']],
    ['refused', { granted: false, converted: false }, ['awaiting_ruling']],
    ['released', { granted: true, converted: false }, ['awaiting_ruling', 'in_force']],
    ['released', { granted: true, converted: true }, ['awaiting_ruling', 'in_force', 'converted']],
    ['released', { granted: false, converted: false }, ['awaiting_ruling']],
  ] as const)('%s (%o) has passed %o', (stage, history, passed) => {
    expect(preservationStagesPassed(stage, history)).toEqual(passed);
  });

  it('draws the SVG and the same stages as a list, in Chinese, the current one marked', async () => {
    const page = await html(PreservationDiagram({ stage: 'in_force', stageLabel: '保全实施中', granted: true, converted: false }));
    expect(page).toContain('<svg class="diagram"');
    const list = /<ol class="stage-list"[\s\S]*<\/ol>/.exec(page)![0];
    expect([...list.matchAll(/data-stage="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['awaiting_ruling', 'in_force', 'converted', 'concluded', 'refused', 'released']);
    expect(list).toMatch(/data-stage="in_force" data-state="current"[^>]*aria-current="step"/);
    expect(list).toMatch(/data-stage="awaiting_ruling" data-state="passed"/);
    expect(list).toContain('保全实施中');
    expect(list).toContain('其他结果');
  });
});

describe('the list replaces the SVG under 600 px', () => {
  it('a media query hides the SVG and shows the list', () => {
    expect(consoleCss).toMatch(/\.stage-list \{ display:none;/);
    expect(consoleCss).toMatch(/@media \(max-width: 600px\) \{ \.process-diagram \.diagram \{ display:none; \} \.process-diagram \.stage-list \{ display:block; \} \}/);
  });
});
