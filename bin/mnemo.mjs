#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx mnemo` needs no build step.
import { register } from 'tsx/esm/api';

register();
// A closed pipe (`mnemo export … | head`) ends the output; it is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
