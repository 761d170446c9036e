// Turns the answer of GET .../backport-guard~prerequisites into the page's model: the rows (one per
// prerequisite, in landing order, the deepest first) and the columns (the target branch first, then
// the other branches where copies are known) and the state of every cell, in words and a kind that
// picks its colour. Pure: no DOM, no network.

/** How each state of the plugin reads in a cell of the target branch, and its colour kind. */
const TARGET_STATES = {
  merged_on_branch: ['merged', 'ok'],
  contained_in_branch: ['merged', 'ok'],
  pushed_to_branch: ['merged (pushed)', 'ok'],
  merged_no_such_branch: ['merged (no such branch)', 'ok'],
  lands_as_ancestor: ['lands together', 'ok'],
  lands_with_topic: ['lands together', 'ok'],
  open_on_branch: ['open', 'open'],
  reverted_on_branch: ['reverted', 'bad'],
  abandoned_on_branch: ['abandoned', 'bad'],
  not_backported: ['missing', 'bad'],
  open_elsewhere: ['missing', 'bad'],
  abandoned_elsewhere: ['missing', 'bad'],
  not_found: ['not found or not visible', 'hidden'],
  ambiguous: ['ambiguous', 'bad'],
  self_reference: ['cycle', 'bad'],
  undecided: ['undecided', 'bad'],
};

/** How a change's status reads in a cell of another branch. */
const CHANGE_STATES = {
  merged: ['merged', 'ok'],
  open: ['open', 'open'],
  new: ['open', 'open'],
  abandoned: ['abandoned', 'bad'],
};

/** Columns shown at first besides the target branch; the rest are behind "more". */
export const MAX_OTHER_COLUMNS = 4;

/**
 * How many other columns to show at first: "?columns=<n>" (0 to 20) in the page's address, else
 * {@link MAX_OTHER_COLUMNS}.
 */
export function maxOtherColumns(search) {
  const raw = new URLSearchParams(search || '').get('columns');
  const n = raw === null || raw === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 20 ? n : MAX_OTHER_COLUMNS;
}

export function targetState(state) {
  return TARGET_STATES[state] || [state ? state.replace(/_/g, ' ') : 'unknown', 'hidden'];
}

export function changeState(status) {
  return CHANGE_STATES[(status || '').toLowerCase()] || [status || 'unknown', 'hidden'];
}

function key(project, changeId, fallback) {
  return project && changeId ? project + '\n' + changeId : fallback;
}

/** The project of the change the page is about: its own changes are named without it. */
let home = null;

export function setHomeProject(project) {
  home = project;
}

function inProject(ref) {
  return ref.project && ref.project !== home ? ` in ${ref.project}` : '';
}

/** "change 37", "change 37 in lib" (another project than the change's), or what is known of it. */
export function refName(ref) {
  if (!ref) {
    return 'a change';
  }
  if (ref.self) {
    return `this change (${ref.number})`;
  }
  // The plugin's answers say "number"; Gerrit's own ChangeInfo style (the picks) "_number".
  const number = ref.number || ref._number;
  if (number) {
    return `change ${number}` + inProject(ref);
  }
  if (ref.change_id) {
    return ref.change_id.substring(0, 9) + inProject(ref);
  }
  return 'a change you cannot see';
}

/**
 * The rows: the unmerged prerequisites in landing order (declared ones and those further down the
 * chains), then the declared ones that stand in nobody's way, each once.
 */
export function rows(info) {
  const byKey = new Map();
  const declared = [];
  let i = 0;
  for (const d of info.dependencies || []) {
    for (const p of d.prerequisites || []) {
      const k = key(p.project, p.change_id, 'declared-' + i++);
      if (!byKey.has(k)) {
        byKey.set(k, {
          key: k,
          line: d.line,
          ref: p.change || (p.project ? {project: p.project, change_id: p.change_id} : null),
          state: p.state,
          result: p.result,
          description: p.description,
          action: p.action,
          neededBy: p.needed_by || [],
          chain: p.chain || [],
          cherryPickSource: p.cherry_pick_source,
          revertedBy: p.reverted_by,
          copies: p.copies || [],
        });
        declared.push(k);
      }
    }
  }
  const ordered = [];
  for (const e of info.landing_order || []) {
    const ref = e.change || {};
    const k = key(ref.project, ref.change_id, null);
    let row = k && byKey.get(k);
    if (!row) {
      row = {
        key: k || 'chain-' + ordered.length,
        ref,
        state: e.state,
        result: 'missing',
        description: e.description,
        action: e.action,
        neededBy: e.needed_by || [],
        chain: [],
        cherryPickSource: e.cherry_pick_source,
        copies: e.copies || [],
      };
      byKey.set(row.key, row);
    }
    if (!ordered.includes(row)) {
      ordered.push(row);
    }
  }
  for (const k of declared) {
    const row = byKey.get(k);
    if (!ordered.includes(row)) {
      ordered.push(row);
    }
  }
  return ordered;
}

/**
 * Every change known for a row, on any branch: its deciding change, its source, and its copies (the
 * plugin's answer names them for declared prerequisites and those further down the chains alike).
 */
function known(row) {
  const out = [];
  for (const r of [row.ref, row.cherryPickSource, ...(row.copies || [])]) {
    if (r && r.branch && r.number) {
      out.push(r);
    }
  }
  return out;
}

/**
 * The columns: the target branch, then the other branches where a copy is known, the change's
 * default branch ("master" or "main") first, then by how many prerequisites have a copy there.
 */
export function columns(info, rowList) {
  const target = info.branch;
  const counts = new Map();
  for (const row of rowList) {
    for (const r of known(row)) {
      if (r.branch !== target) {
        counts.set(r.branch, (counts.get(r.branch) || 0) + 1);
      }
    }
  }
  const others = [...counts.keys()].sort((a, b) => {
    const rank = (x) => (x === 'master' || x === 'main' ? 0 : 1);
    return rank(a) - rank(b) || counts.get(b) - counts.get(a) || a.localeCompare(b);
  });
  return [target, ...others];
}

const RANK = {merged: 0, open: 1, new: 1, abandoned: 2};

function rank(ref) {
  const r = RANK[(ref.status || '').toLowerCase()];
  return r === undefined ? 3 : r;
}

/** The cell of a row in a column: {text, kind, ref (a change to link to, if any), detail}. */
export function cell(info, row, branch) {
  if (branch === info.branch) {
    const [text, kind] = targetState(row.state);
    let ref = null;
    if (row.ref && row.ref.branch === branch) {
      ref = row.ref;
    } else if (row.revertedBy) {
      ref = row.revertedBy;
    }
    return {text, kind, ref, detail: row.description || ''};
  }
  // Several copies on one branch (one abandoned, one picked again): the one that got furthest.
  let best = null;
  for (const r of known(row)) {
    if (r.branch === branch && (!best || rank(r) < rank(best))) {
      best = r;
    }
  }
  if (best) {
    const [text, kind] = changeState(best.status);
    return {text, kind, ref: best, detail: `${refName(best)} is ${text} on ${branch}`};
  }
  return {text: 'no copy known', kind: 'none', ref: null, detail: ''};
}
