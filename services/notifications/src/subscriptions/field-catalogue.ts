import { Injectable } from '@nestjs/common';
import { customFieldKind, DEFAULT_FIELDS, type FieldKind, type FilteredRecordType } from '@crm/conditions';
import { ReadModelsRepository } from '../read-models/read-models.repository';

const CUSTOM = 'custom_fields.';

/** The fields of a tenant's record type: the default ones and its live custom fields (`custom_fields.<name>`). */
@Injectable()
export class FieldCatalogue {
  constructor(private readonly readModels: ReadModelsRepository) {}

  async of(tenantId: string, resource: FilteredRecordType): Promise<(name: string) => FieldKind | undefined> {
    const custom = await this.readModels.customFieldsOf(tenantId, resource);
    const defaults = DEFAULT_FIELDS[resource];
    return (name) => {
      if (name.startsWith(CUSTOM)) {
        const field = custom.get(name.slice(CUSTOM.length));
        return field ? customFieldKind(field.type) : undefined;
      }
      return Object.hasOwn(defaults, name) ? defaults[name] : undefined;
    };
  }
}
