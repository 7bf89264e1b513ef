import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { LEAD_NOTES_CLIENT } from '../upstreams/leads-contacts/leads-contacts.constants';
import { DEAL_NOTES_CLIENT } from '../upstreams/deals-pipelines/deals-pipelines.constants';
import { Upstream } from '../upstream';

type Client = crm.common.v1.NotesServiceClient;
type Note = crm.common.v1.Note;
type ListRequest = Omit<crm.common.v1.ListNotesRequest, 'offset' | 'limit' | 'withTotalCount'>;

/** Notes of deals have ids from 10^15 up (deals-pipelines migration 0006); lower ids are leads-contacts'. */
const DEAL_NOTE_IDS_FROM = 10n ** 15n;

/**
 * Notes live with their records: lead and contact notes in leads-contacts, deal notes in
 * deals-pipelines (decision 16). This routes each call to its service by resource type or id.
 */
@Injectable()
export class NotesGatewayService {
  constructor(
    @Inject(LEAD_NOTES_CLIENT) private readonly leadNotes: Client,
    @Inject(DEAL_NOTES_CLIENT) private readonly dealNotes: Client,
    private readonly upstream: Upstream,
  ) {}


  private byType(resourceType: string): Client {
    return resourceType === 'deal' ? this.dealNotes : this.leadNotes;
  }

  private byId(id: string): Client {
    return BigInt(id) >= DEAL_NOTE_IDS_FROM ? this.dealNotes : this.leadNotes;
  }

  async create(principal: Principal, request: crm.common.v1.CreateNoteRequest): Promise<Note> {
    const client = this.byType(request.resourceType);
    return (await this.upstream.call(client, client.createNote, request, principal)).note!;
  }

  async get(principal: Principal, id: string): Promise<Note> {
    const client = this.byId(id);
    return (await this.upstream.call(client, client.getNote, { id }, principal)).note!;
  }

  async update(principal: Principal, request: crm.common.v1.UpdateNoteRequest): Promise<Note> {
    const client = this.byId(request.id);
    return (await this.upstream.call(client, client.updateNote, request, principal)).note!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const client = this.byId(id);
    await this.upstream.call(client, client.deleteNote, { id }, principal);
  }

  /**
   * A page of notes. With a resource type it comes from that type's service in the requested order;
   * without one, the list is the lead and contact notes followed by the deal notes (each part in the
   * requested order), so paging through it meets every note once.
   */
  async list(principal: Principal, request: ListRequest, offset: number, limit: number): Promise<Note[]> {
    if (request.resourceType) {
      const client = this.byType(request.resourceType);
      return (await this.upstream.call(client, client.listNotes, { ...request, offset, limit, withTotalCount: false }, principal)).notes;
    }
    const first = await this.upstream.call(this.leadNotes, this.leadNotes.listNotes, { ...request, offset, limit, withTotalCount: false }, principal);
    if (first.notes.length === limit) return first.notes;
    // A short page ends the first part, so its size is known; only a page past its end counts it.
    const before = first.notes.length > 0 ? offset + first.notes.length : Number((await this.upstream.call(this.leadNotes, this.leadNotes.listNotes, { ...request, offset: 0, limit: 1, withTotalCount: true }, principal)).totalCount ?? 0);
    const rest = await this.upstream.call(this.dealNotes, this.dealNotes.listNotes, { ...request, offset: Math.max(0, offset - before), limit: limit - first.notes.length, withTotalCount: false }, principal);
    return [...first.notes, ...rest.notes];
  }
}
