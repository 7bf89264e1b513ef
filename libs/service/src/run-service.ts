import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Connection, Model } from 'mongoose';
import type { MongoServiceSettings, ProcessSettings, ServiceSettings } from '@crm/config';
import { connectMongo, ensureCollections } from '@crm/db-mongo';
import { databaseInputError, migrate, type MigrationSet } from '@crm/db-pg';
import { registerErrorTranslator } from '@crm/grpc';
import { guardProcess, type Logger } from '@crm/observability';
import { DATABASE, LOGGER, MONGO } from './tokens';

/**
 * `main.js` serves (health on HTTP, the rest as the module starts it); `main.js migrate` applies
 * the migration sets in `migrations`, in order, and exits.
 */
export async function runService(module: DynamicModule, settings: ServiceSettings, migrations: readonly MigrationSet[], args: string[]): Promise<void> {
  if (args[0] === 'migrate') {
    const result = await migrate(settings.db.migrationUrl ?? settings.db.url, migrations, settings.db.runtimeRole ? { runtimeRole: settings.db.runtimeRole } : {});
    console.log(JSON.stringify({ msg: 'migrations done', ...result }));
    return;
  }
  registerErrorTranslator(databaseInputError);
  await serve(module, settings, (app) => {
    const db = app.get<Kysely<unknown>>(DATABASE);
    process.once('beforeExit', () => void db.destroy());
  });
}

/**
 * The same for a MongoDB-backed service: `main.js migrate` creates the collections and indexes
 * of the models `models` returns for a connection, and exits.
 */
export async function runMongoService(module: DynamicModule, settings: MongoServiceSettings, models: (connection: Connection) => readonly Model<never>[], args: string[]): Promise<void> {
  if (args[0] === 'migrate') {
    const connection = await connectMongo({ url: settings.mongo.url, dbName: settings.mongo.dbName });
    try {
      const result = await ensureCollections(models(connection));
      console.log(JSON.stringify({ msg: 'collections and indexes ensured', ...result }));
    } finally {
      await connection.close();
    }
    return;
  }
  await serve(module, settings, (app) => {
    const connection = app.get<Connection>(MONGO);
    process.once('beforeExit', () => void connection.close());
  });
}

async function serve(module: DynamicModule, settings: ProcessSettings, onStarted: (app: NestFastifyApplication) => void): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const logger = app.get<Logger>(LOGGER);
  guardProcess(logger, { shutdown: () => app.close() });
  onStarted(app);
  await app.listen(settings.http.port, '0.0.0.0');
  logger.info({ httpPort: settings.http.port, grpcPort: settings.grpc.port }, `${settings.serviceName} started`);
}
