import { defineConfig } from '@playwright/test';

// The server is started by `cargo xtask e2e` / `cargo xtask test`, which pass its address.
const baseURL = process.env.BASE_URL;
if (!baseURL) {
  throw new Error('BASE_URL is not set: run the browser tests with `cargo xtask e2e`.');
}
const output = process.env.E2E_OUTPUT ?? '../../target/e2e';

export default defineConfig({
  testDir: './specs',
  outputDir: `${output}/results`,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'sv-SE',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.KOLLEGIUM_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      // A school iPad in landscape: touch, retina.
      name: 'ipad',
      use: { viewport: { width: 1024, height: 768 }, hasTouch: true, deviceScaleFactor: 2 },
    },
    {
      // A Chromebook: mouse and keyboard.
      name: 'chromebook',
      use: { viewport: { width: 1366, height: 768 }, hasTouch: false, deviceScaleFactor: 1 },
    },
  ],
});
