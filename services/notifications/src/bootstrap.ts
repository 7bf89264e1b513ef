import { runMongoService } from '@crm/service';
import { AppModule } from './app.module';
import { collectionsOf } from './collections';
import type { NotificationsConfig } from './config/notifications.config';

/** `main.js` serves; `main.js migrate` creates this service's collections and indexes and exits. */
export function run(config: NotificationsConfig, args: string[]): Promise<void> {
  return runMongoService(AppModule.forConfig(config), config, collectionsOf, args);
}
