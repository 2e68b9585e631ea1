import * as lib from 'retention-metrics';
import { smokeValues } from './values.mjs';

const entry = import.meta.resolve('retention-metrics');
console.log(JSON.stringify({ entry: entry.slice(entry.lastIndexOf('/') + 1), values: smokeValues(lib) }));
