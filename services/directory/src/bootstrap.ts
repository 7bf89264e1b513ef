import { runService } from '@crm/service';
import { AppModule } from './app.module';
import { MIGRATIONS } from './migrations';
import type { DirectoryConfig } from './config/directory.config';

/** `main.js` serves; `main.js migrate` applies this service's migrations and exits. */
export function run(config: DirectoryConfig, args: string[]): Promise<void> {
  return runService(AppModule.forConfig(config), config, MIGRATIONS, args);
}
