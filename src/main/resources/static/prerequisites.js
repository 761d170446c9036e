// The page of a backport's prerequisites across branches. Reads
//   GET  /changes/{id}/revisions/current/<plugin>~prerequisites
// and, for a signed-in reader, offers
//   POST /changes/{id}/revisions/current/<plugin>~cherry-pick-prerequisites  (dry run, then run)
//   POST /changes/{id}/revisions/current/<plugin>~check
// Everything is built with DOM calls and textContent: nothing the server answers is read as HTML.

import {ApiError, Gerrit, changeId, locate, parseChange} from './gerrit-rest.js';
import {cell, columns, maxOtherColumns, refName, rows, setHomeProject, targetState} from './grid.js';

const OUTCOMES = {
  pass: ['Passes: nothing declared stands in the way', 'ok'],
  blocked: ['Blocked: a prerequisite is not merged on the branch', 'bad'],
  check_failed: ['The check failed: the plugin votes against the change', 'bad'],
  not_backport: ['Not checked: not a backport', 'none'],
  declares_nothing: ['Not checked: declares no dependency', 'none'],
  disabled: ['Not checked: the plugin is off for this project', 'none'],
  misconfigured: ["Not checked: the project's settings are invalid", 'bad'],
  closed: ['Not checked: the change is closed', 'none'],
  private: ['Not checked: the change is private', 'none'],
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'class') {
      e.className = v;
    } else if (k === 'text') {
      e.textContent = v;
    } else if (k.startsWith('on')) {
      e.addEventListener(k.substring(2), v);
    } else {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children) {
    if (c !== null && c !== undefined && c !== false) {
      e.append(c);
    }
  }
  return e;
}

/** A link to a change, only to http(s) or a path on this server. */
function link(ref, text) {
  const label = text || refName(ref);
  if (ref && typeof ref.url === 'string' && /^(https?:\/\/|\/)/i.test(ref.url)) {
    return el('a', {href: ref.url, text: label});
  }
  return document.createTextNode(label);
}

function clear(node) {
  node.replaceChildren();
  return node;
}

function show(node, visible = true) {
  node.hidden = !visible;
  return node;
}

const state = {
  where: locate(window.location),
  change: null,
  signedIn: false,
  info: null,
  busy: false,
  showAllColumns: false,
  /** Other branches shown before "more": "?columns=<n>". */
  maxColumns: maxOtherColumns(window.location.search),
};

const gerrit = new Gerrit(state.where.base, {
  timeoutMs: timeoutFromQuery(20000),
  postTimeoutMs: Math.max(timeoutFromQuery(60000), 5000),
  onSlow: (ms) => status(`The server is slow to answer; waiting up to ${Math.round(ms / 1000)} s…`),
});

/** "?timeout=<seconds>" shortens the wait for a slow server (1 to 120 s). */
function timeoutFromQuery(dflt) {
  const t = Number(new URLSearchParams(window.location.search).get('timeout'));
  return Number.isFinite(t) && t >= 1 && t <= 120 ? t * 1000 : dflt;
}

function view(name) {
  return `/changes/${changeId(state.change)}/revisions/current/${encodeURIComponent(state.where.plugin)}~${name}`;
}

function status(text) {
  $('status').textContent = text;
}

function showError(title, err) {
  const box = clear($('error'));
  box.append(el('p', {class: 'error-title', text: title}));
  if (err instanceof ApiError) {
    box.append(el('p', {text: err.message + '.'}));
    if (err.detail) {
      box.append(el('pre', {class: 'detail', text: err.detail}));
    }
  } else if (err) {
    box.append(el('p', {text: String(err.message || err)}));
  }
  box.append(el('button', {type: 'button', text: 'Try again', onclick: () => load()}));
  show(box);
  box.dataset.status = err instanceof ApiError ? String(err.status) : 'error';
}

function hideError() {
  show(clear($('error')), false);
}

async function main() {
  $('docs').href = `${state.where.base}/plugins/${encodeURIComponent(state.where.plugin)}/Documentation/about.html`;
  window.addEventListener('hashchange', () => route());
  await route();
}

/** Shows the change the address names, or says that it names none. */
async function route() {
  state.change = parseChange(window.location.hash);
  if (!state.change) {
    state.info = null;
    status('');
    for (const id of ['summary', 'actions', 'plan', 'grid-section', 'cycle-section', 'landing-section', 'notes-section']) {
      show($(id), false);
    }
    showError(
      'Which change?',
      new Error('The address must end with #<project>~<number>, e.g. prerequisites.html#demo~42.'));
    $('error').querySelector('button').remove();
    return;
  }
  show($('plan'), false);
  await load();
}

