import { Module } from '@nestjs/common';
import { NotesGrpcController } from './notes.grpc-controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';

@Module({
  providers: [NotesRepository, NotesService, NotesGrpcController],
  exports: [NotesGrpcController],
})
export class NotesModule {}
