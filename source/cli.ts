#!/usr/bin/env node
import { processIO } from './io.js';
import { run } from './run.js';

// The AWS SDK's notice about future Node.js releases is noise in an operator's terminal.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const code = await run(process.argv.slice(2), processIO());
process.exitCode = code;
