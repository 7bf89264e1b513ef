import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum TasksErrorCode {
  TaskNotFound = 'TASK_NOT_FOUND',
  InvalidTask = 'INVALID_TASK',
}

export class TasksError extends DomainError<TasksErrorCode> {
  static notFound(id: string): TasksError {
    return new TasksError(TasksErrorCode.TaskNotFound, ErrorKind.NotFound, `task ${id} not found`, { resource: 'task' });
  }

  static invalid(violations: FieldViolation[]): TasksError {
    return new TasksError(TasksErrorCode.InvalidTask, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'task', violations });
  }
}
