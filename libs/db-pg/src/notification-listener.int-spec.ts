import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { NotificationListener } from './notification-listener';

describe(NotificationListener.name, () => {
  let database: TestDatabase;
  let listener: NotificationListener | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('it_listener');
  });

  afterAll(async () => {
    await listener?.stop();
    await database?.drop();
  });

  const until = async (check: () => boolean) => {
    for (const deadline = Date.now() + 10_000; !check(); ) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const notify = async (channel: string, payload: string) => {
    const client = new pg.Client({ connectionString: database.appUrl });
    await client.connect();
    await client.query('select pg_notify($1, $2)', [channel, payload]);
    await client.end();
  };

  it('hands each notice to its channel, and after a lost connection reconnects and says notices may be missing', async () => {
    const heard: { channel: string; payload: string | undefined }[] = [];
    listener = new NotificationListener({ url: database.appUrl, applicationName: 'it-listener', reconnectMs: 50 });
    await listener.listen('first', (payload) => heard.push({ channel: 'first', payload }));
    listener.start();
    await until(() => listener!.listening);
    // A channel added while connected is listened to at once, and told it may have missed notices.
    await listener.listen('second', (payload) => heard.push({ channel: 'second', payload }));
    expect(heard).toEqual([{ channel: 'first', payload: undefined }, { channel: 'second', payload: undefined }]);

    await notify('first', 'a');
    await notify('second', 'b');
    await notify('elsewhere', 'c');
    await until(() => heard.length === 4);
    expect(heard.slice(2)).toEqual([{ channel: 'first', payload: 'a' }, { channel: 'second', payload: 'b' }]);

    // The server ends the listening connection: the listener comes back and both channels hear again.
    const admin = new pg.Client({ connectionString: database.appUrl });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'it-listener'`);
    await admin.end();
    await until(() => heard.filter((h) => h.payload === undefined).length === 4);
    await until(() => listener!.listening);
    await notify('first', 'after');
    await until(() => heard.some((h) => h.payload === 'after'));
  });
});
