import path from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kysely } from 'kysely';
import { migrate } from '@crm/db-pg';
import type { Logger } from '@crm/observability';
import { AppModule } from './app.module';
import type { LeadsContactsConfig } from './config/leads-contacts.config';
import { DATABASE, LOGGER } from './leads-contacts.constants';

const MIGRATIONS = path.resolve(__dirname, '../migrations');

/** `main.js` serves; `main.js migrate` applies this service's migrations and exits. */
export async function run(config: LeadsContactsConfig, args: string[]): Promise<void> {
  if (args[0] === 'migrate') {
    const url = config.db.migrationUrl ?? config.db.url;
    const result = await migrate(url, MIGRATIONS, config.db.runtimeRole ? { runtimeRole: config.db.runtimeRole } : {});
    console.log(JSON.stringify({ msg: 'migrations done', ...result }));
    return;
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), new FastifyAdapter(), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const logger = app.get<Logger>(LOGGER);
  const db = app.get<Kysely<unknown>>(DATABASE);
  process.once('beforeExit', () => void db.destroy());
  await app.listen(config.http.port, '0.0.0.0');
  logger.info({ httpPort: config.http.port, grpcPort: config.grpc.port }, 'leads-contacts started');
}
