import { toMaskedInput } from './sell-record-input';

describe('toMaskedInput', () => {
  const readOnly = new Set(['id', 'overdue']);

  it('names every given attribute in camelCase and leaves out read-only ones', () => {
    expect(toMaskedInput({ id: 4, overdue: true, due_date: 'x', owner_id: '7', content: undefined }, 'update', readOnly)).toEqual({ input: { dueDate: 'x', ownerId: '7' }, paths: ['due_date', 'owner_id'] });
  });

  it('reads null as "clear" on update and as "not given" on create', () => {
    expect(toMaskedInput({ remind_at: null, content: 'a' }, 'update', readOnly)).toEqual({ input: { content: 'a' }, paths: ['remind_at', 'content'] });
    expect(toMaskedInput({ remind_at: null, content: 'a' }, 'create', readOnly)).toEqual({ input: { content: 'a' }, paths: ['content'] });
  });
});