async function signedIn() {
  try {
    await gerrit.get('/accounts/self');
    return true;
  } catch (e) {
    // 401/403: anonymous. Any other failure: read-only too, the safe side.
    return false;
  }
}

async function load() {
  hideError();
  status(`Loading the prerequisites of change ${state.change.number}…`);
  document.title = `Prerequisites of ${state.change.project}~${state.change.number} – backport-guard`;
  const [who, answer] = await Promise.allSettled([signedIn(), gerrit.get(view('prerequisites'))]);
  state.signedIn = who.status === 'fulfilled' && who.value;
  if (answer.status === 'rejected') {
    const e = answer.reason;
    status('');
    for (const id of ['summary', 'actions', 'plan', 'grid-section', 'cycle-section', 'landing-section', 'notes-section']) {
      show($(id), false);
    }
    const what = `change ${state.change.number} in ${state.change.project}`;
    if (e instanceof ApiError && e.status === 404) {
      showError(
        `Cannot show ${what}: it does not exist, or you may not see it` +
          (state.signedIn ? '.' : '. Sign in to Gerrit if it is not public.'),
        e);
    } else if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      showError(`You may not see the prerequisites of ${what}.`, e);
    } else {
      showError(`Cannot show the prerequisites of ${what}.`, e);
    }
    return;
  }
  const info = answer.value;
  state.info = info;
  render(info);
  status(`Shown as of ${new Date().toLocaleTimeString()}` + (state.signedIn ? '.' : ' (read-only: not signed in).'));
}

function render(info) {
  setHomeProject(info.project);
  renderSummary(info);
  renderActions(info);
  const rowList = rows(info);
  renderGrid(info, rowList);
  renderCycle(info);
  renderLanding(info);
  renderNotes(info);
}

function renderSummary(info) {
  $('title').textContent = `Prerequisites of change ${info.change}`;
  const dl = clear($('summary'));
  const self = {url: `${state.where.base}/c/${info.project}/+/${info.change}`};
  const [outcome, kind] = OUTCOMES[info.outcome && info.outcome.status] || [
    (info.outcome && info.outcome.status) || 'unknown',
    'none',
  ];
  const vote = info.outcome && info.outcome.label && info.outcome.vote !== undefined
    ? ` (${info.outcome.label} ${info.outcome.vote > 0 ? '+' : ''}${info.outcome.vote})` : '';
  const counts = info.outcome && info.outcome.checked !== undefined
    ? `${info.outcome.missing || 0} missing of ${info.outcome.checked} checked` : '';
  const rowsOf = [
    ['Change', el('span', {}, link(self, `${info.project} ~ ${info.change}`),
      info.patch_set ? ` (patch set ${info.patch_set})` : '')],
    ['Target branch', el('strong', {id: 'target-branch', text: info.branch || '?'})],
    ['Outcome', el('span', {id: 'outcome', class: `badge ${kind}`, 'data-outcome': info.outcome && info.outcome.status,
      text: outcome + vote})],
  ];
  if (counts) {
    rowsOf.push(['Prerequisites', document.createTextNode(counts)]);
  }
  for (const [dt, dd] of rowsOf) {
    dl.append(el('dt', {text: dt}), el('dd', {}, dd));
  }
  show(dl);
}

function renderActions(info) {
  const box = clear($('actions'));
  const open = info.outcome && info.outcome.status !== 'closed';
  if (!state.signedIn || !open) {
    show(box, false);
    return;
  }
  const plan = info.cherry_pick_plan || [];
  if (plan.length) {
    box.append(el('button', {
      type: 'button', id: 'pick', class: 'primary',
      text: 'Cherry-pick the missing prerequisites',
      'aria-describedby': 'pick-hint',
      onclick: () => planPicks(),
    }));
    box.append(el('span', {id: 'pick-hint', class: 'hint',
      text: `${plan.length} merged elsewhere, missing on ${info.branch}: you see the plan first.`}));
  }
  box.append(el('button', {type: 'button', id: 'recheck', text: 'Check again', onclick: () => recheck()}));
  show(box);
}

