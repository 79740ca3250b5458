// cadenza studio: the page. Plain JavaScript, no libraries; everything comes from this server.
'use strict';

const $ = (id) => document.getElementById(id);
const PALETTE = ['#f2b134', '#4fb0c6', '#ef6f6c', '#7bc86c', '#b38bd9', '#f78fb3', '#9fd8cb',
                 '#e4e36a', '#5d8ee8', '#ff9f59', '#c0c0c0', '#61c299'];
const GM_COMMON = ['Acoustic Grand Piano', 'Electric Piano 1', 'Vibraphone', 'Drawbar Organ',
  'Acoustic Guitar (nylon)', 'Electric Guitar (jazz)', 'Acoustic Bass', 'Electric Bass (finger)',
  'Violin', 'Cello', 'String Ensemble 1', 'Trumpet', 'Trombone', 'Alto Sax', 'Tenor Sax',
  'Clarinet', 'Flute', 'Drums'];

const state = {
  info: null,         // GET /api/models
  results: [],        // [{job, file, title, files}] of this browser session
  current: null,      // the piece shown
  notes: null,        // its notes JSON
  pixelsPerSecond: 60,
  polling: null,      // the job being waited for
};

// ---------- server calls ----------

async function api(method, path, body, type) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.body = type ? body : JSON.stringify(body);
    options.headers['Content-Type'] = type || 'application/json';
  }
  const response = await fetch(path, options);
  let data = null;
  try { data = await response.json(); } catch (e) { data = { error: 'the server answered ' + response.status }; }
  if (!response.ok) throw new Error(data && data.error ? data.error : 'error ' + response.status);
  return data;
}

const fileUrl = (job, name) => `/api/jobs/${job}/files/${encodeURIComponent(name)}`;

function setStatus(text, kind) {
  $('status-text').textContent = text;
  $('status').className = kind === 'error' ? 'error' : '';
  $('progress').className = kind === 'busy' ? 'busy' : '';
}

// Waits for a job, showing where it is; resolves with its final status.
async function waitForJob(job, label) {
  state.polling = job.id;
  setBusy(true);
  try {
    for (;;) {
      if (job.state === 'queued') {
        setStatus(`${label}: waiting (${job.queue_position} ahead)…`, 'busy');
      } else if (job.state === 'running') {
        setStatus(`${label}: ${job.stage}… ${Math.round(job.seconds)} s`, 'busy');
      } else {
        return job;
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
      job = await api('GET', `/api/jobs/${job.id}`);
    }
  } finally {
    state.polling = null;
    setBusy(false);
  }
}

// One job at a time from this page: the actions wait while one runs; Cancel is for it.
function setBusy(busy) {
  $('cancel').disabled = !busy;
  $('generate').disabled = busy || !(state.info && state.info.default);
  for (const id of ['continue', 'add-part', 'genre-check']) $(id).disabled = busy || !state.current;
  $('interpolate').disabled = busy || state.results.length < 2;
}

async function runJob(path, body, label, title) {
  try {
    setStatus(`${label}: sending…`, 'busy');
    const job = await waitForJob(await api('POST', path, body), label);
    if (job.state === 'failed') throw new Error(job.error);
    if (job.state === 'cancelled') { setStatus(`${label}: cancelled.`); return null; }
    setStatus(`${label}: done in ${job.seconds.toFixed(1)} s.`);
    return job;
  } catch (e) {
    setStatus(`${label} failed: ${e.message}`, 'error');
    return null;
  }
}

// ---------- composing ----------

function generationFields() {
  const body = {
    temperature: parseFloat($('temperature').value),
    length: parseInt($('length').value || '100', 10),
    top_k: parseInt($('top-k').value || '0', 10),
    top_p: parseFloat($('top-p').value || '1'),
  };
  const model = $('model').value;
  if (model) body.model = model;
  const seed = $('seed').value;
  if (seed) body.seed = parseInt(seed, 10);
  return body;
}

// Arrangement fields go only when the user set them: a paper-token model refuses them.
function arrangementFields(body) {
  const instruments = $('instruments').value.split(',').map((s) => s.trim()).filter(Boolean);
  if (instruments.length) body.instruments = instruments;
  if ($('bars').value) body.bars = parseInt($('bars').value, 10);
  if ($('tempo').value) body.tempo = parseFloat($('tempo').value);
  return genreField(body);
}

// A genre model's genre, for composing, continuing and adding a part alike.
function genreField(body) {
  if (!$('genre-choice').hidden && $('genre').value) body.genre = $('genre').value;
  return body;
}

// A piece's title without the genre its name ends with, to name what is made from it.
function baseTitle(piece) {
  return piece.genre ? piece.title.replace(/ \([^)]*\)$/, '') : piece.title;
}

