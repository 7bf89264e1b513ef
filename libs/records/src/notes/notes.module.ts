import { Module, type DynamicModule } from '@nestjs/common';
import { NotesGrpcController } from './notes.grpc-controller';
import { NOTES_OPTIONS, type NotesOptions } from './notes.options';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';

/** Notes on the records a service owns. */
@Module({})
export class NotesModule {
  static register(options: NotesOptions): DynamicModule {
    return {
      module: NotesModule,
      global: true,
      providers: [{ provide: NOTES_OPTIONS, useValue: options }, NotesRepository, NotesService, NotesGrpcController],
      exports: [NotesService],
    };
  }
}
