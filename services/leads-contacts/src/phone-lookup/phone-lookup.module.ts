import { Module } from '@nestjs/common';
import { PhoneLookupGrpcController } from './phone-lookup.grpc-controller';
import { PhoneLookupRepository } from './phone-lookup.repository';
import { PhoneLookupService } from './phone-lookup.service';

/** Leads and contacts by phone number, for calls and texts logged without a user. */
@Module({ providers: [PhoneLookupRepository, PhoneLookupService, PhoneLookupGrpcController] })
export class PhoneLookupModule {}
