import { applyCallChanges, changedCallFields, type CallState } from './call-rules';

const blank: CallState = {
  user_id: '1003', summary: '', recording_url: null, outcome_id: null, duration: 0, phone_number: null, incoming: false, missed: false,
  resource_type: null, resource_id: null, associated_deal_ids: [], made_at: new Date('2026-12-01T10:00:00Z'), external_id: null,
};
const fields = (changes: Parameters<typeof applyCallChanges>[1]) => applyCallChanges(blank, changes).violations.map((v) => v.field);

describe('call rules', () => {
  it('takes a call on a lead or contact with its deals, trimmed, without duplicate deals', () => {
    const { state, violations } = applyCallChanges(blank, { summary: '  Pricing  ', resource_type: 'contact', resource_id: '7', associated_deal_ids: ['3', '3', '4'], duration: 90, recording_url: 'https://voice.example/r/1' });
    expect(violations).toEqual([]);
    expect(state).toMatchObject({ summary: 'Pricing', resource_type: 'contact', resource_id: '7', associated_deal_ids: ['3', '4'], duration: 90 });
  });

  it('refuses out-of-range durations, non-http recordings, deals and other record types, half a record and odd dates', () => {
    expect(fields({ duration: -1 })).toEqual(['duration']);
    expect(fields({ duration: 86_401 })).toEqual(['duration']);
    expect(fields({ recording_url: 'ftp://x/y' })).toEqual(['recording_url']);
    expect(fields({ resource_type: 'deal', resource_id: '1' })).toEqual(['resource_type']);
    expect(fields({ resource_type: 'lead' })).toEqual(['resource_id']);
    expect(fields({ associated_deal_ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) })).toEqual(['associated_deal_ids']);
    expect(fields({ made_at: new Date('1800-01-01T00:00:00Z') })).toEqual(['made_at']);
    expect(fields({ summary: 'x'.repeat(10_001) })).toEqual(['summary']);
  });

  it('clears with null and names what changed', () => {
    const withRecord = applyCallChanges(blank, { resource_type: 'lead', resource_id: '5', recording_url: 'https://voice.example/r/2' }).state;
    const cleared = applyCallChanges(withRecord, { resource_type: null, resource_id: null, recording_url: null }).state;
    expect(cleared).toMatchObject({ resource_type: null, resource_id: null, recording_url: null });
    expect(changedCallFields(withRecord, cleared).sort()).toEqual(['recording_url', 'resource_id', 'resource_type']);
    expect(changedCallFields(cleared, { ...cleared, made_at: new Date(cleared.made_at.getTime()), associated_deal_ids: [] })).toEqual([]);
  });
});
