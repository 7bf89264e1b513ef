import { AuthError, claimsToToken } from './access-token.verifier';

const base = {
  sub: 'f1d2',
  tenant_id: '11111111-1111-4111-8111-111111111111',
  crm_user_id: 1003,
  manager_id: '1002',
  realm_access: { roles: ['crm-user', 'default-roles-crm'] },
};

describe(claimsToToken.name, () => {
  it('maps Keycloak claims to the CRM identity', () => {
    expect(claimsToToken(base)).toEqual({ subject: 'f1d2', tenantId: base.tenant_id, userId: '1003', role: 'user', managerId: '1002' });
  });

  it('rejects a token without tenant or user id as unauthenticated', () => {
    expect(() => claimsToToken({ ...base, tenant_id: undefined })).toThrow(AuthError);
    expect(() => claimsToToken({ ...base, crm_user_id: 'abc' })).toThrow(/tenant or user/);
  });

  it('rejects a user without a CRM role as permission denied', () => {
    try {
      claimsToToken({ ...base, realm_access: { roles: ['offline_access'] } });
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(AuthError);
      expect((e as AuthError).kind).toBe('permission_denied');
    }
  });
});
