import type { SyncType } from '../projection/projection.repository';

/** What a device acknowledges: a revision of a record, held or deleted. */
export interface Acknowledged {
  type: SyncType;
  id: string;
  revision: string;
  present: boolean;
}

const TYPE_NAMES: Record<SyncType, string> = { lead: 'Lead', contact: 'Contact', deal: 'Deal', note: 'Note', user: 'User' };
const TYPES_BY_NAME = new Map(Object.entries(TYPE_NAMES).map(([type, name]) => [name, type as SyncType]));
const KEY = /^([A-Z][a-z]+)-([1-9][0-9]{0,18})-([1-9][0-9]{0,18})(-deleted)?$/;

/** Sell's ack key shape (`Lead-1234-3`); a deletion's key ends in `-deleted`, so acknowledging it tells the two apart. */
export function ackKey(a: Acknowledged): string {
  return `${TYPE_NAMES[a.type]}-${a.id}-${a.revision}${a.present ? '' : '-deleted'}`;
}

/** The acknowledgement a key stands for, or undefined for anything this service did not issue. */
export function parseAckKey(key: string): Acknowledged | undefined {
  const m = KEY.exec(key);
  const type = m ? TYPES_BY_NAME.get(m[1]!) : undefined;
  if (!m || !type) return undefined;
  return { type, id: m[2]!, revision: m[3]!, present: m[4] === undefined };
}
