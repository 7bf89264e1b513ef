export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__E2E__;
  if (!state) return;
  await Promise.all(state.services.map((s) => s.stop()));
  await new Promise<void>((resolve) => state.receiver.close(() => resolve()));
  await state.database.drop();
  await state.dealsDatabase.drop();
  await state.directoryDatabase.drop();
  await state.syncDatabase.drop();
  await state.calendarTasksDatabase.drop();
}
