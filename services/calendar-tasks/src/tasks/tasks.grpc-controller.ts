import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CalendarMessage as Req } from '@crm/proto';
import type { TaskChanges } from './task-rules';
import { TasksService } from './tasks.service';

type TaskInput = crm.calendar.v1.TaskInput;

/** The attributes the mask names, with null for one named but absent (cleared). */
function changesOf(input: TaskInput | undefined, mask: readonly string[]): TaskChanges {
  const i = input ?? {};
  const changes: TaskChanges = {};
  for (const path of mask) {
    switch (path) {
      case 'content': changes.content = i.content ?? null; break;
      case 'due_date': changes.due_date = i.dueDate ?? null; break;
      case 'remind_at': changes.remind_at = i.remindAt ?? null; break;
      case 'reminder': changes.reminder = i.reminder ?? null; break;
      case 'completed': changes.completed = i.completed ?? null; break;
      case 'owner_id': changes.owner_id = i.ownerId ?? null; break;
      case 'resource_type': changes.resource_type = i.resourceType ?? null; break;
      case 'resource_id': changes.resource_id = i.resourceId ?? null; break;
      default: break;
    }
  }
  return changes;
}

/** gRPC transport of tasks: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.TasksServiceService)
export class TasksGrpcController implements AsyncService<crm.calendar.v1.TasksServiceServer> {
  constructor(private readonly tasks: TasksService) {}

  async createTask(request: Req<'CreateTaskRequest'>, ctx: CallContext) {
    return { task: await this.tasks.create(ctx.principal, changesOf(request.task, request.mask ?? [])) };
  }

  async getTask(request: Req<'GetTaskRequest'>, ctx: CallContext) {
    return { task: await this.tasks.get(ctx.principal, request.id) };
  }

  async updateTask(request: Req<'UpdateTaskRequest'>, ctx: CallContext) {
    return { task: await this.tasks.update(ctx.principal, request.id, changesOf(request.task, request.updateMask ?? [])) };
  }

  async deleteTask(request: Req<'DeleteTaskRequest'>, ctx: CallContext) {
    await this.tasks.delete(ctx.principal, request.id);
    return {};
  }

  async listTasks(request: Req<'ListTasksRequest'>, ctx: CallContext) {
    const tasks = await this.tasks.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ownerIds: request.ownerIds,
      ...(request.type !== undefined ? { type: request.type } : {}),
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      ...(request.completed !== undefined ? { completed: request.completed } : {}),
      ...(request.overdue !== undefined ? { overdue: request.overdue } : {}),
      ...(request.remind !== undefined ? { remind: request.remind } : {}),
      ...(request.creatorId !== undefined ? { creatorId: request.creatorId } : {}),
      ...(request.query !== undefined ? { query: request.query } : {}),
      ...(request.dueFrom !== undefined ? { dueFrom: request.dueFrom } : {}),
      ...(request.dueTo !== undefined ? { dueTo: request.dueTo } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { tasks };
  }
}
