import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { ServiceSettings } from '@crm/config';
import { databaseInputError, migrate, type MigrationSet } from '@crm/db-pg';
import { registerErrorTranslator } from '@crm/grpc';
import { guardProcess, type Logger } from '@crm/observability';
import { DATABASE, LOGGER } from './tokens';

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
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const logger = app.get<Logger>(LOGGER);
  guardProcess(logger, { shutdown: () => app.close() });
  const db = app.get<Kysely<unknown>>(DATABASE);
  process.once('beforeExit', () => void db.destroy());
  await app.listen(settings.http.port, '0.0.0.0');
  logger.info({ httpPort: settings.http.port, grpcPort: settings.grpc.port }, `${settings.serviceName} started`);
}
