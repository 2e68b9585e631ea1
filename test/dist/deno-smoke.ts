// Run by Deno against the built ES module; decimal.js and zod resolve from node_modules.
import * as lib from '../../dist/index.js';
import { smokeValues } from './values.mjs';

console.log(JSON.stringify({ entry: 'index.js', values: smokeValues(lib) }));
