import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@grpc/grpc-js';
import type { Principal } from '@crm/auth';
import { callUnary, type UnaryMethod } from '@crm/grpc';
import type { GatewayConfig } from './config/gateway.config';
import { CONFIG } from './gateway.constants';

/** Calls the backing services as the caller, each call with the configured deadline. */
@Injectable()
export class Upstream {
  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  call<Req, Res>(client: Client, method: UnaryMethod<Req, Res>, request: Req, principal: Principal | undefined): Promise<Res> {
    return callUnary(client, method, request, { principal, timeoutMs: this.config.services.timeoutMs });
  }
}
