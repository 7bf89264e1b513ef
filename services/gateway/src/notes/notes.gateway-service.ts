import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { LEAD_NOTES_CLIENT } from '../upstreams/leads-contacts/leads-contacts.constants';
import { DEAL_NOTES_CLIENT } from '../upstreams/deals-pipelines/deals-pipelines.constants';
import { SplitResource } from '../sell/split-resource';
import { Upstream } from '../upstream';

type Client = crm.common.v1.NotesServiceClient;
type Note = crm.common.v1.Note;
type ListRequest = Omit<crm.common.v1.ListNotesRequest, 'offset' | 'limit' | 'withTotalCount'>;

/**
 * Notes live with their records: lead and contact notes in leads-contacts, deal notes in
 * deals-pipelines (decision 16). This routes each call to its service by resource type or id.
 */
@Injectable()
export class NotesGatewayService {
  private readonly split: SplitResource<Client>;

  constructor(
    @Inject(LEAD_NOTES_CLIENT) leadNotes: Client,
    @Inject(DEAL_NOTES_CLIENT) dealNotes: Client,
    private readonly upstream: Upstream,
  ) {
    this.split = new SplitResource(leadNotes, dealNotes);
  }

  async create(principal: Principal, request: crm.common.v1.CreateNoteRequest): Promise<Note> {
    const client = this.split.byType(request.resourceType);
    return (await this.upstream.call(client, client.createNote, request, principal)).note!;
  }

  async get(principal: Principal, id: string): Promise<Note> {
    const client = this.split.byId(id);
    return (await this.upstream.call(client, client.getNote, { id }, principal)).note!;
  }

  async update(principal: Principal, request: crm.common.v1.UpdateNoteRequest): Promise<Note> {
    const client = this.split.byId(request.id);
    return (await this.upstream.call(client, client.updateNote, request, principal)).note!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const client = this.split.byId(id);
    await this.upstream.call(client, client.deleteNote, { id }, principal);
  }

  /** A page of notes: of one resource type from its service, or of all types across both services. */
  async list(principal: Principal, request: ListRequest, offset: number, limit: number): Promise<Note[]> {
    const page = async (client: Client, offset: number, limit: number, withTotalCount: boolean) => {
      const { notes, totalCount } = await this.upstream.call(client, client.listNotes, { ...request, offset, limit, withTotalCount }, principal);
      return { items: notes, totalCount };
    };
    return this.split.list(request.resourceType, offset, limit, page);
  }
}