function addResults(job, title) {
  const mids = job.files.filter((f) => f.endsWith('.mid'));
  const genre = (job.result && job.result.genre) || '';
  let last = null;
  mids.forEach((file, i) => {
    const piece = { job: job.id, file, files: job.files, title: mids.length > 1 ? `${title} ${i + 1}` : title,
                    genre, notes: (job.result && job.result.notes) || [] };
    if (genre) piece.title += ` (${genre})`;
    state.results.push(piece);
    last = piece;
  });
  saveResults();
  renderResults();
  return last;
}

async function generate() {
  const body = arrangementFields(generationFields());
  const job = await runJob('/api/generate', body, 'Composing');
  if (job) await showPiece(addResults(job, `Piece ${state.results.length + 1}`));
}

async function continuePiece() {
  if (!state.current) return;
  const body = genreField(generationFields());
  body.source = { job: state.current.job, file: state.current.file };
  if ($('bars').value) body.bars = parseInt($('bars').value, 10);
  const job = await runJob('/api/continue', body, 'Continuing');
  if (job) await showPiece(addResults(job, `${baseTitle(state.current)}, continued`));
}

async function addPart() {
  if (!state.current) return;
  const instrument = $('part').value.trim();
  if (!instrument) { setStatus('Name the instrument to add first.', 'error'); return; }
  const body = genreField(generationFields());
  body.source = { job: state.current.job, file: state.current.file };
  body.instrument = instrument;
  const job = await runJob('/api/add-part', body, 'Adding ' + instrument);
  if (job) await showPiece(addResults(job, `${baseTitle(state.current)} + ${instrument}`));
}

async function interpolate() {
  const a = state.results[$('interp-a').value], b = state.results[$('interp-b').value];
  if (!a || !b) { setStatus('Choose two pieces to interpolate between.', 'error'); return; }
  const body = generationFields();
  body.a = { job: a.job, file: a.file };
  body.b = { job: b.job, file: b.file };
  body.steps = parseInt($('interp-steps').value || '4', 10);
  const job = await runJob('/api/interpolate', body, 'Interpolating');
  if (job) await showPiece(addResults(job, `${a.title} → ${b.title}, step`));
}

async function upload(event) {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  const limit = state.info ? state.info.limits.upload_bytes : Infinity;
  if (file.size > limit) {
    setStatus(`${file.name} is larger than the ${Math.round(limit / 1024)} KiB the studio accepts.`, 'error');
    return;
  }
  try {
    setStatus('Opening ' + file.name + '…', 'busy');
    const job = await api('POST', '/api/upload', file, 'audio/midi');
    setStatus('Opened ' + file.name + '.');
    await showPiece(addResults(job, file.name));
  } catch (e) {
    setStatus(`Could not open ${file.name}: ${e.message}`, 'error');
  }
}

async function cancel() {
  if (state.polling) {
    try { await api('DELETE', `/api/jobs/${state.polling}`); } catch (e) { /* finished already */ }
  }
}

