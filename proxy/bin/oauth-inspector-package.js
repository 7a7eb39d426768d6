#!/usr/bin/env node
// Entry point of the oauth-inspector command in the installed package (bin/oauth-inspector.js there): the bundled CLI.
import { launch } from './launch.js';

await launch(() => import('../dist/main.js'), 'reinstall oauth-inspector, then try again.');
