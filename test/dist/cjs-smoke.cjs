const path = require('node:path');
const lib = require('retention-metrics');

import('./values.mjs').then(({ smokeValues }) => {
  const entry = path.basename(require.resolve('retention-metrics'));
  console.log(JSON.stringify({ entry, values: smokeValues(lib) }));
});
