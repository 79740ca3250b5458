// The studio in a real browser: Debian's chromium, headless, driven through the DevTools
// protocol by puppeteer-core (installed by scripts/setup-browser-test). Opens the page, presses
// Generate, waits for the piano roll, checks that the canvas shows notes and that the audio has
// a duration, asks the genre, and saves a screenshot.
//
// Usage: node browser_test.cjs CADENZA CLI_WORK_DIR NODE_MODULES SCREENSHOT.png
// Exits 77 (skipped) when chromium or puppeteer-core is missing.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const [cadenza, work, modules, screenshot] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function skip(why) { console.log('SKIP: ' + why); process.exit(77); }
function fail(why) { console.error('FAIL: ' + why); process.exitCode = 1; throw new Error(why); }

if (!fs.existsSync(CHROMIUM)) skip(`no ${CHROMIUM} (scripts/setup-browser-test installs it)`);
let puppeteer;
try { puppeteer = require(path.join(modules, 'puppeteer-core')); } catch (e) {
  skip(`no puppeteer-core in ${modules} (scripts/setup-browser-test installs it)`);
}

function startServer() {
  const server = spawn(cadenza, ['serve', '--port', '0', '--threads', '1', '--models', work,
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
    if (problems.length) fail(problems.join('\n'));
    console.log('ok: studio in chromium');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
})().catch((e) => { console.error(e); process.exitCode = process.exitCode || 1; });
