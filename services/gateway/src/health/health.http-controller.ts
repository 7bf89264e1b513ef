import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { Public } from '../auth/auth.guard';
import { LEADS_CLIENT } from '../upstreams/leads-contacts/leads-contacts.constants';
import type { crm } from '@crm/proto';

/** Liveness and readiness for Kubernetes probes. */
@Controller()
export class HealthHttpController {
  constructor(@Inject(LEADS_CLIENT) private readonly leads: crm.leads.v1.LeadsServiceClient) {}

  @Public()
  @Get('healthz')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  async ready() {
    const ok = await new Promise<boolean>((resolve) => this.leads.waitForReady(Date.now() + 1000, (err) => resolve(!err)));
    if (!ok) throw new HttpException({ status: 'unavailable', reason: 'leads-contacts' }, 503);
    return { status: 'ok' };
  }
}