async function checkGenre() {
  if (!state.current) return;
  const piece = state.current;
  const job = await runJob('/api/genre', { source: { job: piece.job, file: piece.file } }, 'Listening');
  if (job && state.current === piece) drawGenre(job.result.labels, job.result.probabilities);
}

// ---------- results ----------

function saveResults() {
  try { sessionStorage.setItem('cadenza-results', JSON.stringify(state.results)); } catch (e) { /* private mode */ }
}

async function restoreResults() {
  let saved = [];
  try { saved = JSON.parse(sessionStorage.getItem('cadenza-results') || '[]'); } catch (e) { saved = []; }
  // Keep the ones the server still has (it forgets old jobs, and restarts forget all).
  for (const piece of saved) {
    try { await api('GET', `/api/jobs/${piece.job}`); state.results.push(piece); } catch (e) { /* gone */ }
  }
  renderResults();
}

function renderResults() {
  const list = $('results');
  list.textContent = '';
  for (const select of [$('interp-a'), $('interp-b')]) select.textContent = '';
  state.results.forEach((piece, i) => {
    const item = document.createElement('li');
    item.textContent = piece.title;
    if (piece === state.current) item.className = 'current';
    item.addEventListener('click', () => showPiece(piece));
    list.appendChild(item);
    for (const select of [$('interp-a'), $('interp-b')]) select.add(new Option(piece.title, i));
  });
  if (state.results.length > 1) $('interp-b').value = state.results.length - 1;
  $('interpolate').disabled = state.results.length < 2;
}

// ---------- the piece: piano roll, audio, downloads ----------

async function showPiece(piece) {
  if (!piece) return;
  stop();
  state.current = piece;
  renderResults();
  $('piece-title').textContent = piece.title;
  $('piece-title').dataset.genre = piece.genre || '';
  // Continuing a piece or adding a part keeps its genre unless another is chosen.
  if (piece.genre && [...$('genre').options].some((o) => o.value === piece.genre))
    $('genre').value = piece.genre;
  const wav = piece.file.replace(/\.mid$/, '.wav');
  const hasWav = piece.files.includes(wav);
  $('download-midi').hidden = false;
  $('download-midi').href = fileUrl(piece.job, piece.file) + '?download=1';
  $('download-wav').hidden = !hasWav;
  if (hasWav) $('download-wav').href = fileUrl(piece.job, wav) + '?download=1';
  $('audio').src = hasWav ? fileUrl(piece.job, wav) : '';
  $('play').disabled = !hasWav;
  $('play').title = hasWav ? '' : 'no audio: the server has no FluidSynth soundfont';
  for (const id of ['continue', 'add-part', 'genre-check']) $(id).disabled = false;
  clearGenre();
  const lines = $('piece-notes');
  lines.textContent = '';
  for (const line of piece.notes || []) lines.appendChild(document.createElement('li')).textContent = line;
  try {
    state.notes = await api('GET', `/api/jobs/${piece.job}/notes/${encodeURIComponent(piece.file)}`);
  } catch (e) {
    state.notes = null;
    setStatus('Could not read the notes: ' + e.message, 'error');
  }
  drawRoll();
}

function rollGeometry() {
  const notes = state.notes;
  const low = Math.max(0, notes.lowest - 2), high = Math.min(127, notes.highest + 2);
  const rows = high - low + 1;
  const rowHeight = Math.max(3, Math.min(10, Math.floor(360 / rows)));
  const seconds = Math.max(notes.seconds, 1);
  const width = Math.min(32000, Math.max($('roll-scroll').clientWidth, Math.ceil(seconds * state.pixelsPerSecond) + 20));
  return { low, high, rows, rowHeight, width, height: rows * rowHeight };
}

