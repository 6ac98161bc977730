// Bundles the dashboard (esbuild) into DASHBOARD_OUT (Maven: target/classes/META-INF/resources).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const out = process.env.DASHBOARD_OUT || 'dist';
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome109', 'firefox115', 'safari16'],
  outfile: `${out}/app.js`,
  legalComments: 'eof',
  logLevel: 'warning',
});
cpSync('static', out, { recursive: true });
