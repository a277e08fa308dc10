// tests/browser/intake.test.mjs - information from the public to a drafted
// communication, in a real browser: a member of the public sends it through
// the intake form (with another person added, no script needed); an officer
// logs in, finds the submission, decides it admissible, opens a case from it,
// adds an event with an act, and drafts a communication from the case, where
// the victim who did not consent is labelled and never named. Then the public
// situation page: its funnel chart on a phone, within the page's width.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDb, addUser, cli, startServer, launch, logIn, logOut, watchErrors } from './lib.mjs';

const SOURCE = 'Saltanat Browsertest-Iskakova';
const CONTACT = 'saltanat.browsertest@example.org';
const UNNAMED = 'Нурлан Браузеров'; // did not consent to be named
const NAMED = 'Aliya Dzhaksybekova'; // consented
const SUBJECT = 'A protester tortured in Shymkent police custody';

let server, browser;
after(async () => {
	await browser?.close();
	await server?.stop();
});

test('intake -> case -> draft', async (t) => {
	const { db } = makeDb('intake');
	addUser(db, 'olga', 'officer');
	// the seed letter's situation, for the public page at the end
	cli(['situation', 'new', 'kaz-2022-01', '--title', 'Kazakhstan, January 2022', '--country', 'KAZ', '--db', db,
		'--as', 'olga']);
	cli(['situation', 'link', 'kaz-2022-01', 'AL KAZ 2/2024', '--db', db, '--as', 'olga']);
	cli(['figures', 'confirm', '--all', '--situation', 'kaz-2022-01', '--db', db, '--as', 'olga']);
	browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	context.setDefaultTimeout(10000);
	const page = await context.newPage();
	const errors = watchErrors(page);
	server = await startServer(db);
	let receipt, casePath;

	await t.test('a member of the public sends information through the form', async () => {
		await page.goto(server.url + '/');
		await Promise.all([page.waitForURL(/\/submit$/), page.getByRole('link', { name: 'Submit information' }).click()]);
		await page.getByLabel('You are', { exact: true }).selectOption('organisation');
		await page.getByLabel("Your name, or your organisation's").fill(SOURCE);
		await page.getByLabel('How to reach you').fill(CONTACT);
		await page.getByLabel('Country', { exact: true }).selectOption('KAZ');
		await page.getByLabel('When it happened').fill('2025-05-20');
		await page.getByLabel('Subject', { exact: true }).fill(SUBJECT);
		await page.getByLabel('What happened, in your words').fill(
			`On 20 May 2025 police officers in Shymkent detained ${UNNAMED} after the protest and beat him with ` +
				`batons and gave him electric shocks at the city police station. ${NAMED}, a journalist who filmed ` +
				'the arrest, was threatened.');
		await page.getByRole('group', { name: 'Is it urgent?' }).getByRole('radio', { name: /^Yes/ }).check();
		const first = page.getByRole('group', { name: 'Person 1' });
		await first.getByLabel('Name', { exact: true }).fill(UNNAMED);
		await first.getByRole('radio', { name: /^No: do not name them/ }).check();
		await first.getByLabel('Sex').selectOption('male');
		await first.getByLabel('Who they are').selectOption('protester');
		// another person: the form comes back with a row more, as typed
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Add another person' }).click()]);
		assert.equal(await page.getByLabel("Your name, or your organisation's").inputValue(), SOURCE);
		const second = page.getByRole('group', { name: 'Person 2' });
		await second.getByLabel('Name', { exact: true }).fill(NAMED);
		await second.getByRole('radio', { name: /^Yes, they may be named/ }).check();
		await second.getByLabel('Who they are').selectOption('journalist');
		await Promise.all([
			page.waitForURL(/\/submit\?receipt=\d+$/),
			page.getByRole('button', { name: 'Send the information' }).click(),
		]);
		receipt = new URL(page.url()).searchParams.get('receipt');
		const main = await page.locator('main').innerText();
		assert.match(main, new RegExp(`Your receipt number is ${receipt}`));
		assert.match(main, /What happens next/);
		const html = await page.content();
		for (const secret of [SOURCE, CONTACT, UNNAMED, NAMED, 'Shymkent'])
			assert.ok(!html.includes(secret), `the receipt repeats ${secret}`);
	});

	await t.test('an officer finds it and decides it admissible', async () => {
		await logIn(page, server.url, 'olga');
		await Promise.all([page.waitForURL(/\/work\/intake$/), page.getByRole('link', { name: 'Intake' }).click()]);
		const row = page.getByRole('row', { name: new RegExp(SUBJECT) });
		assert.match(await row.innerText(), /torture/, 'the mandates suggested');
		assert.ok(!(await page.content()).includes(SOURCE), 'the list shows no source');
		await Promise.all([page.waitForURL(new RegExp(`/work/intake/${receipt}$`)),
			row.getByRole('link', { name: receipt }).click()]);
		const main = await page.locator('main').innerText();
		assert.match(main, new RegExp(SOURCE), "the officer's view opens the source");
		assert.match(main, new RegExp(UNNAMED));
		assert.match(main, /Source \(confidential\)/);
		await page.getByRole('radio', { name: 'Admissible', exact: true }).check();
		await page.getByLabel(/^Reason/).fill('Detailed, first-hand, within the torture mandate');
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Record the decision' }).click()]);
		await page.getByText('The decision is recorded.').waitFor();
		assert.match(await page.locator('dd.status').innerText(), /admissible/);
	});

	await t.test('opens a case from it and adds an event', async () => {
		assert.equal(await page.getByLabel(/^Title/).inputValue(), SUBJECT);
		await Promise.all([page.waitForURL(/\/work\/cases\/\d+\?opened=1$/),
			page.getByRole('button', { name: 'Open a case' }).click()]);
		casePath = new URL(page.url()).pathname;
		const victims = page.locator('table.victims');
		assert.match(await victims.innerText(), /Victim A/);
		assert.match(await victims.innerText(), /did not consent to be named/);
		await page.getByLabel(/^When/).fill('2025-05-20');
		await page.getByLabel('Where', { exact: true }).selectOption('new');
		const place = page.getByRole('group', { name: 'A new place' });
		await place.getByLabel('Name', { exact: true }).fill('the city police station No. 2');
		await place.getByLabel('Kind', { exact: true }).selectOption('police-station');
		await place.getByLabel('Locality').fill('Shymkent');
		await page.getByLabel(/^What happened/).fill('Victim A was questioned about the protest.');
		const victimA = await page.locator('select[name=victim] option', { hasText: /^Victim A: / }).getAttribute('value');
		await page.getByLabel('To whom').selectOption(victimA);
		await page.getByLabel('What was done').selectOption('electric-shocks');
		await page.getByLabel('By whom').selectOption('new');
		await page.getByLabel('A new perpetrator: kind').selectOption('state-agent');
		await page.getByLabel('Unit', { exact: true }).fill('the Shymkent city police');
		await page.getByLabel('Role', { exact: true }).fill('officers');
		await page.getByLabel('Submission', { exact: true }).selectOption(receipt);
		await page.getByLabel('Reliability', { exact: true }).selectOption('probable');
		await Promise.all([page.waitForURL(/\?added=1$/), page.getByRole('button', { name: 'Add the event' }).click()]);
		const events = await page.locator('ol.events').innerText();
		assert.match(events, /on 20 May 2025/);
		assert.match(events, /electric shocks/);
		assert.match(events, /the city police station No\. 2/);
	});

	await t.test('drafts a communication from the case: the victim labelled, not named', async () => {
		await Promise.all([page.waitForURL(/\/work\/c\/\d+\?fromcase=\d+$/),
			page.getByRole('button', { name: 'Draft a communication' }).click()]);
		await page.getByText(/Drafted from the case/).waitFor();
		assert.match(await page.locator('dd.status').innerText(), /draft/);
		const letter = await page.locator('article.letter').innerText();
		assert.match(letter, /Victim A/);
		assert.match(letter, /subjected to electric shocks/);
		assert.match(letter, new RegExp(NAMED), 'the victim who consented is named');
		for (const secret of [UNNAMED, 'Нурлан', 'Nurlan', 'Brauzerov', SOURCE, CONTACT])
			assert.ok(!letter.includes(secret), `the letter holds ${secret}`);
		// the draft is an ordinary draft: it opens in the draft form
		await page.getByRole('link', { name: 'Edit the draft' }).waitFor();
		await logOut(page);
	});

	await t.test('the public situation page draws its funnel within a phone\'s width', async () => {
		await page.setViewportSize({ width: 375, height: 800 });
		const r = await page.goto(server.url + '/situation/kaz-2022-01');
		assert.equal(r.status(), 200);
		const chart = page.getByRole('img', { name: /Accountability funnel: Kazakhstan, January 2022/ });
		await chart.waitFor();
		const box = await chart.boundingBox();
		assert.ok(box.width <= 375 && box.width > 200, `the chart is ${box.width} px wide`);
		assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
			'no sideways scrolling');
		assert.match(await page.locator('main').innerText(), /What does not add up[\s\S]*3 not accounted for/);
		assert.ok(!(await page.content()).includes('olga'), 'never who confirmed');
	});

	assert.deepEqual(errors, []);
	await context.close();
});
