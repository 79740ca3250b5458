// The studio in a real browser: Debian's chromium, headless, driven through the DevTools
// protocol by puppeteer-core (installed by scripts/setup-browser-test). Opens the page, presses
// Generate, waits for the piano roll, checks that the canvas shows notes and that the audio has
// a duration, asks the genre, and saves a screenshot; then chooses the genre model
// (models/genres.cdz), checks its genre choice, composes a pop piece with it, continues that piece
// (in pop: the genre choice follows the piece) and saves a second screenshot
// (SCREENSHOT_genre.png).
//
// Usage: node browser_test.cjs CADENZA CLI_WORK_DIR NODE_MODULES SCREENSHOT.png MODELS_DIR
// Exits 77 (skipped) when chromium or puppeteer-core is missing.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [cadenza, work, modules, screenshot, shippedModels] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function skip(why) { console.log('SKIP: ' + why); process.exit(77); }
function fail(why) { console.error('FAIL: ' + why); process.exitCode = 1; throw new Error(why); }

if (!fs.existsSync(CHROMIUM)) skip(`no ${CHROMIUM} (scripts/setup-browser-test installs it)`);
let puppeteer;
try { puppeteer = require(path.join(modules, 'puppeteer-core')); } catch (e) {
  skip(`no puppeteer-core in ${modules} (scripts/setup-browser-test installs it)`);
}

// The studio's models: the cli tests' tiny one and the genre model, linked into one folder.
const models = fs.mkdtempSync(path.join(os.tmpdir(), 'cadenza-browser-models-'));
fs.symlinkSync(path.join(work, 'lstm.cdz'), path.join(models, 'lstm.cdz'));
fs.symlinkSync(path.join(shippedModels, 'genres.cdz'), path.join(models, 'genres.cdz'));

function startServer() {
  const server = spawn(cadenza, ['serve', '--port', '0', '--threads', '1', '--models', models,
                                 '--classifier', path.join(work, 'knn.cdz')],
                       { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve({ server, url: match[1] });
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

(async () => {
  const { server, url } = await startServer();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--mute-audio'],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.setViewport({ width: 1280, height: 820 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });

    await page.select('#model', 'lstm.cdz');
    if (!await page.$eval('#genre-choice', (e) => e.hidden)) fail('a genre choice for lstm.cdz');
    await page.$eval('#length', (e) => { e.value = '120'; });
    await page.$eval('#seed', (e) => { e.value = '7'; });
    await page.click('#generate');
    await page.waitForFunction(() => Number(document.getElementById('roll').dataset.notes) > 0,
                               { timeout: 90000 });
    const roll = await page.evaluate(() => {
      const canvas = document.getElementById('roll');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let lit = 0;  // note colours: every palette colour has a channel above 120, the grid none
      for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) > 120) ++lit;
      return { notes: Number(canvas.dataset.notes), lit, width: canvas.width, height: canvas.height,
               status: document.getElementById('status-text').textContent };
    });
    console.log('piano roll:', JSON.stringify(roll));
    if (roll.lit < roll.notes * 4) fail(`the canvas shows ${roll.lit} note pixels for ${roll.notes} notes`);

    await page.waitForFunction(() => {
      const audio = document.getElementById('audio');
      return audio.readyState >= 1 && isFinite(audio.duration) && audio.duration > 0;
    }, { timeout: 30000 });
    const duration = await page.$eval('#audio', (a) => a.duration);
    console.log('audio duration:', duration.toFixed(2), 's');

    await page.click('#play');
    await new Promise((r) => setTimeout(r, 800));
    const playing = await page.$eval('#audio', (a) => ({ time: a.currentTime, paused: a.paused }));
    console.log('after play:', JSON.stringify(playing));

    await page.click('#genre-check');
    await page.waitForFunction(() => /Listening: (done|failed)/.test(document.getElementById('status-text').textContent),
                               { timeout: 60000 });
    const genreStatus = await page.$eval('#status-text', (e) => e.textContent);
    console.log('genre:', genreStatus);
    if (!/done/.test(genreStatus)) fail('genre check: ' + genreStatus);
    await page.click('#stop');
    await page.evaluate(() => { document.getElementById('roll-scroll').scrollLeft = 0; });
    if (screenshot) {
      await page.screenshot({ path: screenshot });
      console.log('screenshot:', screenshot);
    }

    // The genre model: its genres offered (jazz, its default, chosen) and its temperature;
    // choosing pop and composing 2 bars gives a piece named pop.
    await page.select('#model', 'genres.cdz');
    const choice = await page.evaluate(() => ({
      hidden: document.getElementById('genre-choice').hidden,
      genres: [...document.getElementById('genre').options].map((o) => o.value),
      chosen: document.getElementById('genre').value,
      temperature: document.getElementById('temperature').value,
    }));
    console.log('genre choice:', JSON.stringify(choice));
    if (choice.hidden || choice.genres.join(',') !== 'folk,jazz,pop' || choice.chosen !== 'jazz' ||
        choice.temperature !== '1') fail('genre choice for genres.cdz: ' + JSON.stringify(choice));
    await page.select('#genre', 'pop');
    await page.$eval('#bars', (e) => { e.value = '2'; });
    await page.click('#generate');
    await page.waitForFunction(() => /\(pop\)$/.test(document.getElementById('piece-title').textContent) &&
                                     Number(document.getElementById('roll').dataset.notes) > 0,
                               { timeout: 90000 });
    const piece = await page.evaluate(() => ({
      title: document.getElementById('piece-title').textContent,
      genre: document.getElementById('piece-title').dataset.genre,
      notes: Number(document.getElementById('roll').dataset.notes),
      lines: [...document.querySelectorAll('#piece-notes li')].map((li) => li.textContent),
      status: document.getElementById('status-text').textContent,
    }));
    console.log('genre piece:', JSON.stringify(piece));
    if (piece.genre !== 'pop' || !piece.lines.includes('genre pop') || !/done/.test(piece.status))
      fail('the pop piece: ' + JSON.stringify(piece));
    // Continuing it keeps its genre: the choice follows the piece, and the new piece is pop too.
    await page.select('#genre', 'folk');
    await page.evaluate(() => document.querySelector('#results li:last-child').click());
    await page.waitForFunction(() => document.getElementById('genre').value === 'pop', { timeout: 10000 });
    await page.click('#continue');
    await page.waitForFunction(() => /, continued \(pop\)$/.test(document.getElementById('piece-title').textContent),
                               { timeout: 90000 });
    const continued = await page.evaluate(() => ({
      title: document.getElementById('piece-title').textContent,
      genre: document.getElementById('piece-title').dataset.genre,
    }));
    console.log('continued genre piece:', JSON.stringify(continued));
    if (continued.genre !== 'pop' || /\(pop\).*\(pop\)/.test(continued.title))
      fail('the continued pop piece: ' + JSON.stringify(continued));
    if (screenshot) {
      const genreShot = screenshot.replace(/\.png$/, '_genre.png');
      await page.screenshot({ path: genreShot });
      console.log('screenshot:', genreShot);
    }
    await page.select('#model', 'lstm.cdz');
    if (!await page.$eval('#genre-choice', (e) => e.hidden)) fail('the genre choice stays for lstm.cdz');

    if (problems.length) fail(problems.join('\n'));
    console.log('ok: studio in chromium');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    fs.rmSync(models, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exitCode = process.exitCode || 1; });
