import { Module, type DynamicModule } from '@nestjs/common';
import { TagsGrpcController } from './tags.grpc-controller';
import { TAGGED_RECORDS, TAGS_OPTIONS, type TagsOptions } from './tags.options';
import { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';

/** The tag list of the record types a service owns (Sell `/v2/tags`). */
@Module({})
export class TagsModule {
  static register(options: TagsOptions): DynamicModule {
    return {
      module: TagsModule,
      imports: options.imports ?? [],
      providers: [
        { provide: TAGS_OPTIONS, useValue: options },
        { provide: TAGGED_RECORDS, useClass: options.taggedRecords },
        TagsRepository,
        TagsService,
        TagsGrpcController,
      ],
      exports: [TagsService],
    };
  }
}
