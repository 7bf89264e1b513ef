import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal, Public } from '../../../auth/auth.guard';
import { RateLimiter } from '../../../auth/rate-limiter';
import { CONFIG } from '../../../gateway.constants';
import { CAPTURE_FORMS_CLIENT, CAPTURE_FORM_SUBMISSIONS_CLIENT } from '../leads-contacts.constants';
import { parseSellBody, pathId, sellId, sellOptionalRef } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { SellHttpError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellIdOrNull, sellTime } from '../../../sell/sell-record';
import type { GatewayConfig } from '../../../config/gateway.config';
import { Upstream } from '../../../upstream';

const ignored = z.unknown().optional();
const FormField = z.strictObject({ name: z.string().max(300), required: z.boolean().optional() });

const captureFormWrite = {
  name: z.string().max(255),
  fields: z.array(FormField).max(100),
  owner_id: sellId,
  source_id: sellOptionalRef,
  tags: z.array(z.string()).max(100).nullable().optional(),
  active: z.boolean().optional(),
};
export const CaptureFormCreate = z.strictObject(captureFormWrite);
export const CaptureFormUpdate = z.strictObject({
  ...Object.fromEntries(Object.entries(captureFormWrite).map(([k, v]) => [k, v.optional()])),
  // Read-only attributes clients send back.
  id: ignored,
  form_key: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
}) as unknown as z.ZodType<Partial<z.infer<typeof CaptureFormCreate>>>;

/** What a submission may carry: values by form field name. */
export const Submission = z
  .record(z.string().max(300), z.union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(10_000)).max(100), z.null()]))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 values');

function present(f: crm.leads.v1.CaptureForm) {
  return {
    id: Number(f.id),
    creator_id: sellIdOrNull(f.creatorId),
    name: f.name,
    form_key: f.formKey,
    submission_url: `/public/capture_forms/${f.formKey}/submissions`,
    fields: f.fields.map((x) => ({ name: x.name, required: x.required })),
    owner_id: Number(f.ownerId),
    source_id: sellIdOrNull(f.sourceId),
    tags: f.tags,
    active: f.active,
    created_at: sellTime(f.createdAt),
    updated_at: sellTime(f.updatedAt),
  };
}

function toInput(data: Partial<z.infer<typeof CaptureFormCreate>>): crm.leads.v1.CaptureFormInput {
  return {
    ...(data.name !== undefined ? { name: data.name } : {}),
    replaceFields: data.fields !== undefined,
    fields: (data.fields ?? []).map((f) => ({ name: f.name, required: f.required ?? false })),
    ...(data.owner_id !== undefined ? { ownerId: data.owner_id } : {}),
    ...(data.source_id !== undefined ? { sourceId: data.source_id ?? '0' } : {}),
    replaceTags: data.tags !== undefined,
    tags: data.tags ?? [],
    ...(data.active !== undefined ? { active: data.active } : {}),
  };
}

/** `/v2/capture_forms` (beyond Sell): admins define the web forms that create leads. */
@Controller('v2/capture_forms')
export class CaptureFormsHttpController {
  constructor(
    @Inject(CAPTURE_FORMS_CLIENT) private readonly client: crm.leads.v1.CaptureFormsServiceClient,
    private readonly upstream: Upstream,
  ) {}


  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = { page: { page, perPage }, ids: q.ids('ids') ?? [], active: q.bool('active') };
    q.assertNoUnknown();
    const { forms } = await this.upstream.call(this.client, this.client.listCaptureForms, request, principal);
    return collection('capture_form', forms.map((f) => ({ data: present(f) })), pageLinks('/v2/capture_forms', q.normalised(), page, perPage, forms.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, CaptureFormCreate, 'capture_form');
    const { form } = await this.upstream.call(this.client, this.client.createCaptureForm, { form: toInput(data) }, principal);
    return single('capture_form', present(form!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { form } = await this.upstream.call(this.client, this.client.getCaptureForm, { id: pathId(id, 'capture_form') }, principal);
    return single('capture_form', present(form!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'capture_form');
    const data = parseSellBody(body, CaptureFormUpdate, 'capture_form');
    const { form } = await this.upstream.call(this.client, this.client.updateCaptureForm, { id: valid, form: toInput(data) }, principal);
    return single('capture_form', present(form!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteCaptureForm, { id: pathId(id, 'capture_form') }, principal);
  }
}

/**
 * The public side of capture forms: no token; the form key identifies the form. Accepts JSON
 * (`{"data": {...}}`) and HTML form encoding, limited per form and per client address.
 */
@Public()
@Controller('public/capture_forms')
export class CaptureFormSubmissionsHttpController {
  private readonly perForm: RateLimiter;
  private readonly perClient: RateLimiter;

  constructor(
    @Inject(CAPTURE_FORM_SUBMISSIONS_CLIENT) private readonly client: crm.leads.v1.CaptureFormSubmissionsServiceClient,
    private readonly upstream: Upstream,
    @Inject(CONFIG) config: GatewayConfig,
  ) {
    const r = config.captureRateLimit;
    this.perForm = new RateLimiter(r.perFormPerMinute / 60, r.perFormPerMinute);
    this.perClient = new RateLimiter(r.perClientPerMinute / 60, r.perClientPerMinute);
  }

  @Post(':formKey/submissions')
  @HttpCode(201)
  async submit(@Param('formKey') formKey: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    // The client's own bucket is checked first, so one client cannot use up a form's quota.
    for (const [limiter, key] of [
      [this.perClient, request.ip],
      [this.perForm, formKey],
    ] as const) {
      const quota = limiter.take(key);
      if (!quota.allowed) {
        reply.header('Retry-After', String(quota.retryAfterSeconds));
        throw SellHttpError.rateLimited();
      }
    }
    const values = this.readValues(body, request);
    const { leadId } = await this.upstream.call(this.client, this.client.submitCaptureForm, { formKey, values, clientAddress: request.ip }, undefined);
    return single('capture_form_submission', { lead_id: Number(leadId) });
  }

  private readValues(body: unknown, request: FastifyRequest): Record<string, unknown> {
    const type = request.headers['content-type'] ?? '';
    let values: unknown;
    // An HTML form post arrives parsed by the framework's form parser (a repeated name gives a list).
    if (type.startsWith('application/x-www-form-urlencoded')) values = { ...(body as object) };
    else if (body !== undefined) values = parseSellBody(body, z.object({}).passthrough(), 'submission');
    else throw SellHttpError.unsupportedMediaType('Send JSON or application/x-www-form-urlencoded.');
    const parsed = Submission.safeParse(values);
    if (!parsed.success) throw SellHttpError.resource('submission', parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'data', code: 'incorrect_value', message: i.message })));
    return parsed.data;
  }
}