function renderGrid(info, rowList) {
  const section = $('grid-section');
  const table = clear($('grid'));
  if (!rowList.length) {
    show(section, false);
    return;
  }
  const cols = columns(info, rowList);
  const visible = state.showAllColumns ? cols : cols.slice(0, 1 + state.maxColumns);
  const head = el('tr', {}, el('th', {scope: 'col', text: 'Prerequisite'}));
  visible.forEach((b, i) => head.append(el('th', {scope: 'col', class: i === 0 ? 'target' : null},
    b, i === 0 ? el('span', {class: 'tag', text: ' (target)'}) : null)));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  rowList.forEach((row, i) => {
    const name = el('th', {scope: 'row'});
    name.append(el('span', {class: 'order', text: `${i + 1}. `}), link(row.ref));
    if (row.line) {
      name.append(el('div', {class: 'line', text: row.line}));
    }
    if (row.action) {
      name.append(el('div', {class: 'action', text: row.action}));
    }
    if (row.chain.length) {
      const chain = el('ol', {class: 'chain', 'aria-label': 'has to land first'});
      for (const e of row.chain) {
        const [text, kind] = targetState(e.state);
        chain.append(el('li', {}, link(e.change), ' ', el('span', {class: `state ${kind}`, text})));
      }
      name.append(el('div', {class: 'chain-title', text: 'Needs first:'}), chain);
    } else if (row.neededBy.length && !row.line) {
      name.append(el('div', {class: 'line', text: 'needed by ' + row.neededBy.map(refName).join(', ')}));
    }
    const tr = el('tr', {
      'data-row': row.ref && row.ref.number ? String(row.ref.number) : '',
      'data-change-id': (row.ref && row.ref.change_id) || '',
    }, name);
    visible.forEach((b, j) => {
      const c = cell(info, row, b);
      const content = c.ref ? link(c.ref, c.text) : document.createTextNode(c.text);
      tr.append(el('td', {class: `state ${c.kind}${j === 0 ? ' target' : ''}`, 'data-branch': b,
        title: c.detail || null}, content));
    });
    body.append(tr);
  });
  table.append(body);
  const more = cols.length - visible.length;
  const old = document.getElementById('more-columns');
  if (old) {
    old.remove();
  }
  if (more > 0 || state.showAllColumns && cols.length > 1 + state.maxColumns) {
    section.append(el('button', {
      type: 'button', id: 'more-columns', 'aria-expanded': String(state.showAllColumns),
      text: state.showAllColumns ? 'Fewer branches' : `${more} more branches`,
      onclick: () => {
        state.showAllColumns = !state.showAllColumns;
        renderGrid(info, rowList);
        document.getElementById('more-columns').focus();
      },
    }));
  }
  show(section);
}

function renderCycle(info) {
  const list = clear($('cycle'));
  const cycle = info.cycle || [];
  cycle.forEach((ref, i) => {
    const last = i === cycle.length - 1;
    list.append(el('li', {class: last ? 'back' : null},
      last ? '↻ back to ' : '', link(ref), i < cycle.length - 1 ? el('span', {class: 'arrow', 'aria-hidden': 'true', text: ' → declares'}) : ''));
  });
  show($('cycle-section'), cycle.length > 0);
}

function renderLanding(info) {
  const list = clear($('landing'));
  const order = info.landing_order || [];
  for (const e of order) {
    const [text, kind] = targetState(e.state);
    list.append(el('li', {}, link(e.change), ' ', el('span', {class: `state ${kind}`, text}),
      e.description ? el('span', {class: 'desc', text: `: ${e.description}`}) : null,
      e.action ? el('div', {class: 'action', text: e.action}) : null));
  }
  if (order.length) {
    list.append(el('li', {class: 'self', text: 'this change'}));
  }
  show($('landing-section'), order.length > 0);
}

function renderNotes(info) {
  const box = clear($('notes'));
  const nu = info.not_understood || [];
  if (nu.length) {
    box.append(el('h3', {text: 'Lines not understood'}));
    const ul = el('ul', {id: 'not-understood'});
    for (const n of nu) {
      ul.append(el('li', {}, el('code', {text: n.line}), el('div', {class: 'reason', text: n.reason})));
    }
    box.append(ul);
  }
  const ext = info.external || [];
  if (ext.length) {
    box.append(el('h3', {text: 'External references (not on this server; check them yourself)'}));
    const ul = el('ul', {id: 'external'});
    for (const x of ext) {
      ul.append(el('li', {}, el('code', {text: x})));
    }
    box.append(ul);
  }
  const over = info.over_limit || [];
  if (over.length) {
    box.append(el('h3', {text: `Past the limit of ${info.max_dependencies} dependencies`}));
    const ul = el('ul');
    for (const x of over) {
      ul.append(el('li', {}, el('code', {text: x})));
    }
    box.append(ul);
  }
  if (info.withheld) {
    box.append(el('p', {id: 'withheld',
      text: `${info.withheld} prerequisite(s) you cannot see are not named here.`}));
  }
  show($('notes-section'), box.childElementCount > 0);
}

function setBusy(busy) {
  state.busy = busy;
  for (const b of document.querySelectorAll('#actions button, #plan button')) {
    b.disabled = busy;
  }
}

