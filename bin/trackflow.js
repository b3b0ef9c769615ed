#!/usr/bin/env node
// Plain JavaScript: it runs before anything is compiled (a fresh clone has no dist/ yet).
'use strict';
require('../scripts/build').buildIfStale();
require('../dist/src/cli/main');