function drawRoll() {
  const canvas = $('roll');
  const legend = $('legend');
  legend.textContent = '';
  const context = canvas.getContext('2d');
  if (!state.notes) {
    context.clearRect(0, 0, canvas.width, canvas.height);
    canvas.dataset.notes = '0';
    return;
  }
  const g = rollGeometry();
  canvas.width = g.width;
  canvas.height = g.height;
  context.fillStyle = '#1d232b';
  context.fillRect(0, 0, g.width, g.height);
  for (let pitch = g.low; pitch <= g.high; ++pitch) {  // black-key rows darker, Cs marked
    const y = (g.high - pitch) * g.rowHeight;
    if ([1, 3, 6, 8, 10].includes(pitch % 12)) { context.fillStyle = '#171c22'; context.fillRect(0, y, g.width, g.rowHeight); }
    if (pitch % 12 === 0) { context.fillStyle = '#2c3641'; context.fillRect(0, y + g.rowHeight - 1, g.width, 1); }
  }
  const beat = 60 / (state.notes.bpm || 120);
  for (let t = 0, i = 0; t * state.pixelsPerSecond < g.width; t += beat, ++i) {
    context.fillStyle = i % 4 === 0 ? '#3a4652' : '#262e37';
    context.fillRect(Math.round(t * state.pixelsPerSecond), 0, 1, g.height);
  }
  for (const [start, duration, pitch, velocity, part] of state.notes.notes) {
    context.globalAlpha = 0.55 + 0.45 * velocity / 127;
    context.fillStyle = PALETTE[part % PALETTE.length];
    const x = start * state.pixelsPerSecond;
    const w = Math.max(2, duration * state.pixelsPerSecond - 1);
    context.fillRect(x, (g.high - pitch) * g.rowHeight, w, g.rowHeight - 1);
  }
  context.globalAlpha = 1;
  canvas.dataset.notes = String(state.notes.notes.length);
  state.notes.parts.forEach((part, i) => {
    const swatch = document.createElement('span');
    swatch.textContent = part.name;
    swatch.style.setProperty('--swatch', PALETTE[i % PALETTE.length]);
    legend.appendChild(swatch);
  });
  $('time').textContent = `${state.notes.notes.length} notes, ${state.notes.seconds.toFixed(1)} s`;
  state.rollImage = context.getImageData(0, 0, g.width, g.height);
}

function drawPlayhead() {
  const canvas = $('roll');
  const context = canvas.getContext('2d');
  if (state.rollImage) context.putImageData(state.rollImage, 0, 0);
  const audio = $('audio');
  const x = audio.currentTime * state.pixelsPerSecond;
  context.fillStyle = '#ffffff';
  context.fillRect(Math.round(x), 0, 2, canvas.height);
  const scroll = $('roll-scroll');
  if (x < scroll.scrollLeft || x > scroll.scrollLeft + scroll.clientWidth - 40) scroll.scrollLeft = Math.max(0, x - 40);
  $('time').textContent = `${audio.currentTime.toFixed(1)} / ${(audio.duration || 0).toFixed(1)} s`;
  if (!audio.paused) state.frame = requestAnimationFrame(drawPlayhead);
}

function play() {
  const audio = $('audio');
  if (!audio.src) return;
  audio.play().then(() => {
    $('stop').disabled = false;
    state.frame = requestAnimationFrame(drawPlayhead);
  }).catch((e) => setStatus('Cannot play: ' + e.message, 'error'));
}

function stop() {
  const audio = $('audio');
  audio.pause();
  if (audio.src) audio.currentTime = 0;
  cancelAnimationFrame(state.frame);
  $('stop').disabled = true;
  if (state.rollImage) $('roll').getContext('2d').putImageData(state.rollImage, 0, 0);
  if (state.notes) $('time').textContent = `${state.notes.notes.length} notes, ${state.notes.seconds.toFixed(1)} s`;
}

function zoom(factor) {
  state.pixelsPerSecond = Math.max(5, Math.min(400, state.pixelsPerSecond * factor));
  drawRoll();
}

// ---------- genre ----------

