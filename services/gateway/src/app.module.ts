import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessTokenVerifier } from '@crm/auth';
import { crm } from '@crm/proto';
import { createLogger } from '@crm/observability';
import { AuthGuard } from './auth/auth.guard';
import { PublicLinkLimiter } from './auth/public-link-limiter';
import { TeamMembers } from './auth/team-members';
import { PrincipalResolver } from './auth/principal.resolver';
import type { GatewayConfig } from './config/gateway.config';
import { GATEWAY_AREAS } from './gateway-areas';
import { CALLERS_CLIENT, CONFIG, LOGGER, TOKEN_VERIFIER, USERS_CLIENT } from './gateway.constants';
import { CallerDirectory } from './auth/caller.directory';
import { directoryAddress, grpcClient } from './upstream-clients';
import { HealthHttpController } from './health/health.http-controller';
import { OPENAPI_DOCUMENT, OpenApiHttpController } from './openapi/openapi.http-controller';
import { openApiDocument } from './openapi/openapi.document';
import { TextInputInterceptor } from './sell/text-input.interceptor';
import { SellExceptionFilter } from './sell/sell-exception.filter';
import { Upstream } from './upstream';

/**
 * The gateway: what every request goes through (token check, roles, rate limits, Sell errors,
 * text checks), health, the OpenAPI document, and the areas of GATEWAY_AREAS. The module is
 * global, so the areas find the configuration, the logger, Upstream, TeamMembers and PublicLinkLimiter.
 */
@Module({})
export class AppModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    const k = config.keycloak;
    return {
      module: AppModule,
      global: true,
      imports: [...GATEWAY_AREAS],
      controllers: [OpenApiHttpController, HealthHttpController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: createLogger(config.serviceName, config.logLevel) },
        { provide: TOKEN_VERIFIER, useValue: new AccessTokenVerifier({ issuer: k.issuer, audience: k.audience, jwksUrl: `${k.url}/realms/${k.realm}/protocol/openid-connect/certs`, cacheSize: k.tokenCacheSize }) },
        grpcClient(CALLERS_CLIENT, crm.directory.v1.CallersServiceClient, directoryAddress),
        grpcClient(USERS_CLIENT, crm.directory.v1.UsersServiceClient, directoryAddress),
        { provide: OPENAPI_DOCUMENT, useFactory: () => openApiDocument(GATEWAY_AREAS.map((area) => area.openApi())) },
        CallerDirectory,
        PrincipalResolver,
        Upstream,
        TeamMembers,
        PublicLinkLimiter,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: SellExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: TextInputInterceptor },
      ],
      exports: [CONFIG, LOGGER, USERS_CLIENT, Upstream, TeamMembers, PublicLinkLimiter],
    };
  }
}
