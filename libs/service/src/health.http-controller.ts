import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { READINESS_CHECK } from './tokens';

/** Resolves when the service's store answers. */
export type ReadinessCheck = () => Promise<void>;

/** Liveness and readiness for Kubernetes probes: ready when the service's store answers. */
@Controller()
export class HealthHttpController {
  constructor(@Inject(READINESS_CHECK) private readonly storeAnswers: ReadinessCheck) {}

  @Get('healthz')
  live() {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready() {
    try {
      await this.storeAnswers();
      return { status: 'ok' };
    } catch {
      throw new HttpException({ status: 'unavailable', reason: 'database' }, 503);
    }
  }
}
