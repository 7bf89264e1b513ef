import { Module } from '@nestjs/common';
import { DealsPipelinesModule } from '../upstreams/deals-pipelines/deals-pipelines.module';
import { LeadsContactsModule } from '../upstreams/leads-contacts/leads-contacts.module';
import { NotesGatewayService } from './notes.gateway-service';
import { NotesHttpController } from './notes.http-controller';
import { notesOpenApi } from './notes.openapi';

/** `/v2/notes`: lead and contact notes live in leads-contacts, deal notes in deals-pipelines (decision 16). */
@Module({
  imports: [LeadsContactsModule, DealsPipelinesModule],
  controllers: [NotesHttpController],
  providers: [NotesGatewayService],
})
export class NotesModule {
  static openApi = notesOpenApi;
}
