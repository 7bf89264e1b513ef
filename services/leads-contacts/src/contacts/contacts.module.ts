import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { ContactsGrpcController } from './contacts.grpc-controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

@Module({
  imports: [CustomFieldsModule],
  providers: [ContactsRepository, ContactsService, ContactsGrpcController],
  exports: [ContactsGrpcController, ContactsRepository, ContactsService],
})
export class ContactsModule {}
