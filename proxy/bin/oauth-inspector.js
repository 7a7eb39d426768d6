#!/usr/bin/env node
// Entry point of the oauth-inspector command in the repository: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';
import { launch } from './launch.js';

register();
await launch(() => import('../src/cli/main.ts'), 'run npm install in the repository, then try again.');
