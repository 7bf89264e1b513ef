import { Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { FieldViolation } from '@crm/errors';
import { isChannel, isNotificationType, type Channel, type NotificationType } from '../catalogue/notification-types';
import { NotificationsError } from '../notifications.errors';
import { resolveAccount, resolveAll, resolveChannels, type EffectivePreference } from './preference-resolution';
import { ACCOUNT, PreferencesRepository } from './preferences.repository';

/** Languages mail is written in. */
export const LOCALES = ['en', 'de'] as const;
export const DEFAULT_LOCALE = 'en';

export type PreferenceScope = 'user' | 'account';

export interface PreferencesView {
  preferences: EffectivePreference[];
  locale: string;
}

export interface PreferencesChange {
  preferences: { type: string; channels: string[] }[];
  resetTypes: string[];
  locale?: string;
}

@Injectable()
export class PreferencesService {
  constructor(private readonly repository: PreferencesRepository) {}

  async get(principal: Principal, scope: PreferenceScope): Promise<PreferencesView> {
    const choices = await this.repository.choicesOf(principal.tenantId, [principal.userId, ACCOUNT]);
    const account = choices.get(ACCOUNT)!;
    if (scope === 'account') return { preferences: resolveAccount(account.types), locale: account.locale ?? DEFAULT_LOCALE };
    const own = choices.get(principal.userId)!;
    return { preferences: resolveAll(own.types, account.types), locale: own.locale ?? account.locale ?? DEFAULT_LOCALE };
  }

  /** Validates the whole change first: one bad type or channel refuses it all (422), nothing written. */
  async update(principal: Principal, scope: PreferenceScope, change: PreferencesChange): Promise<PreferencesView> {
    if (scope === 'account' && principal.role !== 'admin') throw NotificationsError.accountDefaultsAdminOnly();
    const violations: FieldViolation[] = [];
    const set = new Map<NotificationType, Channel[]>();
    for (const p of change.preferences) {
      if (!isNotificationType(p.type)) {
        violations.push({ field: p.type, code: 'unknown', message: 'is not a notification type' });
        continue;
      }
      const unknown = p.channels.filter((c) => !isChannel(c));
      if (unknown.length > 0) violations.push({ field: p.type, code: 'incorrect_value', message: `unknown channel ${unknown.join(', ')} (web, email or push)` });
      else set.set(p.type, [...new Set(p.channels as Channel[])]);
    }
    const reset: NotificationType[] = [];
    for (const t of change.resetTypes) {
      if (isNotificationType(t)) reset.push(t);
      else violations.push({ field: t, code: 'unknown', message: 'is not a notification type' });
    }
    if (change.locale !== undefined && !(LOCALES as readonly string[]).includes(change.locale)) violations.push({ field: 'locale', code: 'incorrect_value', message: `must be one of ${LOCALES.join(', ')}` });
    if (violations.length > 0) throw NotificationsError.invalidPreferences(violations);
    await this.repository.change(principal.tenantId, scope === 'account' ? ACCOUNT : principal.userId, { set, reset, ...(change.locale !== undefined ? { locale: change.locale } : {}) });
    return this.get(principal, scope);
  }

  /** Each recipient's channels for a type (one read for all of them and the account). */
  async channelsFor(tenantId: string, type: NotificationType, userIds: readonly string[]): Promise<Map<string, { channels: Channel[]; locale: string }>> {
    const choices = await this.repository.choicesOf(tenantId, [...new Set([...userIds, ACCOUNT])]);
    const account = choices.get(ACCOUNT)!;
    return new Map(
      userIds.map((u) => {
        const own = choices.get(u)!;
        return [u, { channels: resolveChannels(type, own.types, account.types).channels, locale: own.locale ?? account.locale ?? DEFAULT_LOCALE }];
      }),
    );
  }
}
