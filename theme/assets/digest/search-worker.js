/* The digest's search worker, over the chunked index that builder/search.py writes to search/digest/:
 * a manifest, term shards keyed by a term's first character, one fragment per page. A query loads the
 * manifest once, one shard per character position it looks up, and the fragments of the results it
 * shows: never the whole corpus.
 *
 * Material for MkDocs starts it in place of its own worker (theme/main.html's config block) and talks
 * to it with the messages of its own search worker: SETUP, READY, QUERY and RESULT, numbered as below,
 * with Material's result shape. That protocol is internal to Material (9.0 dropped support for custom
 * workers), so this file speaks it as Material ships it in the release named here:
 *
 *   material-version: 9.8.1
 *
 * The lock pins that version, tests/test_search_worker.py checks the two agree, and the browser search
 * tests fail if the messages change under an upgrade.
 *
 * Everything from the index is data: it is escaped here before Material puts it into the page. */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const SHOWN = 20; // results returned, each with its fragment fetched for an excerpt
const PREFIXES = 40; // words a partly typed last word may stand for
const LONGEST = 12; // longest word looked up, in characters
const EXCERPT = 120; // characters of text shown around the first match

const base = new URL("../../search/digest/", self.location.href);
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[0-9a-z]/;
const WORD = /[0-9a-z]+(?:[.+][0-9a-z]+)*/y;

let manifest = null;
const shards = new Map();
const fragments = new Map();
let latest = 0;

function fetchJSON(path) {
  return fetch(new URL(path, base)).then((response) => {
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  });
}

function shard(character) {
  const number = character.codePointAt(0) % manifest.shards;
  if (!shards.has(number)) shards.set(number, fetchJSON(`s/${number}.json`));
  return shards.get(number);
}

function fragment(number) {
  if (!fragments.has(number)) fragments.set(number, fetchJSON(`d/${number}.json`));
  return fragments.get(number);
}

/* Lower-case Latin, Traditional characters to Simplified, one character for one: offsets in the
 * normalised text are offsets in the original. */
function normalise(text) {
  let out = "";
  for (const ch of text) {
    const lower = ch.length === 1 && ch < "\u0080" ? ch.toLowerCase() : ch;
    out += manifest.characters[lower] || lower;
  }
  return out;
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/* Cut the query into pieces by longest match against the index's own words; a piece stands for one
 * word, or for every word a partly typed last word begins. */
async function piecesOf(typed) {
  const query = normalise(typed);
  const pieces = [];
  let at = 0;
  while (at < query.length) {
    const ch = query[at];
    if (HAN.test(ch)) {
      const table = await shard(ch);
      let best = "";
      for (let end = Math.min(query.length, at + LONGEST); end > at; end--) {
        if (Object.hasOwn(table, query.slice(at, end))) {
          best = query.slice(at, end);
          break;
        }
      }
      const rest = query.slice(at);
      if (best.length < rest.length && [...rest].every((c) => HAN.test(c))) {
        const longer = Object.keys(table).filter((t) => t.startsWith(rest)).slice(0, PREFIXES);
        if (longer.length) {
          pieces.push({ label: typed.slice(at), terms: longer });
          break;
        }
      }
      const length = best.length || 1;
      pieces.push({ label: typed.slice(at, at + length), terms: best ? [best] : [] });
      at += length;
    } else if (LATIN.test(ch)) {
      WORD.lastIndex = at;
      const word = WORD.exec(query)[0];
      const table = await shard(word[0]);
      const terms = Object.hasOwn(table, word) ? [word] : [];
      if (at + word.length >= query.length) {
        for (const t of Object.keys(table)) {
          if (terms.length >= PREFIXES) break;
          if (t !== word && t.startsWith(word)) terms.push(t);
        }
      }
      pieces.push({ label: typed.slice(at, at + word.length), terms });
      at += word.length;
    } else {
      at += 1;
    }
  }
  return pieces;
}

/* BM25 weights are precomputed per posting; a piece scores a page by its best word. */
async function rank(pieces) {
  const total = new Map();
  const matched = new Map();
  for (const [number, piece] of pieces.entries()) {
    const scores = new Map();
    for (const term of piece.terms) {
      const flat = (await shard(term[0]))[term];
      if (!flat) continue;
      const df = flat.length / 2;
      const idf = Math.log(1 + (manifest.docs - df + 0.5) / (df + 0.5));
      let doc = 0;
      for (let k = 0; k < flat.length; k += 2) {
        doc += flat[k];
        const score = (idf * flat[k + 1]) / 100;
        if (score > (scores.get(doc) || 0)) scores.set(doc, score);
      }
    }
    for (const [doc, score] of scores) {
      total.set(doc, (total.get(doc) || 0) + score);
      if (!matched.has(doc)) matched.set(doc, new Set());
      matched.get(doc).add(number);
    }
  }
  // Pages with every piece first; when none has them all, those with the most.
  const best = Math.max(0, ...[...matched.values()].map((s) => s.size));
  return [...total]
    .filter(([doc]) => matched.get(doc).size === best)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([doc, score]) => ({ doc, score, matched: matched.get(doc) }));
}

