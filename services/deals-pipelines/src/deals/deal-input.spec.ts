import { CustomFieldCatalog } from '@crm/records';
import { applyDealInput, diffDeal, emptyDeal, parseCloseDate, settleOutcomeReasons, type DealFields } from './deal-input';

const base = (): DealFields => ({ ...emptyDeal('7', 'USD'), name: 'Deal', contact_id: '3' });

describe('deal input', () => {
  it('stores values exactly with two decimals and treats null as zero', () => {
    const r = applyDealInput(base(), { value: '3599.9', tags: [] }, ['value']);
    expect(r).toEqual({ fields: expect.objectContaining({ value: '3599.90' }) });
    expect(applyDealInput(base(), { tags: [] }, ['value'])).toEqual({ fields: expect.objectContaining({ value: '0.00' }) });
    expect(applyDealInput(base(), { value: '0.1', tags: [] }, ['value'])).toEqual({ fields: expect.objectContaining({ value: '0.10' }) });
    for (const bad of ['12.345', '-1', '1e3', 'ten', '']) {
      expect(applyDealInput(base(), { value: bad, tags: [] }, ['value'])).toEqual({ violations: [expect.objectContaining({ field: 'value' })] });
    }
  });

  it('upper-cases ISO 4217 currencies and refuses others', () => {
    expect(applyDealInput(base(), { currency: 'eur', tags: [] }, ['currency'])).toEqual({ fields: expect.objectContaining({ currency: 'EUR' }) });
    expect(applyDealInput(base(), { currency: 'XYZ', tags: [] }, ['currency'])).toEqual({ violations: [expect.objectContaining({ field: 'currency' })] });
  });

  it('keeps the date of a close date-time and refuses impossible dates', () => {
    expect(parseCloseDate('2027-03-31T23:59:00.000Z')).toBe('2027-03-31');
    expect(parseCloseDate('2027-03-31')).toBe('2027-03-31');
    expect(parseCloseDate('2027-02-29')).toBeUndefined();
    expect(parseCloseDate('31/03/2027')).toBeUndefined();
  });

  it('needs a name and a contact, and knows only deal attributes', () => {
    const r = applyDealInput({ ...emptyDeal('7', 'USD') }, { tags: [] }, ['colour']);
    expect('violations' in r && r.violations.map((v) => v.field).sort()).toEqual(['colour', 'contact_id', 'name']);
    expect(applyDealInput(base(), { customizedWinLikelihood: 101, tags: [] }, ['customized_win_likelihood'])).toEqual({ violations: [expect.objectContaining({ field: 'customized_win_likelihood' })] });
    expect(applyDealInput(base(), { tags: [' a ', 'a', 'b'] }, ['tags'])).toEqual({ fields: expect.objectContaining({ tags: ['a', 'b'] }) });
  });

  it('keeps a next step as one trimmed line of 255 characters at most, blank or null clearing it', () => {
    const set = (nextStep: string | undefined) => applyDealInput({ ...base(), next_step: 'Old step' }, { nextStep, tags: [] }, ['next_step']);
    expect(set('  Send the revised quote  ')).toEqual({ fields: expect.objectContaining({ next_step: 'Send the revised quote' }) });
    expect(set('   ')).toEqual({ fields: expect.objectContaining({ next_step: null }) });
    expect(set(undefined)).toEqual({ fields: expect.objectContaining({ next_step: null }) });
    // Characters, not UTF-16 units: 255 emoji fit, as the column's char_length check counts them.
    expect(set('🚀'.repeat(255))).toEqual({ fields: expect.objectContaining({ next_step: '🚀'.repeat(255) }) });
    expect(set('x'.repeat(256))).toEqual({ violations: [{ field: 'next_step', code: 'incorrect_value', message: 'is longer than 255 characters' }] });
    expect(applyDealInput({ ...base(), next_step: 'Kept' }, { name: 'Renamed', tags: [] }, ['name'])).toEqual({ fields: expect.objectContaining({ next_step: 'Kept' }) });
  });

  it('keeps outcome reasons only on deals with that outcome', () => {
    const lost = { ...base(), loss_reason_id: '5' };
    expect(settleOutcomeReasons({ ...lost }, 'lost', ['loss_reason_id'])).toEqual([]);
    expect(settleOutcomeReasons({ ...lost }, 'won', ['loss_reason_id'])).toEqual([expect.objectContaining({ field: 'loss_reason_id' })]);
    const leaving = { ...lost };
    expect(settleOutcomeReasons(leaving, 'in_progress', ['stage_id'])).toEqual([]);
    expect(leaving.loss_reason_id).toBeNull();
    expect(settleOutcomeReasons({ ...base(), unqualified_reason_id: '9' }, 'lost', ['unqualified_reason_id'])).toEqual([expect.objectContaining({ field: 'unqualified_reason_id' })]);
  });

  it('names changed attributes with their previous values', () => {
    const before = base();
    const after = { ...before, value: '12.00', hot: true };
    expect(diffDeal(before, after, CustomFieldCatalog.empty)).toEqual({ changed: ['value', 'hot'], previous: { value: '0.00', hot: false } });
  });
});
