/** Injection tokens of the gRPC clients of calendar-tasks. */
export const TASKS_CLIENT = Symbol('TASKS_CLIENT');
