import { runService } from '@crm/service';
import { AppModule } from './app.module';
import { MIGRATIONS } from './migrations';
import type { CalendarTasksConfig } from './config/calendar-tasks.config';

/** `main.js` serves; `main.js migrate` applies this service's migrations and exits. */
export function run(config: CalendarTasksConfig, args: string[]): Promise<void> {
  return runService(AppModule.forConfig(config), config, MIGRATIONS, args);
}
