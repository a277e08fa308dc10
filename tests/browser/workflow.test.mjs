// tests/browser/workflow.test.mjs - a communication's whole life through
// the workspace, in a real browser: an officer logs in and drafts it (with
// the preview), each joining mandate holder logs in and approves, the
// officer sends it and logs the State's reply; the public gets 404 until the
// publication date, then sees the letter and its reply. The server is
// restarted with RAPPORTEUR_TODAY to move the calendar.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDb, addUser, startServer, launch, logIn, logOut, watchErrors } from './lib.mjs';

const SENT = '2025-03-03'; // the reply is due 60 days later: 2025-05-02
const REPLIED = '2025-04-14';
const AFTER = '2025-05-10';
const MARKER = 'CONFIDENTIAL-BROWSER-5521'; // in the internal notes: never public
const SUBJECT = 'Browser test: beatings in the Karaganda pre-trial centre';

let server, browser;
after(async () => {
	await browser?.close();
	await server?.stop();
});

async function restart(db, today) {
	await server?.stop();
	server = await startServer(db, { today });
}

test('draft, approve, send, reply, publish', async (t) => {
	const { db } = makeDb('workflow');
	addUser(db, 'olga', 'officer');
	addUser(db, 'tomas', 'holder', 'torture');
	addUser(db, 'ada', 'holder', 'arbitrary-detention');
	browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	context.setDefaultTimeout(10000);
	const page = await context.newPage();
	const errors = watchErrors(page);
	await restart(db, SENT);
	let draftPath, reference;

	await t.test('the officer drafts, with a live preview', async () => {
		await logIn(page, server.url, 'olga');
		assert.equal(new URL(page.url()).pathname, '/work');
		await page.getByRole('link', { name: 'New draft' }).first().click();
		await page.waitForURL(/\/work\/drafts\/new/);
		await page.getByLabel('Type', { exact: true }).selectOption('AL');
		await page.getByLabel('Addressee', { exact: true }).selectOption('KAZ');
		await page.getByLabel('Language', { exact: true }).selectOption('en');
		await page.getByLabel(/Planned date/).fill(SENT);
		await page.getByLabel('Lead mandate').selectOption('torture');
		await page.getByText('Joining mandates').click();
		await page.locator('input[name=join][value="arbitrary-detention"]').check();
		await page.getByLabel(/^Subject/).fill(SUBJECT);
		await page.getByLabel(/^Facts/).fill(
			'Mr. Ruslan Test was arrested on 2 January 2025 in Karaganda and held for nine days in the pre-trial ' +
				'detention centre, where guards beat him with batons.\n\nHe was not allowed to see a lawyer.');
		await page.getByLabel(/^Concerns/).fill('about the allegations of torture and of detention without access to a lawyer.');
		await page.getByLabel(/^Internal notes/).fill(`Source: ${MARKER}, reached through the family's lawyer.`);
		await page.getByLabel(/would violate/).fill('ICCPR:7,9\nCAT:2,12');
		await page.getByLabel(/^Questions/).fill(
			'@general-additional-information\nPlease indicate whether an investigation into the beating of Mr. Ruslan Test has been opened.');
		// the preview follows the form as the officer types (preview.js), no reload
		const preview = page.locator('#preview');
		assert.equal(await preview.getAttribute('data-live'), 'yes');
		await preview.getByText(/Please indicate whether an investigation/).first().waitFor();
		assert.match(await preview.innerText(), /Excellency/);
		assert.match(await preview.innerText(), /Karaganda/);
		// the Preview button does the same with a reload (for a browser without script)
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Preview' }).click()]);
		await page.locator('#preview').getByText(/Karaganda/).first().waitFor();
		assert.equal(await page.getByLabel(/^Subject/).inputValue(), SUBJECT, 'the form keeps what was typed');
		await Promise.all([
			page.waitForURL(/\/work\/c\/\d+(\?.*)?$/),
			page.getByRole('button', { name: 'Save the draft' }).click(),
		]);
		draftPath = new URL(page.url()).pathname;
		assert.match(await page.locator('dd.status').innerText(), /draft/);
		await logOut(page);
	});

	for (const [holder, mandate] of [['tomas', 'torture'], ['ada', 'arbitrary-detention']]) {
		await t.test(`${holder} (${mandate}) logs in and approves`, async () => {
			await logIn(page, server.url, holder);
			// the draft waits on the holder's overview
			const waiting = page.getByRole('link', { name: /^Draft \d+/ });
			await waiting.first().waitFor();
			await Promise.all([page.waitForURL(server.url + draftPath), waiting.first().click()]);
			const approve = page.getByRole('button', { name: /^Approve for/ });
			assert.equal(await approve.count(), 1, 'one approval button: the holder\'s own mandate');
			await Promise.all([page.waitForLoadState(), approve.click()]);
			await page.waitForURL((u) => u.pathname === draftPath);
			assert.match(await page.locator('main').innerText(), new RegExp(`approved by ${holder}`));
			await logOut(page);
		});
	}

	await t.test('the officer sends it: it gets its reference', async () => {
		await logIn(page, server.url, 'olga');
		await page.goto(server.url + draftPath);
		assert.match(await page.locator('dd.status').innerText(), /approved/);
		assert.equal(await page.getByLabel('Date sent').inputValue(), SENT);
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Send the letter' }).click()]);
		await page.waitForFunction(() => /sent/.test(document.querySelector('dd.status')?.textContent || ''));
		reference = (await page.getByRole('heading', { level: 1 }).innerText()).match(/AL KAZ \d+\/2025/)?.[0];
		assert.ok(reference, 'the heading gives the reference');
		const main = await page.locator('main').innerText();
		assert.match(main, /2025-05-02|2 May 2025/, 'reply due in 60 days');
		await logOut(page);
	});

	const publicPath = () => '/c/' + reference.replace(/[ /]/g, '-');

	await t.test('the public gets 404 before the publication date', async () => {
		const r = await page.goto(server.url + publicPath());
		assert.equal(r.status(), 404);
		const search = await page.goto(server.url + '/search?q=Karaganda');
		assert.equal(search.status(), 200);
		assert.doesNotMatch(await page.locator('main').innerText(), /Ruslan Test|AL KAZ \d+\/2025/);
	});

	await t.test('six weeks later the officer logs the reply and reads it question by question', async () => {
		await restart(db, REPLIED);
		await logIn(page, server.url, 'olga');
		await page.goto(server.url + draftPath);
		await page.getByLabel('Received on').fill(REPLIED);
		await page.getByLabel('or the text of the reply').fill(
			'The Permanent Mission presents its compliments.\n\n1. Regarding question 1: the Government rejects the ' +
				'allegations as unfounded.\n\n2. Regarding question 2: an investigation into the beating of Mr. ' +
				'Ruslan Test was opened on 20 January 2025 by the Karaganda prosecutor and is ongoing; the officers ' +
				'concerned have been suspended from duty while it runs.');
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'File the reply' }).click()]);
		await page.waitForFunction(() => /replied/.test(document.querySelector('dd.status')?.textContent || ''));
		const reply = page.locator('section.reply').first();
		assert.match(await reply.getByRole('heading').innerText(), new RegExp(`Reply received ${REPLIED}`));
		// a suggested reading per question; the officer reads question 1 as not answered
		const q1 = reply.getByLabel('Reading of question 1');
		const q2 = reply.getByLabel('Reading of question 2');
		assert.equal(await q2.inputValue(), 'answered', 'question 2 answered at length: suggested as answered');
		await q1.selectOption({ label: 'not answered' });
		await Promise.all([page.waitForLoadState(), reply.getByRole('button', { name: 'Save the reading' }).click()]);
		await page.locator('section.reply').first().getByText(/not-answered by olga|not answered by olga/).waitFor();
		await logOut(page);
		const r = await page.goto(server.url + publicPath());
		assert.equal(r.status(), 404, 'still embargoed');
	});

	await t.test('after the publication date the public sees the letter and its reply', async () => {
		await restart(db, AFTER);
		const r = await page.goto(server.url + publicPath());
		assert.equal(r.status(), 200);
		assert.match(await page.getByRole('heading', { level: 1 }).innerText(), new RegExp(reference));
		const main = await page.locator('main').innerText();
		assert.match(main, /Ruslan Test/);
		assert.match(main, /Please indicate whether an investigation/);
		// the reply, its date, and what it said of each question (the officer's reading)
		assert.match(main, new RegExp(`${REPLIED}|14 April 2025`), 'the reply and its date');
		assert.match(main, /Karaganda prosecutor and is ongoing/, "the reply's text");
		assert.match(main, /additional information[^\n]*\n[^\n]*not answered/i, 'question 1: not answered');
		assert.match(main, /has been opened\.\s*\n[^\n]*: answered/, 'question 2: answered');
		// confidential fields stay inside
		assert.doesNotMatch(await page.content(), new RegExp(MARKER));
		// found by search and listed on the home page
		await page.goto(server.url + '/search?q=Karaganda');
		await page.getByRole('link', { name: new RegExp(reference) }).first().waitFor();
		await page.goto(server.url + '/');
		await page.getByRole('link', { name: new RegExp(reference) }).first().waitFor();
	});

	assert.deepEqual(errors, []);
	await context.close();
});
