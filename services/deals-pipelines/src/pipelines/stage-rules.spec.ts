import { checkNewStage, checkStageDeletion, DEFAULT_STAGES, insertActiveStage, reorderStages } from './stage-rules';

const stages = [
  { id: '1', category: 'incoming', position: 1 },
  { id: '2', category: 'in_progress', position: 2 },
  { id: '3', category: 'in_progress', position: 3 },
  { id: '7', category: 'won', position: 4 },
  { id: '8', category: 'lost', position: 5 },
  { id: '9', category: 'unqualified', position: 6 },
];
const on = (s: { id: string; category: string; position: number }) => ({ ...s, pipelineId: '1' });

describe('default stages', () => {
  it('are six active stages, then won, lost and unqualified', () => {
    expect(DEFAULT_STAGES.map((s) => s.category)).toEqual(['incoming', 'in_progress', 'in_progress', 'in_progress', 'in_progress', 'in_progress', 'won', 'lost', 'unqualified']);
  });
});

describe(reorderStages.name, () => {
  it('orders the active stages as given and keeps the closed ones after them', () => {
    const r = reorderStages(stages, ['3', '1', '2']);
    expect('positions' in r && [...r.positions]).toEqual([['3', 1], ['1', 2], ['2', 3], ['7', 4], ['8', 5], ['9', 6]]);
  });

  it('needs every active stage exactly once, and no closed one', () => {
    for (const order of [['1', '2'], ['1', '2', '2'], ['1', '2', '7'], ['1', '2', '3', '7']]) expect(reorderStages(stages, order)).toHaveProperty('violations');
  });
});

describe(insertActiveStage.name, () => {
  it('puts a new stage among the active ones and shifts those after it', () => {
    expect(insertActiveStage(stages, 2)).toEqual({ position: 2, shifted: new Map([['2', 3], ['3', 4], ['7', 5], ['8', 6], ['9', 7]]) });
    expect(insertActiveStage(stages, undefined).position).toBe(4);
    expect(insertActiveStage(stages, 99).position).toBe(4);
  });
});

describe(checkNewStage.name, () => {
  it('refuses closed categories, unknown ones and likelihoods outside 0..100', () => {
    expect(checkNewStage({ name: 'Demo', category: 'in_progress', likelihood: 30 })).toEqual([]);
    expect(checkNewStage({ name: 'Won again', category: 'won', likelihood: 100 })[0]!.message).toContain('cannot be added');
    expect(checkNewStage({ name: ' ', category: 'later', likelihood: 101 }).map((v) => v.field)).toEqual(['name', 'category', 'likelihood']);
  });
});

describe(checkStageDeletion.name, () => {
  it('never deletes a closed stage, nor the last active one', () => {
    expect(checkStageDeletion(on(stages[3]!), 3, 0, undefined, false)[0]!.message).toBe('closed stages cannot be deleted');
    expect(checkStageDeletion(on(stages[0]!), 1, 0, undefined, false)[0]!.message).toBe('a pipeline keeps at least one active stage');
  });

  it('needs a target stage of the same pipeline when the stage holds deals', () => {
    expect(checkStageDeletion(on(stages[1]!), 3, 0, undefined, false)).toEqual([]);
    expect(checkStageDeletion(on(stages[1]!), 3, 4, undefined, false)[0]!.field).toBe('move_deals_to');
    expect(checkStageDeletion(on(stages[1]!), 3, 4, on(stages[2]!), true)).toEqual([]);
    expect(checkStageDeletion(on(stages[1]!), 3, 4, { ...stages[2]!, pipelineId: '2' }, true)[0]!.message).toContain('same pipeline');
    expect(checkStageDeletion(on(stages[1]!), 3, 0, undefined, true)[0]!.field).toBe('move_deals_to');
  });
});
