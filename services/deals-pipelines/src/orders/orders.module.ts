import { Module } from '@nestjs/common';
import { DealsModule } from '../deals/deals.module';
import { ProductsModule } from '../products/products.module';
import { OrdersGrpcController } from './orders.grpc-controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [DealsModule, ProductsModule],
  providers: [OrdersRepository, OrdersService, OrdersGrpcController],
})
export class OrdersModule {}
