// tests/browser/public.test.mjs - the public record in a real browser:
// search and open a communication, the search page by keyboard alone, a
// phone's screen, and printing a letter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDb, addUser, startServer, launch, logIn, watchErrors } from './lib.mjs';

let server, browser;

before(async () => {
	const { db } = makeDb('public');
	addUser(db, 'olga', 'officer');
	server = await startServer(db);
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await server?.stop();
});

async function newPage(options = {}) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
	const page = await context.newPage();
	const errors = watchErrors(page);
	return { context, page, errors };
}

test('search from the home page and open AL KAZ 2/2024', async () => {
	const { context, page, errors } = await newPage();
	const home = await page.goto(server.url + '/');
	assert.equal(home.status(), 200);
	const box = page.getByRole('searchbox').first();
	await box.fill('"hot irons"');
	await Promise.all([page.waitForURL(/\/search\?/), box.press('Enter')]);

	// the query stays in the address and in the box
	const url = new URL(page.url());
	assert.equal(url.pathname, '/search');
	assert.equal(url.searchParams.get('q'), '"hot irons"');
	assert.equal(await page.getByRole('searchbox').first().inputValue(), '"hot irons"');

	// a result for the letter, with the words found marked in its snippet
	const link = page.getByRole('link', { name: /AL KAZ 2\/2024/ }).first();
	await link.waitFor();
	const marks = await page.locator('main mark').allTextContents();
	assert.ok(marks.length > 0, 'the snippets mark the words found');
	assert.ok(marks.some((m) => /hot|irons/i.test(m)), `marked: ${marks.join(', ')}`);

	await Promise.all([page.waitForURL(/\/c\/AL-KAZ-2-2024$/), link.click()]);
	assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /AL KAZ 2\/2024/);
	const main = await page.locator('main').innerText();
	// its dates: sent, reply due, published
	assert.match(main, /2024-05-09|9 May 2024/, 'date sent');
	assert.match(main, /2024-07-08|8 July 2024/, 'reply due and publication');
	// the letter itself, rendered
	const letter = page.locator('article').first();
	assert.match(await letter.innerText(), /Excellency/);
	assert.match(await letter.innerText(), /hot irons/);
	// its numbered questions
	const question = page.getByRole('listitem').filter({ hasText: /Istanbul Protocol, rev\. 2002 edition/ });
	assert.ok((await question.count()) >= 1, 'the questions are listed');
	assert.deepEqual(errors, []);
	await context.close();
});

test('an unknown or unpublished reference is a 404 page', async () => {
	const { context, page } = await newPage();
	const r = await page.goto(server.url + '/c/AL-KAZ-99-2024');
	assert.equal(r.status(), 404);
	assert.match(await page.locator('main').innerText(), /no published communication/i);
	await context.close();
});

// Tab until the focused element matches test(el); returns the number of
// presses, or fails after max.
async function tabTo(page, predicate, arg, max = 100) {
	for (let i = 1; i <= max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate(predicate, arg))
			return i;
	}
	assert.fail(`Tab never reached the element after ${max} presses`);
}

// The focused element shows where focus is: an outline (or a ring drawn
// with box-shadow) that differs from the page's background.
async function assertFocusVisible(page, what) {
	const style = await page.evaluate(() => {
		const el = document.activeElement;
		const s = getComputedStyle(el);
		return { tag: el.tagName, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow };
	});
	const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
	const ring = style.boxShadow && style.boxShadow !== 'none';
	assert.ok(outline || ring, `${what}: focus is not visible (${JSON.stringify(style)})`);
}

test('the search page by keyboard alone', async () => {
	const { context, page, errors } = await newPage();
	await page.goto(server.url + '/search');
	// Tab reaches the search box, its focus visible
	await tabTo(page, () => {
		const el = document.activeElement;
		return el && el.matches('input[type=search], input[name=q]');
	});
	await assertFocusVisible(page, 'search box');
	await page.keyboard.type('torture');
	// Enter submits
	await Promise.all([page.waitForURL(/\/search\?.*q=torture/), page.keyboard.press('Enter')]);
	// Tab reaches the first result
	const presses = await tabTo(page, () => {
		const el = document.activeElement;
		return el && el.tagName === 'A' && /^\/c\/[A-Z]/.test(el.getAttribute('href') || '');
	});
	assert.ok(presses > 0);
	await assertFocusVisible(page, 'result link');
	const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
	// Enter opens it
	await Promise.all([page.waitForURL((u) => u.pathname === href), page.keyboard.press('Enter')]);
	assert.equal(new URL(page.url()).pathname, href);
	// the skip link: the first Tab on a page, visible when focused
	await page.keyboard.press('Tab');
	const skip = await page.evaluate(() => {
		const el = document.activeElement;
		const r = el.getBoundingClientRect();
		return { text: el.textContent, href: el.getAttribute('href'), x: r.left, w: r.width };
	});
	assert.match(skip.text, /skip/i);
	assert.ok(skip.x >= 0 && skip.w > 0, 'the skip link shows when focused');
	await assertFocusVisible(page, 'skip link');
	assert.deepEqual(errors, []);
	await context.close();
});

test('a phone (375x667) never scrolls sideways', async () => {
	const { context, page } = await newPage({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const wide = [];
	async function check(paths) {
		for (const path of paths) {
			const r = await page.goto(server.url + path);
			assert.equal(r.status(), 200, `${path}: status`);
			// (a mobile browser widens its layout to fit a page too wide: innerWidth grows too)
			const m = await page.evaluate(() => {
				const over = [...document.querySelectorAll('main *')]
					.filter((el) => el.getBoundingClientRect().right > 376)
					.filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= 376)
					.slice(0, 3)
					.map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + el.className : ''}`);
				return { scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth, over };
			});
			if (m.scroll > 375 || m.inner > 375)
				wide.push(`${path}: ${m.scroll}px wide (${m.over.join(', ')})`);
		}
	}
	await check(['/', '/search?q=torture', '/c/AL-KAZ-2-2024', '/stats', '/login']);
	// the workspace too: an officer on the move
	await logIn(page, server.url, 'olga');
	await check(['/work', '/work/drafts/new', '/work/letters']);
	assert.deepEqual(wide, []);
	await context.close();
});

test('a communication prints as a letter: no navigation, the letter whole, a PDF', async () => {
	const { context, page } = await newPage();
	await page.goto(server.url + '/c/AL-KAZ-2-2024');
	await page.emulateMedia({ media: 'print' });
	for (const sel of ['header', 'nav', 'footer', 'form'])
		for (const el of await page.locator(sel).all())
			assert.equal(await el.isVisible(), false, `${sel} hidden in print`);
	const letter = page.locator('article').first();
	assert.ok(await letter.isVisible(), 'the letter prints');
	assert.match(await letter.innerText(), /Excellency/);
	assert.match(await letter.innerText(), /Please accept, Excellency/);
	const pdf = await page.pdf({ format: 'A4', printBackground: false });
	assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
	const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
	assert.ok(pageCount >= 2, `the letter runs to several A4 pages (${pageCount})`);
	await context.close();
});
