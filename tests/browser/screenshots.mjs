// tests/browser/screenshots.mjs - `make screenshots`: the main pages as a
// person sees them, saved as PNG for README.md. The server runs on a fixed
// "today" with the sample letters and one draft, so the pictures change
// only when the pages do.
//
// usage: node tests/browser/screenshots.mjs [OUT_DIR]   (default docs/screenshots)
import { mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeDb, addUser, cli, startServer, launch, logIn, ROOT } from './lib.mjs';

const out = resolve(ROOT, process.argv[2] || 'docs/screenshots');
mkdirSync(out, { recursive: true });

const { db } = makeDb('screenshots');
addUser(db, 'olga', 'officer');
const created = cli(['draft', 'new', '--db', db, '--file', join(ROOT, 'tests/drafts/kaz-2024.json'), '--as', 'olga', '--date', '2025-06-02']);
const draftId = (created.match(/\d+/) || [])[0];
if (!draftId)
	throw new Error(`draft new printed no id: ${created}`);

const server = await startServer(db);
const browser = await launch();
const started = Date.now();
try {
	const desktop = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
	desktop.setDefaultTimeout(10000);
	const page = await desktop.newPage();

	async function shot(name, path, { full = false, before } = {}) {
		const r = await page.goto(server.url + path);
		if (!r.ok())
			throw new Error(`${path}: HTTP ${r.status()}`);
		if (before)
			await before(page);
		const tmp = join(out, `.${name}.png`);
		await page.screenshot({ path: tmp, fullPage: full, animations: 'disabled', caret: 'hide' });
		renameSync(tmp, join(out, `${name}.png`));
		console.log(`screenshots: ${name}.png  ${path}`);
	}

	await shot('home', '/');
	await shot('search', '/search?q=torture');
	await shot('communication', '/c/AL-KAZ-2-2024');
	await shot('statistics', '/stats');
	await shot('login', '/login');
	await logIn(page, server.url, 'olga');
	await shot('workspace', '/work');
	await shot('draft', `/work/c/${draftId}/edit`, {
		before: async (p) => {
			await p.locator('section.preview article').first().waitFor();
		},
	});
	await desktop.close();

	const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
	const p2 = await phone.newPage();
	await p2.goto(server.url + '/c/AL-KAZ-2-2024');
	await p2.screenshot({ path: join(out, 'phone-communication.png') });
	console.log('screenshots: phone-communication.png  /c/AL-KAZ-2-2024 at 375x667');
	await phone.close();
} finally {
	await browser.close();
	await server.stop();
}
console.log(`screenshots: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
