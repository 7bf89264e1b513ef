import { checkVisit } from './visits.service';

const now = new Date('2026-12-06T12:00:00Z');
const fields = (input: Parameters<typeof checkVisit>[0]) => checkVisit(input, now).violations.map((v) => v.field);

describe('visit rules', () => {
  it('defaults the verification status by whether the device gave a position', () => {
    expect(checkVisit({ resourceType: 'lead', resourceId: '5' }, now)).toEqual({ violations: [], status: 'unavailable' });
    expect(checkVisit({ resourceType: 'contact', resourceId: '5', latitude: 52.5, longitude: 13.4 }, now)).toEqual({ violations: [], status: 'unverified' });
    expect(checkVisit({ resourceType: 'lead', resourceId: '5', latitude: 0, longitude: 0, status: 'verified' }, now).status).toBe('verified');
  });

  it('refuses what cannot be a visit', () => {
    expect(fields({ resourceType: 'deal', resourceId: '5' })).toEqual(['resource_type']);
    expect(fields({ resourceType: 'lead', resourceId: 'x' })).toEqual(['resource_id']);
    expect(fields({ resourceType: 'lead', resourceId: '5', latitude: 10 })).toEqual(['longitude']);
    expect(fields({ resourceType: 'lead', resourceId: '5', latitude: 91, longitude: 0 })).toEqual(['latitude']);
    expect(fields({ resourceType: 'lead', resourceId: '5', status: 'verified' })).toEqual(['rep_location_verification_status']);
    expect(fields({ resourceType: 'lead', resourceId: '5', status: 'maybe' })).toEqual(['rep_location_verification_status']);
    expect(fields({ resourceType: 'lead', resourceId: '5', visitedAt: new Date('1850-01-01T00:00:00Z') })).toEqual(['visited_at']);
  });
});
