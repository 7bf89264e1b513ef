import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum NotesErrorCode {
  NoteNotFound = 'NOTE_NOT_FOUND',
  InvalidNote = 'INVALID_NOTE',
}

export class NotesError extends DomainError<NotesErrorCode> {
  static notFound(id: string): NotesError {
    return new NotesError(NotesErrorCode.NoteNotFound, ErrorKind.NotFound, `note ${id} not found`, { resource: 'note' });
  }

  static invalid(violations: FieldViolation[]): NotesError {
    return new NotesError(NotesErrorCode.InvalidNote, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'note', violations });
  }
}
