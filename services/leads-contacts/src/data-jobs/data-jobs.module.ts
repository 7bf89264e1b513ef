import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { LeadsModule } from '../leads/leads.module';
import { DataJobLifecycle } from './data-job-lifecycle';
import { DataJobRunner } from './data-job-runner.service';
import { DataJobsGrpcController } from './data-jobs.grpc-controller';
import { DataJobsRepository } from './data-jobs.repository';
import { DataJobsService } from './data-jobs.service';
import { RecordExporter } from './record-exporter';
import { RecordImporter } from './record-importer';
import { RecordResources } from './record-resources';

@Module({
  imports: [LeadsModule, ContactsModule],
  providers: [DataJobsRepository, DataJobLifecycle, DataJobsService, DataJobsGrpcController, RecordResources, RecordImporter, RecordExporter, DataJobRunner],
  exports: [DataJobRunner],
})
export class DataJobsModule {}