function clearGenre() {
  const canvas = $('genre-chart');
  canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
}

function drawGenre(labels, probabilities) {
  const canvas = $('genre-chart');
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  const order = labels.map((label, i) => i).sort((a, b) => probabilities[b] - probabilities[a]);
  const barHeight = Math.min(24, Math.floor((canvas.height - 10) / Math.max(1, labels.length)));
  context.font = '13px system-ui, sans-serif';
  context.textBaseline = 'middle';
  order.forEach((index, row) => {
    const y = 5 + row * barHeight;
    const width = (canvas.width - 200) * probabilities[index];
    context.fillStyle = '#333';
    context.fillText(labels[index], 4, y + barHeight / 2);
    context.fillStyle = row === 0 ? '#3b6ea5' : '#9db7d5';
    context.fillRect(110, y + 2, Math.max(1, width), barHeight - 4);
    context.fillStyle = '#333';
    context.fillText((100 * probabilities[index]).toFixed(1) + ' %', 116 + width, y + barHeight / 2);
  });
}

// ---------- models ----------

// A genre model offers its genres (its default one chosen); other models hide the choice. The
// temperature slider moves to the chosen model's own (a genre model's is higher).
function modelChosen() {
  const model = state.info.models.find((m) => m.id === $('model').value);
  const genres = (model && model.genres) || [];
  const select = $('genre');
  select.textContent = '';
  for (const genre of genres) select.add(new Option(genre, genre));
  if (model && model.default_genre) select.value = model.default_genre;
  $('genre-choice').hidden = genres.length === 0;
  if (model && model.temperature !== undefined) {
    $('temperature').value = String(model.temperature);
    $('temperature-value').textContent = $('temperature').value;
  }
}

// ---------- start ----------

async function start() {
  for (const name of GM_COMMON) $('gm-names').appendChild(new Option(name));
  $('temperature').addEventListener('input', () => { $('temperature-value').textContent = $('temperature').value; });
  $('generate').addEventListener('click', generate);
  $('cancel').addEventListener('click', cancel);
  $('continue').addEventListener('click', continuePiece);
  $('add-part').addEventListener('click', addPart);
  $('interpolate').addEventListener('click', interpolate);
  $('upload').addEventListener('change', upload);
  $('play').addEventListener('click', play);
  $('stop').addEventListener('click', stop);
  $('zoom-in').addEventListener('click', () => zoom(1.5));
  $('zoom-out').addEventListener('click', () => zoom(1 / 1.5));
  $('genre-check').addEventListener('click', checkGenre);
  $('audio').addEventListener('ended', stop);
  window.addEventListener('resize', () => { if (state.notes) drawRoll(); });
  try {
    state.info = await api('GET', '/api/models');
  } catch (e) {
    setStatus('The studio server does not answer: ' + e.message, 'error');
    return;
  }
  const select = $('model');
  for (const model of state.info.models) {
    const option = new Option(model.name + (model.available ? '' : ' (missing)'), model.id);
    option.disabled = !model.available;
    option.title = model.error || '';
    select.add(option);
  }
  if (state.info.default) select.value = state.info.default;
  const shipped = state.info.models.find((m) => m.id === 'shipped');
  $('model-note').textContent = shipped && !shipped.available ? 'The shipped model is not installed: ' + shipped.error : '';
  if (!state.info.default) {
    $('generate').disabled = true;
    setStatus('No model to compose with: start the studio with --models DIR (or install the shipped model). You can still open MIDI files.', 'error');
  }
  select.addEventListener('change', modelChosen);
  modelChosen();
  if (state.info.genre_classifier) {
    $('genre-panel').hidden = false;
    $('genre-classifier').textContent = '(' + state.info.genre_classifier.classifier + ')';
  }
  $('server-note').textContent = state.info.audio ? '' : 'no soundfont on the server: pieces have no audio';
  await restoreResults();
  document.body.dataset.ready = '1';
}

start();
