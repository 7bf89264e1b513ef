import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { guardProcess, type Logger } from '@crm/observability';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config/gateway.config';
import { LOGGER } from './gateway.constants';
import { sendCanonicalHeaderNames } from './sell/canonical-headers';
import { registerRawBodyParser } from './sell/raw-body';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export async function run(config: GatewayConfig): Promise<void> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimit,
    // Keep a caller's well-formed X-Request-Id so logs join up across systems; otherwise mint one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: [...config.trustedProxies],
    // Signed tokens in paths (RSVP links) run to a few hundred characters; Fastify's default is 100.
    maxParamLength: 2_000,
  });
  registerRawBodyParser(adapter.getInstance());
  sendCanonicalHeaderNames(adapter.getInstance());
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('Content-Language', 'en');
    reply.header('Vary', 'Accept-Language');
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const logger = app.get<Logger>(LOGGER);
  guardProcess(logger, { shutdown: () => app.close() });
  await app.listen(config.http.port, config.http.host);
  logger.info({ port: config.http.port }, 'gateway started');
}
