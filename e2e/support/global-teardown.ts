import { connectMongo } from '@crm/db-mongo';
import { E2E, e2eMongoUrl } from './e2e-env';

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
  const mongo = await connectMongo({ url: e2eMongoUrl, dbName: E2E.notificationsMongoDb });
  await mongo.dropDatabase();
  await mongo.close();
}
