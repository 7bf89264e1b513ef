import { runService } from '@crm/service';
import { AppModule } from './app.module';
import { MIGRATIONS } from './migrations';
import type { SyncConfig } from './config/sync.config';

/** `main.js` serves; `main.js migrate` applies this service's migrations and exits. */
export function run(config: SyncConfig, args: string[]): Promise<void> {
  return runService(AppModule.forConfig(config), config, MIGRATIONS, args);
}
