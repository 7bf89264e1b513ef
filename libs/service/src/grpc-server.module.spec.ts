import 'reflect-metadata';
import { Global, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GrpcService } from '@crm/grpc';
import { crm } from '@crm/proto';
import { GrpcServerModule, GrpcServerService } from './grpc-server.module';
import { LOGGER } from './tokens';

const logger = { info: () => undefined, error: () => undefined, warn: () => undefined };

/** A provider implementing every RPC of `definition` (answering nothing), marked as its implementation. */
function implementing(definition: object, options: { anonymous?: boolean } = {}) {
  class Implementation {}
  for (const method of Object.keys(definition)) Object.defineProperty(Implementation.prototype, method, { value: async () => ({}) });
  Injectable()(Implementation);
  GrpcService(definition as never, options)(Implementation);
  return Implementation;
}

const FakeNotes = implementing(crm.common.v1.NotesServiceService);
const FakeSubmissions = implementing(crm.leads.v1.CaptureFormSubmissionsServiceService, { anonymous: true });

/** Marked, but without the RPCs of its service. */
@Injectable()
@GrpcService(crm.common.v1.NotesServiceService)
class IncompleteNotes {}

@Injectable()
class NotAService {}

@Module({ providers: [FakeNotes, NotAService] })
class NotesFeature {}

@Module({ providers: [FakeSubmissions] })
class SubmissionsFeature {}

@Module({ providers: [IncompleteNotes] })
class IncompleteFeature {}

const root = (...features: unknown[]) => {
  // Global, as a service's application module is: the server module finds the logger there.
  @Global()
  @Module({ imports: [GrpcServerModule.forRoot({ host: '127.0.0.1', port: 0 }), ...(features as never[])], providers: [{ provide: LOGGER, useValue: logger }], exports: [LOGGER] })
  class Root {}
  return Root;
};

describe(GrpcServerService.name, () => {
  describe('services', () => {
    it('finds every provider marked @GrpcService in whatever module declares it, and serves them', async () => {
      const app = await NestFactory.createApplicationContext(root(NotesFeature, SubmissionsFeature), { logger: false, abortOnError: false });
      try {
        const sut = app.get(GrpcServerService);
        const found = sut.services();
        expect([...found.keys()].sort()).toEqual(['crm.common.v1.NotesService', 'crm.leads.v1.CaptureFormSubmissionsService']);
        expect(found.get('crm.leads.v1.CaptureFormSubmissionsService')!.spec.anonymous).toBe(true);
        expect(found.get('crm.common.v1.NotesService')!.instance).toBeInstanceOf(FakeNotes);
      } finally {
        await app.close();
      }
    });

    it('refuses to start when a marked provider lacks an RPC of its service', async () => {
      // Binding it fails at start, not on the first call.
      await expect(NestFactory.createApplicationContext(root(IncompleteFeature), { logger: false, abortOnError: false })).rejects.toThrow(/missing implementation of \/crm\.common\.v1\.NotesService\//);
    });
  });
});
