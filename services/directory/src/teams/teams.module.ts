import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { TeamsGrpcController } from './teams.grpc-controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

@Module({
  imports: [UsersModule],
  providers: [TeamsRepository, TeamsService, TeamsGrpcController],
  exports: [TeamsRepository],
})
export class TeamsModule {}
