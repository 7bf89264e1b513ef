import { Module } from '@nestjs/common';
import { ContactsGrpcController } from './contacts.grpc-controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

@Module({
  providers: [ContactsRepository, ContactsService, ContactsGrpcController],
  exports: [ContactsRepository, ContactsService],
})
export class ContactsModule {}
