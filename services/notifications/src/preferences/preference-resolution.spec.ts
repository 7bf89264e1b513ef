import { resolveAll, resolveChannels } from './preference-resolution';

describe(resolveChannels.name, () => {
  it('takes the user choice over the account default over the catalogue, off included', () => {
    const user = new Map([['task_assigned', []]] as const);
    const account = new Map([['task_assigned', ['email']], ['deal_assigned', ['push', 'web']]] as const);
    expect(resolveChannels('task_assigned', user, account)).toEqual({ type: 'task_assigned', channels: [], source: 'user' });
    expect(resolveChannels('deal_assigned', user, account)).toEqual({ type: 'deal_assigned', channels: ['web', 'push'], source: 'account' });
    expect(resolveChannels('task_reminder', user, account)).toEqual({ type: 'task_reminder', channels: ['web', 'email', 'push'], source: 'default' });
  });

  it('resolves every preset type, each exactly once', () => {
    const all = resolveAll(new Map(), new Map());
    expect(new Set(all.map((p) => p.type)).size).toBe(all.length);
    expect(all.find((p) => p.type === 'incoming_call')).toEqual({ type: 'incoming_call', channels: ['web'], source: 'default' });
  });
});
