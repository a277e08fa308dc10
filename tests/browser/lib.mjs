// tests/browser/lib.mjs - what every browser test shares: a temporary
// database with the sample letters, `rapporteur serve` on a free loopback
// port (started and stopped by the test), users for the workspace, and
// headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
// Environment: RAPPORTEUR (the binary, default build/rapporteur), SHARED
// (the shared folder, default ../shared), CHROMIUM (default
// /usr/bin/chromium), BROWSER_KEEP=1 keeps the temporary folders.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(ROOT, process.env.RAPPORTEUR || 'build/rapporteur');
export const SHARED = resolve(ROOT, process.env.SHARED || '../shared');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery staple 7';

// "Today" for the servers, so that pages and screenshots do not change
// with the calendar. KAZ 2/2024 was published on 2024-07-08.
export const TODAY = '2025-06-02';

// Runs the binary; throws with its stderr when it fails.
export function cli(args, { env = {}, input } = {}) {
	try {
		return execFileSync(BIN, args, {
			cwd: ROOT,
			env: { ...process.env, RAPPORTEUR_TODAY: TODAY, ...env },
			input,
			encoding: 'utf8',
			stdio: ['pipe', 'pipe', 'pipe'],
		});
	} catch (e) {
		throw new Error(`rapporteur ${args.join(' ')} failed (${e.status}): ${e.stderr || e.message}`);
	}
}

// A temporary folder removed at exit (unless BROWSER_KEEP=1).
export function tempDir(name) {
	const dir = mkdtempSync(join(tmpdir(), `rapporteur-${name}-`));
	if (!process.env.BROWSER_KEEP)
		process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

// With RAPPORTEUR_TEST_PG (a PostgreSQL server's URL, tests/pg/server.sh)
// each store is a database made on that server and dropped at exit, its
// confidential fields sealed under one key file; else a SQLite file.
const PG = process.env.RAPPORTEUR_TEST_PG;
let pgStores = 0;
function psql(url, sql) {
	const bins = ['/usr/lib/postgresql/16/bin/psql', '/usr/lib/postgresql/15/bin/psql'].filter(existsSync);
	execFileSync(bins[0] || 'psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'pipe' });
}
function newStore(dir, name) {
	if (!PG)
		return join(dir, `${name}.db`);
	if (!process.env.RAPPORTEUR_KEY_FILE)
		process.env.RAPPORTEUR_KEY_FILE = join(tempDir('key'), 'stores.key');
	const db = `rb_${process.pid}_${pgStores++}_${name.replace(/\W/g, '_')}`;
	psql(PG, `CREATE DATABASE "${db}"`);
	process.on('exit', () => {
		try {
			psql(PG, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
		} catch {
			// the server may be gone already
		}
	});
	return `${PG.replace(/\/[^/]*$/, '')}/${db}`;
}

// A fresh database with the project's letters and the shared corpus.
export function makeDb(name = 'browser') {
	if (!existsSync(BIN))
		throw new Error(`${BIN} not found: run make first`);
	const dir = tempDir(name);
	const db = newStore(dir, 'letters');
	cli(['init', '--db', db]);
	const folders = [join(ROOT, 'tests/letters')];
	if (existsSync(join(SHARED, 'corpus')))
		folders.push(join(SHARED, 'corpus'));
	cli(['ingest', '--db', db, ...folders]);
	return { dir, db };
}

// `rapporteur user add NAME --role ROLE [--mandate SLUG]`, the password
// from $RAPPORTEUR_PASSWORD.
export function addUser(db, name, role, mandate) {
	const args = ['user', 'add', name, '--db', db, '--role', role];
	if (mandate)
		args.push('--mandate', mandate);
	cli(args, { env: { RAPPORTEUR_PASSWORD: PASSWORD } });
}

export function freePort() {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.on('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => ok(port));
		});
	});
}

// servers still running when node exits (a test that threw) are ended
const running = new Set();
process.on('exit', () => {
	for (const child of running)
		child.kill('SIGKILL');
});

// Starts `rapporteur serve` on a free loopback port; resolves when it
// answers. stop() ends it (SIGTERM, then SIGKILL after 5 s).
export async function startServer(db, { today = TODAY, env = {} } = {}) {
	for (let attempt = 0; ; attempt++) {
		const port = await freePort();
		const child = spawn(BIN, ['serve', '--db', db, '--address', '127.0.0.1', '--port', String(port)], {
			cwd: ROOT,
			env: { ...process.env, RAPPORTEUR_TODAY: today, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		running.add(child);
		child.on('exit', () => running.delete(child));
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const exited = new Promise((ok) => child.on('exit', (code, sig) => ok({ code, sig })));
		const url = `http://127.0.0.1:${port}`;
		const ready = await waitFor(url, child, Date.now() + 15000);
		if (ready === 'up') {
			return {
				url,
				port,
				output: () => output,
				async stop() {
					if (child.exitCode === null && child.signalCode === null) {
						child.kill('SIGTERM');
						const t = setTimeout(() => child.kill('SIGKILL'), 5000);
						await exited;
						clearTimeout(t);
					}
				},
			};
		}
		child.kill('SIGKILL');
		await exited;
		// another process took the port between freePort() and serve: try again
		if (ready === 'exited' && /in use/.test(output) && attempt < 5)
			continue;
		throw new Error(`rapporteur serve did not start (${ready}):\n${output}`);
	}
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// 'up' when the server answers, 'exited' when it died, 'timeout'.
async function waitFor(url, child, deadline) {
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null)
			return 'exited';
		if (Date.now() > deadline)
			return 'timeout';
		try {
			const r = await fetch(url + '/', { redirect: 'manual' });
			await r.arrayBuffer();
			return 'up';
		} catch {
			await sleep(50);
		}
	}
}

// Headless Chromium; --no-sandbox only as root (Chromium refuses to run
// its sandbox there).
export async function launch() {
	const args = [];
	if (process.getuid && process.getuid() === 0)
		args.push('--no-sandbox');
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

// Logs NAME in through the login form; the page ends in the workspace.
export async function logIn(page, url, name) {
	await page.context().clearCookies();
	await page.goto(url + '/login');
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/login')),
		page.getByRole('button', { name: /log in|sign in/i }).click(),
	]);
}

export async function logOut(page) {
	await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: /log out/i }).click()]);
	await page.context().clearCookies();
}

// Fails the test on any page error or console error (CSP violations show
// up as console errors).
export function watchErrors(page) {
	const errors = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 404/.test(m.text()))
			errors.push(`console: ${m.text()}`);
	});
	return errors;
}
