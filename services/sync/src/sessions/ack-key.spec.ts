import { ackKey, parseAckKey } from './ack-key';

describe('ack keys', () => {
  it('names the type, id and revision as Sell does, and marks a deletion', () => {
    expect(ackKey({ type: 'lead', id: '1234', revision: '3', present: true })).toBe('Lead-1234-3');
    expect(ackKey({ type: 'deal', id: '1000000000000001', revision: '12', present: false })).toBe('Deal-1000000000000001-12-deleted');
  });

  it('reads back what it wrote', () => {
    for (const a of [{ type: 'contact', id: '7', revision: '1', present: true }, { type: 'lead', id: '99', revision: '4', present: false }, { type: 'user', id: '1003', revision: '2', present: true }, { type: 'note', id: '5', revision: '1', present: true }] as const) {
      expect(parseAckKey(ackKey(a))).toEqual(a);
    }
  });

  it('refuses keys it did not issue', () => {
    for (const key of ['', 'Task-1-1', 'Lead-0-1', 'Lead-1-0', 'lead-1-1', 'Lead-1', 'Lead-1-1-gone', 'Lead-1-1 ', 'Lead-12345678901234567890-1']) {
      expect(parseAckKey(key)).toBeUndefined();
    }
  });
});
