import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId, sellDateTime, sellId, sellOptionalRef } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { toMaskedInput } from '../../../sell/sell-record-input';
import { Upstream } from '../../../upstream';
import { TASKS_CLIENT } from '../calendar-tasks.constants';
import { presentTask } from './task.presenter';

const ignored = z.unknown().optional();

export const REMINDER_PRESETS = ['1_week_before', '1_day_before', '1_hour_before', '30_minutes_before', '15_minutes_before', '5_minutes_before', 'at_due_time'] as const;
export const TASK_RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
export const TASK_SORT_FIELDS = ['id', 'content', 'due_date', 'remind_at', 'completed', 'completed_at', 'owner_id', 'created_at', 'updated_at'] as const;

/** Sell's writable task attributes, the reminder preset, and the read-only ones a client echoes back. */
export const TaskWrite = z.strictObject({
  content: z.string().max(10_000).nullable().optional(),
  due_date: sellDateTime.nullable().optional(),
  remind_at: sellDateTime.nullable().optional(),
  reminder: z.enum(REMINDER_PRESETS).nullable().optional(),
  completed: z.boolean().nullable().optional(),
  owner_id: sellId.nullable().optional(),
  resource_type: z.enum(TASK_RESOURCE_TYPES).nullable().optional(),
  resource_id: sellOptionalRef,
  id: ignored,
  creator_id: ignored,
  completed_at: ignored,
  overdue: ignored,
  created_at: ignored,
  updated_at: ignored,
});

/** The task attributes clients echo back, which no request changes. */
const READ_ONLY = new Set(['id', 'creator_id', 'completed_at', 'overdue', 'created_at', 'updated_at']);

function toTaskInput(data: z.infer<typeof TaskWrite>, mode: 'create' | 'update') {
  const { input, paths } = toMaskedInput(data, mode, READ_ONLY);
  return { input: input as crm.calendar.v1.TaskInput, paths };
}

/** Sell `/v2/tasks`, served by calendar-tasks. */
@Controller('v2/tasks')
export class TasksHttpController {
  constructor(
    @Inject(TASKS_CLIENT) private readonly client: crm.calendar.v1.TasksServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const ownerId = q.id('owner_id');
    const request = {
      page: { page, perPage },
      ids: q.ids('ids') ?? [],
      type: q.oneOf('type', ['floating', 'related'] as const),
      resourceType: q.oneOf('resource_type', TASK_RESOURCE_TYPES),
      resourceId: q.id('resource_id'),
      completed: q.bool('completed'),
      overdue: q.bool('overdue'),
      remind: q.bool('remind'),
      ownerIds: ownerId ? [ownerId] : [],
      creatorId: q.id('creator_id'),
      query: q.string('q'),
      dueFrom: q.time('due_date[from]'),
      dueTo: q.time('due_date[to]'),
      sort: q.sort('sort_by', TASK_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { tasks } = await this.upstream.call(this.client, this.client.listTasks, request, principal).catch(asQueryError);
    return collection('task', tasks.map((t) => ({ data: presentTask(t) })), pageLinks('/v2/tasks', q.normalised(), page, perPage, tasks.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { input, paths } = toTaskInput(parseSellBody(body, TaskWrite, 'task'), 'create');
    const { task } = await this.upstream.call(this.client, this.client.createTask, { task: input, mask: paths }, principal);
    return single('task', presentTask(task!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { task } = await this.upstream.call(this.client, this.client.getTask, { id: pathId(id, 'task') }, principal);
    return single('task', presentTask(task!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'task');
    const { input, paths } = toTaskInput(parseSellBody(body, TaskWrite, 'task'), 'update');
    const { task } = await this.upstream.call(this.client, this.client.updateTask, { id: valid, task: input, updateMask: paths }, principal);
    return single('task', presentTask(task!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteTask, { id: pathId(id, 'task') }, principal);
  }
}
