import { Module } from '@nestjs/common';
import { SearchGrpcController } from './search.grpc-controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

@Module({
  providers: [SearchRepository, SearchService, SearchGrpcController],
})
export class SearchModule {}