/* Where each of the words occurs in a text (judged on its normalised form). */
function occurrences(text, words) {
  const normal = normalise(text);
  const found = [];
  for (const word of words) {
    let at = normal.indexOf(word);
    while (at !== -1 && word) {
      found.push([at, at + word.length, word]);
      at = normal.indexOf(word, at + word.length);
    }
  }
  return found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

function highlight(text, spans, from = 0, to = text.length) {
  let out = from > 0 ? "…" : "";
  let at = from;
  for (const [start, end] of spans) {
    if (start < at || end > to) continue;
    out += escapeHTML(text.slice(at, start)) + "<mark>" + escapeHTML(text.slice(start, end)) + "</mark>";
    at = end;
  }
  return out + escapeHTML(text.slice(at, to)) + (to < text.length ? "…" : "");
}

async function resultItem(hit, pieces) {
  const page = await fragment(hit.doc);
  const words = pieces.flatMap((p) => p.terms);
  let section = page.sections[0] || ["", "", ""];
  let spans = [];
  let count = -1;
  for (const candidate of page.sections) {
    const found = occurrences(candidate[2], words);
    const distinct = new Set(found.map((f) => f[2])).size;
    if (distinct > count) {
      [section, spans, count] = [candidate, found, distinct];
    }
  }
  const [anchor, heading, text] = section;
  const first = spans.length ? spans[0][0] : 0;
  const from = Math.max(0, first - 20);
  const to = Math.min(text.length, from + EXCERPT);
  const terms = Object.fromEntries(pieces.map((p, n) => [p.label, hit.matched.has(n)]));
  const title = highlight(page.title, occurrences(page.title, words));
  return [
    { location: page.location, title, text: "", score: hit.score, terms },
    {
      location: anchor ? `${page.location}#${encodeURIComponent(anchor)}` : page.location,
      title: heading ? highlight(heading, occurrences(heading, words)) : title,
      text: highlight(text, spans, from, to),
      score: hit.score,
      terms,
    },
  ];
}

async function search(query) {
  const pieces = await piecesOf(query);
  if (!pieces.some((p) => p.terms.length)) return [];
  const hits = (await rank(pieces)).slice(0, SHOWN);
  return Promise.all(hits.map((hit) => resultItem(hit, pieces)));
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    try {
      manifest = await fetchJSON("index.json");
    } catch (error) {
      console.error("search index unavailable:", error);
      manifest = { shards: 1, docs: 0, characters: {} };
    }
    self.postMessage({ type: READY });
  } else if (message.type === QUERY && manifest) {
    const id = ++latest;
    let items = [];
    try {
      items = message.data.trim() ? await search(message.data) : [];
    } catch (error) {
      console.error("search failed:", error);
    }
    if (id === latest) self.postMessage({ type: RESULT, data: { items } });
  }
});
