import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { DomainError, ErrorKind } from '@crm/errors';
import { roleFromRealmRoles, type Role } from './principal';

export interface AccessTokenVerifierOptions {
  /** Realm issuer URL, e.g. http://127.0.0.1:8180/realms/crm; tokens must carry exactly this `iss`. */
  issuer: string;
  /** Required audience (the API client id). */
  audience: string;
  /** JWKS URL; defaults to the Keycloak certs endpoint of the issuer. */
  jwksUrl?: string;
  /** Verified tokens kept, by the hash of the token, until they expire (0 turns the cache off). */
  cacheSize?: number;
}

/** What the CRM needs from a verified Keycloak access token. */
export interface VerifiedToken {
  subject: string;
  tenantId: string;
  userId: string;
  role: Role;
  managerId?: string;
}

interface CrmClaims extends JWTPayload {
  tenant_id?: unknown;
  crm_user_id?: unknown;
  manager_id?: unknown;
  realm_access?: { roles?: unknown };
}

export enum AuthErrorCode {
  TokenInvalid = 'TOKEN_INVALID',
  NoCrmRole = 'NO_CRM_ROLE',
}

export class AuthError extends DomainError<AuthErrorCode> {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[1-9][0-9]{0,18}$/;

/** Seconds of clock skew accepted on `exp` and `nbf`. */
const CLOCK_TOLERANCE_S = 5;

/**
 * Verifies access tokens statelessly against the realm's JWKS (cached by jose, refetched on an
 * unknown key id, so key rotation needs no restart).
 *
 * A verified token is remembered by the SHA-256 of its text until its `exp` (with the same clock
 * tolerance), so a client's requests pay the signature check once per token rather than once per
 * request. That answers exactly what verifying again would: the claims cannot change without the
 * text changing, and verification never consulted revocation. Rejections are not remembered.
 */
export class AccessTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly verified?: LRUCache<string, VerifiedToken>;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl ?? `${options.issuer}/protocol/openid-connect/certs`), {
      cooldownDuration: 30_000,
      timeoutDuration: 5_000,
    });
    const size = options.cacheSize ?? 10_000;
    // Expiry is judged on the wall clock, the clock of the token's exp, not a monotonic one.
    if (size > 0) this.verified = new LRUCache({ max: size, perf: { now: () => Date.now() } });
  }

  async verify(token: string): Promise<VerifiedToken> {
    const key = this.verified ? createHash('sha256').update(token).digest('base64url') : '';
    const known = this.verified?.get(key);
    if (known) return known;
    const { verified, expiresAt } = await this.verifySignature(token);
    const ttl = expiresAt - Date.now();
    if (this.verified && ttl > 0) this.verified.set(key, verified, { ttl });
    return verified;
  }

  protected async verifySignature(token: string): Promise<{ verified: VerifiedToken; expiresAt: number }> {
    let payload: CrmClaims;
    try {
      ({ payload } = await jwtVerify<CrmClaims>(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ['RS256', 'ES256', 'PS256'],
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (e) {
      const reason = e instanceof joseErrors.JOSEError ? e.code : 'ERR_UNKNOWN';
      throw new AuthError(AuthErrorCode.TokenInvalid, ErrorKind.Unauthenticated, `access token rejected (${reason})`);
    }
    // A token without exp is valid now; it is not remembered.
    const expiresAt = typeof payload.exp === 'number' ? (payload.exp + CLOCK_TOLERANCE_S) * 1000 : 0;
    return { verified: claimsToToken(payload), expiresAt };
  }
}

/** Validates the CRM claims of an already verified payload. */
export function claimsToToken(payload: CrmClaims): VerifiedToken {
  const tenantId = asString(payload.tenant_id);
  const userId = asString(payload.crm_user_id);
  const managerId = asString(payload.manager_id);
  if (!payload.sub || !tenantId || !UUID.test(tenantId) || !userId || !ID.test(userId)) {
    throw new AuthError(AuthErrorCode.TokenInvalid, ErrorKind.Unauthenticated, 'access token lacks the CRM tenant or user claims');
  }
  const roles = Array.isArray(payload.realm_access?.roles) ? payload.realm_access.roles.filter((r): r is string => typeof r === 'string') : [];
  const role = roleFromRealmRoles(roles);
  if (!role) {
    throw new AuthError(AuthErrorCode.NoCrmRole, ErrorKind.PermissionDenied, 'the user has no CRM role');
  }
  return { subject: payload.sub, tenantId: tenantId.toLowerCase(), userId, role, ...(managerId && ID.test(managerId) ? { managerId } : {}) };
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (Array.isArray(v) && v.length === 1) return asString(v[0]);
  return undefined;
}
