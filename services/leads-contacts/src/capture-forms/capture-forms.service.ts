import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners, type CustomFieldCatalog, normaliseTags, ReferenceListsService } from '@crm/records';
import { DATABASE } from '../leads-contacts.constants';
import { LeadsService } from '../leads/leads.service';
import { checkFormFields, resolveFormFields, storeFormFields, submissionToLeadInput, type FormField } from './capture-form-rules';
import { CaptureFormsError } from './capture-forms.errors';
import { CaptureFormsRepository, type CaptureFormChanges, type CaptureFormRow } from './capture-forms.repository';
import type { Trx, Database } from '../database';

type CaptureForm = crm.leads.v1.CaptureForm;
const UNIQUE_VIOLATION = '23505';
const KEY = /^[A-Za-z0-9_-]{16,64}$/;
const subject = (tenantId: string, id: string) => `tenants/${tenantId}/capture_forms/${id}`;

function toForm(row: CaptureFormRow, catalog: CustomFieldCatalog): CaptureForm {
  return {
    id: row.id,
    creatorId: row.creator_id,
    name: row.name,
    formKey: row.form_key,
    fields: resolveFormFields(row.fields, catalog),
    ownerId: row.owner_id,
    sourceId: row.source_id ?? '0',
    tags: row.tags,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Capture forms: admins define which lead fields a web form asks for, who owns the leads it creates
 * and with which source and tags; anyone holding the form key submits to it.
 */
@Injectable()
export class CaptureFormsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly forms: CaptureFormsRepository,
    private readonly leads: LeadsService,
    private readonly referenceLists: ReferenceListsService,
    private readonly owners: AssignableOwners,
  ) {}

  async create(principal: Principal, input: crm.leads.v1.CaptureFormInput): Promise<CaptureForm> {
    this.assertAdmin(principal);
    return this.write(principal, async (trx, catalog) => {
      const changes = await this.validate(trx, principal, catalog, input, true);
      const row = await this.forms.insert(trx, {
        tenant_id: principal.tenantId,
        creator_id: principal.userId,
        form_key: randomBytes(18).toString('base64url'),
        name: changes.name!,
        fields: changes.fields!,
        owner_id: changes.owner_id!,
        source_id: changes.source_id ?? null,
        tags: changes.tags ?? [],
        active: changes.active ?? true,
      });
      const form = toForm(row, catalog);
      await appendToOutbox(trx, buildEvent({ kind: 'captureFormCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { form } }));
      return form;
    });
  }

  async get(principal: Principal, id: string): Promise<CaptureForm> {
    this.assertAdmin(principal);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.forms.find(trx, id);
      if (!row) throw CaptureFormsError.notFound(id);
      return toForm(row, await this.catalog(trx));
    });
  }

  async update(principal: Principal, id: string, input: crm.leads.v1.CaptureFormInput): Promise<CaptureForm> {
    this.assertAdmin(principal);
    return this.write(principal, async (trx, catalog) => {
      const before = await this.forms.find(trx, id, true);
      if (!before) throw CaptureFormsError.notFound(id);
      const changes = await this.validate(trx, principal, catalog, input, false);
      if (Object.keys(changes).length === 0) return toForm(before, catalog);
      const row = await this.forms.update(trx, id, changes);
      const form = toForm(row, catalog);
      await appendToOutbox(trx, buildEvent({ kind: 'captureFormUpdated', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { form } }));
      return form;
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    this.assertAdmin(principal);
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.forms.find(trx, id, true);
      if (!row) throw CaptureFormsError.notFound(id);
      await this.forms.delete(trx, id);
      const form = toForm(row, await this.catalog(trx));
      await appendToOutbox(trx, buildEvent({ kind: 'captureFormDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { form } }));
    });
  }

  async list(principal: Principal, params: { page: number; perPage: number; ids: string[]; active?: boolean }): Promise<CaptureForm[]> {
    this.assertAdmin(principal);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const rows = await this.forms.list(trx, { ids: params.ids, ...(params.active !== undefined ? { active: params.active } : {}), limit: params.perPage, offset: (params.page - 1) * params.perPage });
      return rows.map((r) => toForm(r, catalog));
    });
  }

  /**
   * A public submission: the key decides the tenant and form; the lead is created for the form's
   * owner with status new, and its created event carries the form (the lead is "captured").
   */
  async submit(formKey: string, values: Record<string, unknown>, clientAddress: string): Promise<string> {
    const located = KEY.test(formKey) ? await this.forms.resolveKey(this.db, formKey) : undefined;
    if (!located) throw CaptureFormsError.notFound('key');
    return inTenantTransaction(this.db, located.tenant_id, async (trx) => {
      const form = await this.forms.find(trx, located.form_id);
      if (!form || !form.active) throw CaptureFormsError.notFound('key');
      const catalog = await this.catalog(trx);
      const built = submissionToLeadInput({ fields: resolveFormFields(form.fields, catalog), ownerId: form.owner_id, sourceId: form.source_id, tags: form.tags }, catalog, values);
      if ('violations' in built) throw CaptureFormsError.invalidSubmission(built.violations);
      // The form acts as its owner: the lead is theirs, as if they had typed it in.
      const owner: Principal = { tenantId: located.tenant_id, userId: form.owner_id, role: 'user', visibleOwnerIds: [form.owner_id] };
      const lead = await this.leads.createIn(trx, owner, built.input, built.paths, catalog, { formId: form.id, formName: form.name, clientAddress }).catch((e: unknown) => {
        // The lead's own rules (an e-mail address, a custom field value) speak about the submission.
        if (e instanceof DomainError && e.kind === ErrorKind.InvalidArgument && e.details.violations) throw CaptureFormsError.invalidSubmission(e.details.violations);
        throw e;
      });
      return lead.id;
    });
  }

  private async write<T>(principal: Principal, fn: (trx: Trx, catalog: CustomFieldCatalog) => Promise<T>): Promise<T> {
    try {
      return await inTenantTransaction(this.db, principal.tenantId, async (trx) => fn(trx, await this.catalog(trx)));
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw CaptureFormsError.nameTaken('with this name');
      throw e;
    }
  }

  /** The changes an input makes, checked; on create every required attribute must be there. */
  private async validate(trx: Trx, principal: Principal, catalog: CustomFieldCatalog, input: crm.leads.v1.CaptureFormInput, creating: boolean): Promise<CaptureFormChanges> {
    const violations: FieldViolation[] = [];
    const changes: CaptureFormChanges = {};
    if (input.name !== undefined || creating) {
      const name = (input.name ?? '').trim();
      if (!name) violations.push({ field: 'name', code: 'blank', message: 'cannot be empty' });
      else if (name.length > 255) violations.push({ field: 'name', code: 'incorrect_value', message: 'is longer than 255 characters' });
      changes.name = name;
    }
    if (input.replaceFields || creating) {
      const fields: FormField[] = input.fields.map((f) => ({ name: f.name.trim(), required: f.required }));
      const problems = checkFormFields(fields, catalog);
      violations.push(...problems);
      if (problems.length === 0) changes.fields = storeFormFields(fields, catalog);
    }
    if (input.ownerId !== undefined) {
      if ((await this.owners.inactive(trx, principal, [input.ownerId])).size > 0) violations.push({ field: 'owner_id', code: 'incorrect_value', message: 'is not an active user of this account' });
      else changes.owner_id = input.ownerId;
    } else if (creating) violations.push({ field: 'owner_id', code: 'blank', message: 'is required: the owner of the leads the form creates' });
    if (input.sourceId !== undefined) {
      if (input.sourceId === '0') changes.source_id = null;
      else if (await this.referenceLists.exists(trx, 'lead_source', input.sourceId)) changes.source_id = input.sourceId;
      else violations.push({ field: 'source_id', code: 'incorrect_value', message: 'is not a lead source of this account' });
    }
    if (input.replaceTags) {
      const tags = normaliseTags(input.tags);
      if (tags.length > 100 || tags.some((t) => t.length === 0 || t.length > 64)) violations.push({ field: 'tags', code: 'incorrect_value', message: 'up to 100 tags of 1 to 64 characters' });
      changes.tags = tags;
    }
    if (input.active !== undefined) changes.active = input.active;
    if (violations.length > 0) throw CaptureFormsError.invalid(violations);
    return changes;
  }

  private catalog(trx: Trx): Promise<CustomFieldCatalog> {
    return this.leads.catalog(trx);
  }

  private assertAdmin(principal: Principal): void {
    if (principal.role !== 'admin') throw CaptureFormsError.adminOnly();
  }
}
