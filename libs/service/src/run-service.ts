import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { migrate } from '@crm/db-pg';
import type { Logger } from '@crm/observability';
import { DATABASE, LOGGER } from './tokens';

export interface ServiceRunOptions {
  name: string;
  module: DynamicModule;
  httpPort: number;
  /** Directory of the service's SQL migrations. */
  migrations: string;
  db: { url: string; migrationUrl?: string | undefined; runtimeRole?: string | undefined };
  /** Logged with the start message. */
  details?: Record<string, unknown>;
}

/** `main.js` serves (health on HTTP, the rest as the module starts it); `main.js migrate` migrates and exits. */
export async function runService(options: ServiceRunOptions, args: string[]): Promise<void> {
  if (args[0] === 'migrate') {
    const result = await migrate(options.db.migrationUrl ?? options.db.url, options.migrations, options.db.runtimeRole ? { runtimeRole: options.db.runtimeRole } : {});
    console.log(JSON.stringify({ msg: 'migrations done', ...result }));
    return;
  }
  const app = await NestFactory.create<NestFastifyApplication>(options.module, new FastifyAdapter(), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const logger = app.get<Logger>(LOGGER);
  const db = app.get<Kysely<unknown>>(DATABASE);
  process.once('beforeExit', () => void db.destroy());
  await app.listen(options.httpPort, '0.0.0.0');
  logger.info({ httpPort: options.httpPort, ...options.details }, `${options.name} started`);
}
