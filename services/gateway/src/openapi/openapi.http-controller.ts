import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/auth.guard';

/** Injection token of the assembled OpenAPI document (see openApiDocument). */
export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

@Controller()
export class OpenApiHttpController {
  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: object) {}

  @Public()
  @Get('openapi.json')
  get() {
    return this.document;
  }
}
