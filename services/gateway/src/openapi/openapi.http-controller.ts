import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/auth.guard';
import { openApiDocument } from './openapi.document';

@Controller()
export class OpenApiHttpController {
  private readonly document = openApiDocument();

  @Public()
  @Get('openapi.json')
  get() {
    return this.document;
  }
}
