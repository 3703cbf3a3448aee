import * as core from '@actions/core';
import { createGitHubClient } from './github.js';
import { run } from './run.js';

await run({ env: process.env, cwd: process.cwd(), core, createClient: createGitHubClient });
