import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum TasksErrorCode {
  TaskNotFound = 'TASK_NOT_FOUND',
  InvalidTask = 'INVALID_TASK',
  RecordNotFound = 'TASK_RECORD_NOT_FOUND',
}

export class TasksError extends DomainError<TasksErrorCode> {
  static notFound(id: string): TasksError {
    return new TasksError(TasksErrorCode.TaskNotFound, ErrorKind.NotFound, `task ${id} not found`, { resource: 'task' });
  }

  static invalid(violations: FieldViolation[]): TasksError {
    return new TasksError(TasksErrorCode.InvalidTask, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'task', violations });
  }

  /** The record does not exist or the caller may not see it: both answer as the record itself would, 404. */
  static recordNotFound(type: string, id: string): TasksError {
    return new TasksError(TasksErrorCode.RecordNotFound, ErrorKind.NotFound, `${type} ${id} not found`, {
      resource: 'task',
      violations: [{ field: 'resource_id', code: 'not_found', message: `is not a ${type} you can see` }],
    });
  }
}
