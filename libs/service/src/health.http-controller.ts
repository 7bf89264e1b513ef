import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { DATABASE } from './tokens';

/** Liveness and readiness for Kubernetes probes: ready when the database answers. */
@Controller()
export class HealthHttpController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<unknown>) {}

  @Get('healthz')
  live() {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready() {
    try {
      await sql`select 1`.execute(this.db);
      return { status: 'ok' };
    } catch {
      throw new HttpException({ status: 'unavailable', reason: 'database' }, 503);
    }
  }
}
