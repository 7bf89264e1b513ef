import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import { CurrentPrincipal } from '../auth/auth.guard';
import { parseSellBody, pathId, sellId } from '../sell/sell-body';
import { collection, pageLinks, single } from '../sell/sell-envelope';
import { asQueryError } from '../sell/sell-error';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { NotesGatewayService } from './notes.gateway-service';
import { presentNote } from './note.presenter';

export const NOTE_SORT_FIELDS = ['id', 'created_at', 'updated_at'] as const;
const NOTE_RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
const ignored = z.unknown().optional();

export const NoteCreate = z.strictObject({
  content: z.string(),
  resource_type: z.enum(NOTE_RESOURCE_TYPES),
  resource_id: sellId,
  is_important: z.boolean().optional(),
  tags: z.array(z.string()).max(100).optional(),
  type: ignored,
});

export const NoteUpdate = z.strictObject({
  content: z.string().optional(),
  is_important: z.boolean().optional(),
  tags: z.array(z.string()).max(100).nullable().optional(),
  // The record a note is on does not change; clients send these back.
  resource_type: ignored,
  resource_id: ignored,
  type: ignored,
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

/** Sell `/v2/notes` on leads, contacts and deals. */
@Controller('v2/notes')
export class NotesHttpController {
  constructor(private readonly notes: NotesGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      ids: q.ids('ids') ?? [],
      resourceType: q.oneOf('resource_type', NOTE_RESOURCE_TYPES),
      resourceId: q.id('resource_id'),
      creatorId: q.id('creator_id'),
      query: q.string('q'),
      sort: q.sort('sort_by', NOTE_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const notes = await this.notes.list(principal, request, (page - 1) * perPage, perPage).catch(asQueryError);
    return collection('note', notes.map((n) => ({ data: presentNote(n) })), pageLinks('/v2/notes', q.normalised(), page, perPage, notes.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, NoteCreate, 'note');
    const note = await this.notes.create(principal, { resourceType: data.resource_type, resourceId: data.resource_id, content: data.content, isImportant: data.is_important ?? false, tags: data.tags ?? [] });
    return single('note', presentNote(note));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return single('note', presentNote(await this.notes.get(principal, pathId(id, 'note'))));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'note');
    const data = parseSellBody(body, NoteUpdate, 'note');
    const note = await this.notes.update(principal, {
      id: valid,
      ...(data.content !== undefined ? { content: data.content } : {}),
      ...(data.is_important !== undefined ? { isImportant: data.is_important } : {}),
      replaceTags: data.tags !== undefined,
      tags: data.tags ?? [],
    });
    return single('note', presentNote(note));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.notes.delete(principal, pathId(id, 'note'));
  }
}
