/**
 * One id per test run, shared by the global setup and every test file: jest loads the support
 * modules once for the setup and again for each test file, and names made of the run id (consumer
 * groups, databases) must be the same in all of them. The first load sets it in the environment,
 * which the test files inherit.
 */
export const RUN_ID: string = (process.env.E2E_RUN_ID ??= Date.now().toString(36));
