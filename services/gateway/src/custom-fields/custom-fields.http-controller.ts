import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { parseSellBody } from '../sell/sell-body';
import { collection, single } from '../sell/sell-envelope';
import { SellHttpError } from '../sell/sell-error';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { Upstream } from '../upstream';

const ID = /^[1-9][0-9]{0,15}$/;
const time = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
const choice = z.union([z.string(), z.strictObject({ id: z.number().int().positive().optional(), name: z.string() })]);
const ignored = z.unknown().optional();

export const CustomFieldCreate = z.strictObject({
  name: z.string(),
  type: z.string(),
  choices: z.array(choice).max(5000).optional(),
  for_company: z.boolean().optional(),
  for_contact: z.boolean().optional(),
});

export const CustomFieldUpdate = z.strictObject({
  name: z.string().optional(),
  choices: z.array(choice).max(5000).optional(),
  for_company: z.boolean().optional(),
  for_contact: z.boolean().optional(),
  id: ignored,
  type: ignored,
  created_at: ignored,
  updated_at: ignored,
});

/**
 * Sell `GET /v2/{lead|contact|deal}/custom_fields`, plus admin writes (Sell offers those only in its UI).
 * Nest registers the routes the subclasses inherit; each subclass, in the folder of the service
 * owning its resource, names the resource and that service's client.
 */
export abstract class CustomFieldsHttpController {
  protected constructor(
    private readonly client: crm.common.v1.CustomFieldsServiceClient,
    private readonly upstream: Upstream,
    private readonly resource: crm.common.v1.CustomFieldResource,
    private readonly isContact: boolean,
  ) {}


  private present(f: crm.common.v1.CustomField) {
    return {
      id: Number(f.id),
      name: f.name,
      type: f.type,
      ...(f.type === 'list' || f.type === 'multi_select_list' ? { choices: f.choices.map((c) => ({ id: Number(c.id), name: c.name })) } : {}),
      ...(this.isContact ? { for_company: f.forCompany, for_contact: f.forContact } : {}),
      created_at: time(f.createdAt),
      updated_at: time(f.updatedAt),
    };
  }

  private id(raw: string): string {
    if (!ID.test(raw)) throw SellHttpError.notFound('custom_field');
    return raw;
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    new SellQuery(raw).assertNoUnknown();
    const { fields } = await this.upstream.call(this.client, this.client.listCustomFields, { resource: this.resource }, principal);
    return collection('custom_field', fields.map((f) => ({ data: this.present(f) })), {});
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, CustomFieldCreate, 'custom_field');
    const { field } = await this.upstream.call(
      this.client,
      this.client.createCustomField,
      {
        resource: this.resource,
        name: data.name,
        type: data.type,
        choices: (data.choices ?? []).map((c) => (typeof c === 'string' ? c : c.name)),
        ...(data.for_company !== undefined ? { forCompany: data.for_company } : {}),
        ...(data.for_contact !== undefined ? { forContact: data.for_contact } : {}),
      }, principal,
    );
    return single('custom_field', this.present(field!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = this.id(id);
    const data = parseSellBody(body, CustomFieldUpdate, 'custom_field');
    const { field } = await this.upstream.call(
      this.client,
      this.client.updateCustomField,
      {
        resource: this.resource,
        id: valid,
        ...(data.name !== undefined ? { name: data.name } : {}),
        replaceChoices: data.choices !== undefined,
        choices: (data.choices ?? []).map((c) => (typeof c === 'string' ? { id: '0', name: c } : { id: String(c.id ?? 0), name: c.name })),
        ...(data.for_company !== undefined ? { forCompany: data.for_company } : {}),
        ...(data.for_contact !== undefined ? { forContact: data.for_contact } : {}),
      }, principal,
    );
    return single('custom_field', this.present(field!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteCustomField, { resource: this.resource, id: this.id(id) }, principal);
  }
}
