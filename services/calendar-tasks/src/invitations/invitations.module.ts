import { Module } from '@nestjs/common';
import { createGrpcClient } from '@crm/grpc';
import { Mailer } from '@crm/mail';
import { crm } from '@crm/proto';
import { ACCOUNTS_CLIENT, CONFIG, MAILER } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import { AccountLogos } from './account-logos';
import { InvitationOutbox } from './invitation-outbox';
import { InvitationSender } from './invitation-sender';
import { InvitationsRepository } from './invitations.repository';

/** iMIP invitation mail: queued with each appointment change, sent after commit with the account's logo. */
@Module({
  providers: [
    { provide: MAILER, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => new Mailer(c.mail) },
    { provide: ACCOUNTS_CLIENT, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => createGrpcClient(crm.directory.v1.AccountsServiceClient, c.owners.directory.grpcUrl) },
    InvitationsRepository,
    InvitationOutbox,
    AccountLogos,
    InvitationSender,
  ],
  exports: [InvitationOutbox],
})
export class InvitationsModule {}
