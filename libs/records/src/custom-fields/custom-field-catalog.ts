import type { CustomFieldDef } from './custom-field-value';

/** A tenant's custom field definitions of one resource, looked up by id or (case-insensitive) name. */
export class CustomFieldCatalog {
  private readonly byId = new Map<string, CustomFieldDef>();
  private readonly byName = new Map<string, CustomFieldDef>();

  constructor(readonly defs: readonly CustomFieldDef[]) {
    for (const d of defs) {
      this.byId.set(d.id, d);
      this.byName.set(d.name.toLowerCase(), d);
    }
  }

  static readonly empty = new CustomFieldCatalog([]);

  id(id: string): CustomFieldDef | undefined {
    return this.byId.get(id);
  }

  name(name: string): CustomFieldDef | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }
}