async function planPicks() {
  if (state.busy) {
    return;
  }
  setBusy(true);
  hideError();
  status('Asking for the plan (a dry run: nothing is made)…');
  try {
    const {json} = await gerrit.post(view('cherry-pick-prerequisites'), {dry_run: true});
    renderPlan(json);
    status(`The plan: ${(json.picks || []).length} cherry-pick(s) onto ${json.branch}. Confirm to make them.`);
  } catch (e) {
    status('');
    showError('Cannot plan the cherry-picks.', e);
  } finally {
    setBusy(false);
  }
}

function pickItem(p) {
  const li = el('li', {}, 'copy ', link(p.source), ` (${p.source && p.source.branch})`);
  if (p.created) {
    li.append(' → made ', link(p.created), ` on ${p.created.branch}`);
  } else {
    li.append(' onto the branch');
  }
  if (p.stacked_on) {
    li.append(el('span', {class: 'hint', text: ' (stacked on the previous pick)'}));
  }
  return li;
}

function renderPlan(plan) {
  const box = clear($('plan'));
  box.append(el('h2', {id: 'plan-title', tabindex: '-1', text: `Plan: cherry-pick onto ${plan.branch}`}));
  const picks = plan.picks || [];
  if (!picks.length) {
    box.append(el('p', {text: 'Nothing to cherry-pick.'}));
  } else {
    const ol = el('ol', {id: 'plan-picks'});
    picks.forEach((p) => ol.append(pickItem(p)));
    box.append(ol);
    if (plan.topic) {
      box.append(el('p', {text: `In topic ${plan.topic}, with the backport` +
        (plan.topic_on_backport === 'NOT_ALLOWED' ? ' (you may not set the backport\'s topic: its owner can).' : '.')}));
    }
  }
  const skipped = plan.skipped || [];
  if (skipped.length) {
    box.append(el('h3', {text: 'Left alone'}));
    const ul = el('ul');
    for (const s of skipped) {
      ul.append(el('li', {}, s.change ? link(s.change) : (s.prerequisite && s.prerequisite.change_id) || '?', `: ${s.message}`));
    }
    box.append(ul);
  }
  if (plan.withheld) {
    box.append(el('p', {text: `${plan.withheld} prerequisite(s) you cannot see are neither picked nor named.`}));
  }
  if (picks.length) {
    box.append(el('div', {class: 'buttons'},
      el('button', {type: 'button', id: 'confirm-pick', class: 'primary',
        text: `Cherry-pick ${picks.length} change${picks.length === 1 ? '' : 's'}`, onclick: () => runPicks()}),
      el('button', {type: 'button', id: 'cancel-pick', text: 'Cancel', onclick: () => {
        show(clear($('plan')), false);
        status('Cancelled: nothing was made.');
        const pick = document.getElementById('pick');
        if (pick) {
          pick.focus();
        }
      }})));
  }
  show(box);
  $('plan-title').focus();
}

async function runPicks() {
  if (state.busy) {
    return;
  }
  setBusy(true);
  hideError();
  status('Cherry-picking…');
  try {
    const {json} = await gerrit.post(view('cherry-pick-prerequisites'), {dry_run: false});
    const box = clear($('plan'));
    const picks = json.picks || [];
    box.append(el('h2', {id: 'plan-title', tabindex: '-1', text: `Made ${picks.length} change${picks.length === 1 ? '' : 's'} on ${json.branch}`}));
    const ol = el('ol', {id: 'made'});
    picks.forEach((p) => ol.append(pickItem(p)));
    box.append(ol);
    if (json.topic) {
      box.append(el('p', {text: `Topic: ${json.topic}. Review and submit them in this order.`}));
    }
    show(box);
    $('plan-title').focus();
    setBusy(false);
    await load();
    status(`Made ${picks.length} change(s); the grid shows the new state.`);
  } catch (e) {
    status('');
    show(clear($('plan')), false);
    showError('The cherry-picks stopped.', e);
    setBusy(false);
    await reloadQuietly();
  }
}

/** After a failure, the grid still shows what is there now (some picks may have been made). */
async function reloadQuietly() {
  try {
    state.info = await gerrit.get(view('prerequisites'));
    render(state.info);
  } catch (e) {
    // The error shown already says what failed.
  }
}

async function recheck() {
  if (state.busy) {
    return;
  }
  setBusy(true);
  hideError();
  status('Checking again…');
  try {
    const {status: code, json} = await gerrit.post(view('check'), {});
    if (code === 202) {
      status(typeof json === 'string' ? json : 'The check is queued; reload the page later.');
    } else {
      state.info = json;
      render(json);
      status(`Checked again at ${new Date().toLocaleTimeString()}.`);
    }
  } catch (e) {
    status('');
    showError('Cannot check again now.', e);
  } finally {
    setBusy(false);
  }
}

main().catch((e) => {
  status('');
  showError('The page failed.', e);
});
