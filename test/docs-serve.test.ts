/**
 * scripts/serve-docs.mjs serves a built site on 127.0.0.1: it prints its URL,
 * answers with the site's files and their types, serves a folder's index.html,
 * and gives nothing from outside the folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const parent = mkdtempSync(join(tmpdir(), 'retention-metrics-serve-'));
const site = join(parent, 'site');
let server: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  mkdirSync(join(site, 'assets'), { recursive: true });
  mkdirSync(join(site, 'documents'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(site, 'documents', 'index.html'), '<!doctype html><title>guides</title>');
  writeFileSync(join(site, 'assets', 'icons.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  writeFileSync(join(parent, 'secret.txt'), 'outside the site');
  server = spawn(process.execPath, [join(root, 'scripts', 'serve-docs.mjs'), '--port', '0', '--dir', site], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let output = '';
    server?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) resolve(url);
    });
    server?.stderr?.on('data', (chunk: Buffer) => reject(new Error(chunk.toString())));
    server?.on('exit', (code) => reject(new Error(`serve-docs exited with ${code}: ${output}`)));
  });
});

afterAll(() => {
  server?.kill();
  rmSync(parent, { recursive: true, force: true });
});

describe('scripts/serve-docs.mjs', () => {
  it('prints a 127.0.0.1 URL and serves the site with content types', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    const home = await fetch(base);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await home.text()).toContain('<title>home</title>');
    const icons = await fetch(`${base}assets/icons.svg`);
    expect(icons.status).toBe(200);
    expect(icons.headers.get('content-type')).toBe('image/svg+xml');
    const folder = await fetch(`${base}documents/`);
    expect(await folder.text()).toContain('<title>guides</title>');
    expect((await fetch(`${base}missing.html`)).status).toBe(404);
  });

  it('serves nothing from outside the site folder', async () => {
    for (const path of ['..%2fsecret.txt', '%2e%2e/secret.txt', 'assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).not.toBe(200);
      expect(await response.text(), path).not.toContain('outside the site');
    }
  });
});
