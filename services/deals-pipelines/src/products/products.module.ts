import { Module } from '@nestjs/common';
import { ProductsGrpcController } from './products.grpc-controller';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';

@Module({
  providers: [ProductsRepository, ProductsService, ProductsGrpcController],
  exports: [ProductsService],
})
export class ProductsModule {}
