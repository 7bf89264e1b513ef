import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum TagsErrorCode {
  TagNotFound = 'TAG_NOT_FOUND',
  InvalidTag = 'INVALID_TAG',
  NameTaken = 'TAG_NAME_TAKEN',
  AdminOnly = 'TAGS_ADMIN_ONLY',
}

export class TagsError extends DomainError<TagsErrorCode> {
  static notFound(id: string): TagsError {
    return new TagsError(TagsErrorCode.TagNotFound, ErrorKind.NotFound, `tag ${id} not found`, { resource: 'tag' });
  }

  static invalid(violations: FieldViolation[]): TagsError {
    return new TagsError(TagsErrorCode.InvalidTag, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'tag', violations });
  }

  static nameTaken(resourceType: string, name: string): TagsError {
    const message = `a ${resourceType} tag named "${name}" exists already`;
    return new TagsError(TagsErrorCode.NameTaken, ErrorKind.AlreadyExists, message, { resource: 'tag', violations: [{ field: 'name', code: 'already_exists', message }] });
  }

  static adminOnly(): TagsError {
    return new TagsError(TagsErrorCode.AdminOnly, ErrorKind.PermissionDenied, 'only admins rename and delete tags, since that changes every record carrying them', { resource: 'tag' });
  }
}
