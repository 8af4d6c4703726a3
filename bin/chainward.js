#!/usr/bin/env node
// Entry point for `npx chainward`: loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli/cli.ts');
