import { LinkSigner } from '@crm/config';
import type { NotificationDoc } from '../inbox/notification.model';

const RECORD_PATHS: Record<string, string> = { lead: 'leads', contact: 'contacts', deal: 'deals', task: 'tasks', appointment: 'appointments', call: 'calls', text_message: 'text_messages' };

/** The claim of an unsubscribe link: one type's mail for one user of one tenant. */
export interface UnsubscribeClaim {
  tenantId: string;
  userId: string;
  type: string;
}

/** The links a notification's mail carries: back to its record in the web app, and out of the type's mail. */
export class NotificationLinks {
  private readonly signer: LinkSigner;

  constructor(
    private readonly options: { publicBaseUrl: string; appBaseUrl: string; unsubscribeKey: string },
  ) {
    this.signer = new LinkSigner(options.unsubscribeKey);
  }

  recordUrl(n: Pick<NotificationDoc, 'type' | 'resourceType' | 'resourceId'>): string | undefined {
    if (!n.resourceType || !n.resourceId) return undefined;
    const path = n.resourceType === 'data_job' ? (n.type === 'export_finished' ? 'exports' : 'imports') : RECORD_PATHS[n.resourceType];
    return path ? `${this.options.appBaseUrl}/${path}/${encodeURIComponent(n.resourceId)}` : undefined;
  }

  unsubscribeUrl(claim: UnsubscribeClaim): string {
    return `${this.options.publicBaseUrl}/public/notifications/unsubscribe/${this.signer.sign({ t: claim.tenantId, u: claim.userId, y: claim.type })}`;
  }

  readUnsubscribe(token: string): UnsubscribeClaim | null {
    const claim = this.signer.verify(token, ['t', 'u', 'y']);
    return claim && { tenantId: claim.t, userId: claim.u, type: claim.y };
  }
}
