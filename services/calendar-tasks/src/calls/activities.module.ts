import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { TextMessagesService } from '../text-messages/text-messages.service';
import { VisitsRepository } from '../visits/visits.repository';
import { VisitsService } from '../visits/visits.service';
import { VoiceIntegrationGrpcController, VoiceWebhookGrpcController } from '../voice/voice.grpc-controllers';
import { VoiceRepository } from '../voice/voice.repository';
import { VoiceService } from '../voice/voice.service';
import { CallsGrpcController, TextMessagesGrpcController, VisitsGrpcController } from './activities.grpc-controllers';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';

/** Calls, text messages and visits: what a user did with a lead or a contact; and the voice provider's webhook that logs calls and texts. */
@Module({
  imports: [RecordsModule],
  providers: [
    CallsRepository, CallsService, TextMessagesService, VisitsRepository, VisitsService, VoiceRepository, VoiceService,
    CallsGrpcController, TextMessagesGrpcController, VisitsGrpcController, VoiceIntegrationGrpcController, VoiceWebhookGrpcController,
  ],
})
export class ActivitiesModule {}
