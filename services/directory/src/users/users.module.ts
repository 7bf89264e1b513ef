import { Module } from '@nestjs/common';
import { UsersGrpcController } from './users.grpc-controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  providers: [UsersRepository, UsersService, UsersGrpcController],
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
